package dev.ephemery.cli;

/**
 * The tool's version, written into source by the build (src/main/java-templates, filtered). A
 * constant rather than a resource so `--version` reads no file.
 */
final class BuildVersion {

  static final String VERSION = "${project.version}";

  private BuildVersion() {}
}
