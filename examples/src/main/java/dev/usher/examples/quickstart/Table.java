package dev.usher.examples.quickstart;

import java.io.PrintStream;
import java.util.List;

/** Prints rows as an aligned text table. */
final class Table {
  private Table() {}

  static void print(PrintStream out, List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    line(out, header, widths);
    for (List<String> row : rows) {
      line(out, row, widths);
    }
  }

  private static void line(PrintStream out, List<String> cells, int[] widths) {
    StringBuilder sb = new StringBuilder("  ");
    for (int i = 0; i < cells.size(); i++) {
      sb.append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length() + 2));
    }
    out.println(sb.toString().stripTrailing());
  }
}
