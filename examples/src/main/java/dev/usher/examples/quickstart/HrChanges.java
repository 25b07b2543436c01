package dev.usher.examples.quickstart;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What HR changes between the quickstart's runs, written into the export as HR would. */
final class HrChanges {
  static final String MOVER = "E1025";
  static final String LEAVER = "E1012";
  static final String JOINER = "E1051";

  private HrChanges() {}

  static void apply(Path csv, PrintStream out) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",", -1);
      if (cells[0].equals(MOVER)) {
        set(cells, header, "department", "Engineering");
        set(cells, header, "title", "Solutions Engineer");
        set(cells, header, "managerId", "E1001");
        out.println("  mover:  " + MOVER + " " + name(cells, header) + " moves from Sales to Engineering");
      } else if (cells[0].equals(LEAVER)) {
        set(cells, header, "status", "TERMINATED");
        out.println("  leaver: " + LEAVER + " " + name(cells, header) + " is terminated");
      }
      lines.set(i, String.join(",", cells));
    }
    lines.add(JOINER + ",Ada,Okoye,ada.okoye@example.com,Support,Support Specialist,,E1043,ACTIVE,2026-12-07");
    out.println("  joiner: " + JOINER + " Ada Okoye joins Support");
    Files.write(csv, lines, StandardCharsets.UTF_8);
  }

  private static void set(String[] cells, List<String> header, String column, String value) {
    cells[header.indexOf(column)] = value;
  }

  private static String name(String[] cells, List<String> header) {
    return cells[header.indexOf("givenName")] + " " + cells[header.indexOf("familyName")];
  }
}
