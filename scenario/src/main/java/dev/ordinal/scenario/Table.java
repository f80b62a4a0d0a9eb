package dev.ordinal.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * kubectl's table layout: each column as wide as its widest cell plus three spaces, the last column
 * unpadded. Like kubectl's tabwriter with {@code RememberWidths}, a table printed row by row (a
 * watch) remembers its widths, which only grow: a later wide cell pushes the columns after it
 * right from then on.
 */
final class Table {

  private static final int PADDING = 3;

  private final List<Integer> widths = new ArrayList<>();

  /** Returns the rows laid out together, each ending in a newline. */
  static String format(List<List<String>> rows) {
    Table table = new Table();
    for (List<String> row : rows) {
      table.widen(row);
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      out.append(table.layout(row));
    }
    return out.toString();
  }

  /** Widens the remembered widths for these rows and returns them laid out. */
  String print(List<List<String>> rows) {
    for (List<String> row : rows) {
      widen(row);
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      out.append(layout(row));
    }
    return out.toString();
  }

  private void widen(List<String> row) {
    for (int i = 0; i < row.size() - 1; i++) {
      int w = row.get(i).length() + PADDING;
      if (i >= widths.size()) {
        widths.add(w);
      } else if (w > widths.get(i)) {
        widths.set(i, w);
      }
    }
  }

  private String layout(List<String> row) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < row.size(); i++) {
      String cell = row.get(i);
      out.append(cell);
      if (i < row.size() - 1) {
        out.append(" ".repeat(widths.get(i) - cell.length()));
      }
    }
    return out.append('\n').toString();
  }
}
