package io.hostwatch.rulesgen.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A unified diff (as {@code diff -u} prints it, 3 lines of context) between the files in an output
 * folder and the files {@code generate} would write there.
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** The diff of every file that differs; empty when nothing would change. */
  public static String of(Map<String, String> current, Map<String, String> next) {
    StringBuilder sb = new StringBuilder();
    for (String path : new TreeSet<>(union(current, next))) {
      String a = current.get(path);
      String b = next.get(path);
      if (a != null && a.equals(b)) {
        continue;
      }
      sb.append("--- ").append(a == null ? "/dev/null" : "a/" + path).append('\n');
      sb.append("+++ ").append(b == null ? "/dev/null" : "b/" + path).append('\n');
      sb.append(file(lines(a), lines(b)));
    }
    return sb.toString();
  }

  private static TreeSet<String> union(Map<String, String> a, Map<String, String> b) {
    TreeSet<String> all = new TreeSet<>(a.keySet());
    all.addAll(b.keySet());
    return all;
  }

  private static List<String> lines(String text) {
    return text == null ? List.of() : text.lines().toList();
  }

  /** Edit script by longest common subsequence, then grouped into hunks. */
  static String file(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    // ops: ' ' keep, '-' delete, '+' insert, with the line indexes in a and b
    List<int[]> ops = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        ops.add(new int[] {' ', i++, j++});
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.add(new int[] {'-', i++, j});
      } else {
        ops.add(new int[] {'+', i, j++});
      }
    }
    return hunks(ops, a, b);
  }

  private static String hunks(List<int[]> ops, List<String> a, List<String> b) {
    StringBuilder sb = new StringBuilder();
    int k = 0;
    while (k < ops.size()) {
      if (ops.get(k)[0] == ' ') {
        k++;
        continue;
      }
      int start = Math.max(0, k - CONTEXT);
      int end = k;
      int lastChange = k;
      while (end < ops.size() && end - lastChange <= 2 * CONTEXT) {
        if (ops.get(end)[0] != ' ') {
          lastChange = end;
        }
        end++;
      }
      end = Math.min(ops.size(), lastChange + CONTEXT + 1);
      int aStart = ops.get(start)[1];
      int bStart = ops.get(start)[2];
      int aLen = 0;
      int bLen = 0;
      StringBuilder body = new StringBuilder();
      for (int x = start; x < end; x++) {
        int[] op = ops.get(x);
        if (op[0] != '+') {
          aLen++;
        }
        if (op[0] != '-') {
          bLen++;
        }
        String line = op[0] == '+' ? b.get(op[2]) : a.get(op[1]);
        body.append((char) op[0]).append(line).append('\n');
      }
      sb.append("@@ -")
          .append(range(aStart, aLen))
          .append(" +")
          .append(range(bStart, bLen))
          .append(" @@\n")
          .append(body);
      k = end;
    }
    return sb.toString();
  }

  private static String range(int start, int len) {
    return (len == 0 ? start : start + 1) + "," + len;
  }
}
