package dev.ephemery.cli;

/** The tool's version. Free of picocli and of file reads so `--version` starts fast. */
final class Version {

  private Version() {}

  static String current() {
    return BuildVersion.VERSION;
  }

  static String line() {
    return "ephemery " + current();
  }
}
