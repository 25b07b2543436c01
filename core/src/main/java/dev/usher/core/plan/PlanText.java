package dev.usher.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Text and Markdown renderings of a plan. */
final class PlanText {
  private PlanText() {}

  private static final List<String> OP_HEADER =
      List.of("APPLICATION", "USER", "ACCOUNT", "OPERATION", "DETAIL", "REASON");

  static String summary(Plan plan) {
    StringBuilder sb = new StringBuilder();
    sb.append("Plan for tenant '").append(plan.tenantId()).append("' computed ")
        .append(plan.createdAt()).append(": ").append(plural(plan.operations().size(), "operation"))
        .append(", ").append(plan.staged().size()).append(" staged, ")
        .append(plural(plan.warnings().size(), "warning")).append('\n');
    if (!plan.operations().isEmpty()) {
      sb.append('\n');
      table(sb, OP_HEADER, rows(plan.operations()));
    }
    if (!plan.staged().isEmpty()) {
      sb.append("\nStaged until approved:\n");
      List<String> header = new ArrayList<>(OP_HEADER);
      header.add(0, "ID");
      header.add("STAGED BECAUSE");
      List<List<String>> rows = new ArrayList<>();
      for (StagedOperation s : plan.staged()) {
        List<String> row = new ArrayList<>(row(s.operation()));
        row.add(0, s.id());
        row.add(s.why());
        rows.add(row);
      }
      table(sb, header, rows);
    }
    if (!plan.warnings().isEmpty()) {
      sb.append("\nWarnings:\n");
      for (Warning w : plan.warnings()) {
        sb.append("  ").append(w).append('\n');
      }
    }
    sb.append("\nTotals: ").append(totals(plan)).append('\n');
    if (!plan.situations().isEmpty()) {
      sb.append("Situations: ").append(situations(plan)).append('\n');
    }
    return sb.toString();
  }

  static String markdown(Plan plan) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Plan for tenant `").append(plan.tenantId()).append("`\n\n")
        .append("Computed ").append(plan.createdAt()).append(". ")
        .append(plural(plan.operations().size(), "operation")).append(", ")
        .append(plan.staged().size()).append(" staged, ")
        .append(plural(plan.warnings().size(), "warning")).append(".\n\n")
        .append("Totals: ").append(totals(plan)).append("\n");
    if (!plan.operations().isEmpty()) {
      sb.append("\n## Operations\n\n");
      mdTable(sb, OP_HEADER, rows(plan.operations()));
    }
    if (!plan.staged().isEmpty()) {
      sb.append("\n## Staged until approved\n\n");
      List<List<String>> rows = new ArrayList<>();
      for (StagedOperation s : plan.staged()) {
        rows.add(List.of("`" + s.id() + "`", s.operation().type().label(), s.why()));
      }
      mdTable(sb, List.of("ID", "OPERATION", "STAGED BECAUSE"), rows);
    }
    if (!plan.warnings().isEmpty()) {
      sb.append("\n## Warnings\n\n");
      for (Warning w : plan.warnings()) {
        sb.append("- **").append(w.kind()).append("** ").append(md(w.toString().substring(w.kind().name().length() + 1))).append('\n');
      }
    }
    return sb.toString();
  }

  private static String totals(Plan plan) {
    Map<OperationType, Integer> counts = plan.counts();
    if (counts.isEmpty()) {
      return "nothing to do";
    }
    return counts.entrySet().stream().map(e -> e.getKey().label() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String situations(Plan plan) {
    return plan.situations().entrySet().stream()
        .map(e -> e.getKey() + " (" + e.getValue().entrySet().stream()
            .map(s -> s.getKey().name().toLowerCase(java.util.Locale.ROOT) + " " + s.getValue())
            .collect(Collectors.joining(", ")) + ")")
        .collect(Collectors.joining("; "));
  }

  private static List<List<String>> rows(List<Operation> ops) {
    List<List<String>> rows = new ArrayList<>(ops.size());
    for (Operation o : ops) {
      rows.add(row(o));
    }
    return rows;
  }

  private static List<String> row(Operation o) {
    return List.of(o.applicationId(), o.userId() == null ? "-" : o.userId(),
        o.accountId() == null ? "-" : o.accountId(), o.type().label() + (o.deferred() ? " (after creates)" : ""),
        o.describe(), o.reason().toString());
  }

  private static void table(StringBuilder sb, List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
    }
    for (List<String> r : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    line(sb, header, widths);
    for (List<String> r : rows) {
      line(sb, r, widths);
    }
  }

  private static void line(StringBuilder sb, List<String> cells, int[] widths) {
    StringBuilder l = new StringBuilder("  ");
    for (int i = 0; i < cells.size(); i++) {
      l.append(cells.get(i));
      if (i < cells.size() - 1) {
        l.append(" ".repeat(widths[i] - cells.get(i).length() + 2));
      }
    }
    sb.append(l.toString().stripTrailing()).append('\n');
  }

  private static void mdTable(StringBuilder sb, List<String> header, List<List<String>> rows) {
    sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
    sb.append(" --- |".repeat(header.size())).append('\n');
    for (List<String> r : rows) {
      sb.append("| ").append(r.stream().map(PlanText::md).collect(Collectors.joining(" | "))).append(" |\n");
    }
  }

  private static String md(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
