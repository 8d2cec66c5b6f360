// Pair Sum, crashes: a "fast path" looks at a[0] + a[1] before the real search, which throws
// ArrayIndexOutOfBoundsException when n == 1.
import java.io.*;
import java.util.*;

public class Main {
  public static void main(String[] args) throws IOException {
    StreamTokenizer in = new StreamTokenizer(new BufferedReader(new InputStreamReader(System.in)));
    in.resetSyntax();
    in.wordChars('-', '-');
    in.wordChars('0', '9');
    in.whitespaceChars(0, ' ');
    in.nextToken();
    int n = Integer.parseInt(in.sval);
    in.nextToken();
    long t = Long.parseLong(in.sval);
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      in.nextToken();
      a[i] = Long.parseLong(in.sval);
    }
    if (a[0] + a[1] == t) {
      System.out.println("1 2");
      return;
    }
    HashMap<Long, Integer> first = new HashMap<>();
    for (int j = 0; j < n; j++) {
      Integer i = first.get(t - a[j]);
      if (i != null) {
        System.out.println((i + 1) + " " + (j + 1));
        return;
      }
      first.putIfAbsent(a[j], j);
    }
    System.out.println("impossible");
  }
}
