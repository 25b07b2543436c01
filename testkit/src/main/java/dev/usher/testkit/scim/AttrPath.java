package dev.usher.testkit.scim;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A parsed SCIM attribute path: {@code [urn:]attr[.sub]}, or in PATCH paths
 * {@code [urn:]attr[filter][.sub]}. A path naming a whole extension schema keeps the schema URN
 * split at its last colon; {@link #wholeSchema()} rejoins it.
 */
record AttrPath(
    @Nullable String urn, String attr, @Nullable String sub, @Nullable Filter valueFilter) {

  private static final Pattern NAME = Pattern.compile("\\$?[A-Za-z][A-Za-z0-9_$-]*");

  static AttrPath parse(String text, String scimTypeOnError) {
    String t = text.trim();
    if (t.isEmpty()) {
      throw ScimException.badRequest(scimTypeOnError, "Empty attribute path");
    }
    int bracket = t.indexOf('[');
    String head = bracket < 0 ? t : t.substring(0, bracket);
    Filter filter = null;
    String subAfterFilter = null;
    if (bracket >= 0) {
      int close = t.lastIndexOf(']');
      if (close < bracket) {
        throw ScimException.badRequest(scimTypeOnError, "Unclosed '[' in path '" + text + "'");
      }
      filter = FilterParser.parse(t.substring(bracket + 1, close));
      String rest = t.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(".") || rest.length() == 1) {
          throw ScimException.badRequest(
              scimTypeOnError, "Unexpected '" + rest + "' after ']' in path '" + text + "'");
        }
        subAfterFilter = rest.substring(1);
      }
    }
    String urn = null;
    String names = head;
    if (head.regionMatches(true, 0, "urn:", 0, 4)) {
      int colon = head.lastIndexOf(':');
      urn = head.substring(0, colon);
      names = head.substring(colon + 1);
    }
    String attr = names;
    String sub = null;
    int dot = names.indexOf('.');
    if (dot >= 0) {
      attr = names.substring(0, dot);
      sub = names.substring(dot + 1);
    }
    if (sub != null && subAfterFilter != null) {
      throw ScimException.badRequest(scimTypeOnError, "Invalid attribute path '" + text + "'");
    }
    if (subAfterFilter != null) {
      sub = subAfterFilter;
    }
    if (!NAME.matcher(attr).matches() || (sub != null && !NAME.matcher(sub).matches())) {
      throw ScimException.badRequest(
          scimTypeOnError,
          "Invalid attribute path '" + text + "': expected [schemaUrn:]name[.subName]");
    }
    return new AttrPath(urn, attr, sub, filter);
  }

  /** The whole-schema URN this path would name if it names an extension object, else null. */
  @Nullable String wholeSchema() {
    return urn == null || sub != null || valueFilter != null ? null : urn + ":" + attr;
  }

  /** True when the path is qualified by an extension (not core) schema URN. */
  boolean inExtension() {
    return urn != null && !ScimSchemas.isCore(urn);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (urn != null) {
      text.append(urn).append(':');
    }
    text.append(attr);
    if (valueFilter != null) {
      text.append("[...]");
    }
    if (sub != null) {
      text.append('.').append(sub);
    }
    return text.toString();
  }
}
