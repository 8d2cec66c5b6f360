// Prime Count: a two-file Java program whose sieve array is one element short; marking n
// throws ArrayIndexOutOfBoundsException for every n >= 2.
// @EXPECTED_RESULTS@: RUN-ERROR
import java.util.Scanner;

public class Main {
  public static void main(String[] args) {
    int n = new Scanner(System.in).nextInt();
    System.out.println(new Sieve(n).countPrimes());
  }
}
