// Inversions: coordinate compression and a Fenwick tree counting larger earlier values.
import java.io.*;
import java.util.*;

public class Main {
  public static void main(String[] args) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
    int n = (int) readLong(in);
    long[] a = new long[n];
    for (int i = 0; i < n; i++) a[i] = readLong(in);
    long[] sorted = a.clone();
    Arrays.sort(sorted);
    long[] tree = new long[n + 1];
    long inversions = 0;
    for (int i = 0; i < n; i++) {
      int rank = Arrays.binarySearch(sorted, a[i]);
      while (rank > 0 && sorted[rank - 1] == a[i]) rank--;
      rank += 1;  // 1-based; equal values share the first rank
      long notGreater = 0;
      for (int r = rank; r > 0; r -= r & -r) notGreater += tree[r];
      inversions += i - notGreater;
      for (int r = rank; r <= n; r += r & -r) tree[r]++;
    }
    System.out.println(inversions);
  }

  private static long readLong(DataInputStream in) throws IOException {
    int c = in.read();
    while (c == ' ' || c == '\n' || c == '\r') c = in.read();
    long value = 0;
    while (c >= '0' && c <= '9') {
      value = value * 10 + (c - '0');
      c = in.read();
    }
    return value;
  }
}
