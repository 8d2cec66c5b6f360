// The sieve of the off_by_one_sieve submission (see Main.java).
public class Sieve {
  private final int n;
  private final boolean[] composite;

  public Sieve(int n) {
    this.n = n;
    this.composite = new boolean[n];  // should be n + 1
  }

  public int countPrimes() {
    int count = 0;
    for (int i = 2; i <= n; i++) {
      if (composite[i]) continue;
      count++;
      for (long j = (long) i * i; j <= n; j += i) composite[(int) j] = true;
    }
    return count;
  }
}
