// Inversions, crashes: sized for group 1 only. With n > 1000 the array write throws
// ArrayIndexOutOfBoundsException.
import java.util.*;
import java.io.*;

public class Main {
  static final int MAX_N = 1000;

  public static void main(String[] args) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    int n = Integer.parseInt(in.readLine().trim());
    long[] a = new long[MAX_N];
    StringTokenizer tokens = new StringTokenizer(in.readLine());
    for (int i = 0; i < n; i++) a[i] = Long.parseLong(tokens.nextToken());
    long count = 0;
    for (int j = 0; j < n; j++)
      for (int i = 0; i < j; i++)
        if (a[i] > a[j]) count++;
    System.out.println(count);
  }
}
