package dev.usher.core.policy.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Suggests the valid names closest to a misspelt one (edit distance, case-insensitive). */
public final class NearestNames {
  private NearestNames() {}

  /**
   * Up to three names from {@code valid} within a small edit distance of {@code wrong}, best
   * first; empty when none is close.
   */
  public static List<String> of(String wrong, Collection<String> valid) {
    String w = wrong.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, w.length() / 3);
    record Scored(String name, int distance) {}
    List<Scored> scored = new ArrayList<>();
    for (String v : valid) {
      String lv = v.toLowerCase(Locale.ROOT);
      int d = lv.equals(w) ? 0 : distance(w, lv);
      if (d <= limit || (w.length() >= 3 && (lv.startsWith(w) || w.startsWith(lv)) && lv.length() >= 3)) {
        scored.add(new Scored(v, d));
      }
    }
    scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < scored.size() && i < 3; i++) {
      out.add(scored.get(i).name());
    }
    return out;
  }

  /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
