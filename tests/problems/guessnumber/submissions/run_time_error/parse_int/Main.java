// Guess the Number, crashes: reads the reply as a number, but replies are '<', '>' or '=',
// so Integer.parseInt throws NumberFormatException on the first reply.
import java.io.*;

public class Main {
  public static void main(String[] args) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    long n = Long.parseLong(in.readLine().trim());
    long lo = 1, hi = n;
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      System.out.println("? " + mid);
      System.out.flush();
      int reply = Integer.parseInt(in.readLine().trim());
      if (reply == 0) { lo = hi = mid; } else if (reply < 0) { hi = mid - 1; } else { lo = mid + 1; }
    }
    System.out.println("! " + lo);
  }
}
