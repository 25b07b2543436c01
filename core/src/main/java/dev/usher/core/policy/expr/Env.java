package dev.usher.core.policy.expr;

import dev.usher.core.model.Account;
import dev.usher.core.model.User;
import dev.usher.core.policy.EvaluationContext;
import org.jspecify.annotations.Nullable;

/** What one evaluation sees: the subject (a user or an account) and the uniqueness check. */
final class Env {
  final @Nullable User user;
  final @Nullable Account account;
  final EvaluationContext context;
  final String target;

  Env(@Nullable User user, @Nullable Account account, EvaluationContext context, String target) {
    this.user = user;
    this.account = account;
    this.context = context;
    this.target = target;
  }
}
