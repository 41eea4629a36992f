package dev.ephemery.common;

import java.util.Objects;

/**
 * One thing wrong with the user's input or environment, located where possible.
 *
 * @param where a key path such as {@code hosts[0].consensus.client}, a file name, or empty
 * @param line 1-based line in the source, or 0 when unknown
 * @param message what is wrong
 * @param hint how to fix it, or empty
 */
public record Problem(String where, int line, String message, String hint) {

  public Problem {
    Objects.requireNonNull(message, "message");
    where = where == null ? "" : where;
    hint = hint == null ? "" : hint;
  }

  public static Problem of(String where, String message) {
    return new Problem(where, 0, message, "");
  }

  public static Problem at(String where, int line, String message, String hint) {
    return new Problem(where, line, message, hint);
  }

  /** One line for a terminal: {@code hosts[0].name (line 4): message (hint)}. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (!where.isEmpty()) {
      text.append(where);
      if (line > 0) {
        text.append(" (line ").append(line).append(')');
      }
      text.append(": ");
    } else if (line > 0) {
      text.append("line ").append(line).append(": ");
    }
    text.append(message);
    if (!hint.isEmpty()) {
      text.append(" — ").append(hint);
    }
    return text.toString();
  }
}
