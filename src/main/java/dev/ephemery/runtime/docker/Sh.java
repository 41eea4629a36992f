package dev.ephemery.runtime.docker;

/** Quoting for the few shell lines the helper container runs. */
final class Sh {
  private Sh() {}

  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
