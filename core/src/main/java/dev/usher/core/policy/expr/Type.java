package dev.usher.core.policy.expr;

/** The static type of an expression, as far as the parser can tell; ANY when it cannot. */
enum Type {
  STRING("text"),
  NUMBER("number"),
  BOOLEAN("true/false"),
  DATE("date"),
  LIST("list"),
  ANY("any value");

  final String label;

  Type(String label) {
    this.label = label;
  }

  /** Whether a value of this static type may be used where {@code wanted} is expected. */
  boolean fits(Type wanted) {
    return this == wanted || this == ANY || wanted == ANY;
  }
}
