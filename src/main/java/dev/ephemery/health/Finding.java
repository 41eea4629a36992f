package dev.ephemery.health;

/**
 * One probe's conclusion about one aspect of a node.
 *
 * @param component what was looked at: {@code execution}, {@code consensus}, {@code validator}, a
 *     container's service name, {@code link}, {@code disk}, {@code clock}, {@code release}
 * @param check the aspect, e.g. {@code chain}, {@code sync}, {@code peers}, {@code genesis}
 * @param code a stable name of the finding's kind that the doctor rules match on (e.g. {@code
 *     consensus.previous-iteration}); {@code ok} when nothing is wrong
 * @param detail the reason, in words, with the numbers that led to it
 */
public record Finding(String component, String check, Verdict verdict, String code, String detail) {

  public static Finding ok(String component, String check, String detail) {
    return new Finding(component, check, Verdict.OK, "ok", detail);
  }

  public static Finding of(
      String component, String check, Verdict verdict, String code, String detail) {
    return new Finding(component, check, verdict, code, detail);
  }
}
