package dev.ephemery.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every command shares: which inventory, how to print, and whether to show stack traces.
 */
public final class CommonOptions {

  @Option(
      names = {"-f", "--file"},
      paramLabel = "INVENTORY",
      description =
          "Inventory file (default: ./ephemery.yaml if present, else the embedded default).")
  Path file;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat output = OutputFormat.text;

  @Option(names = "--debug", description = "Show stack traces for unexpected errors.")
  boolean debug;

  public Path file() {
    return file;
  }

  public OutputFormat output() {
    return output;
  }

  public boolean json() {
    return output == OutputFormat.json;
  }

  /** The output formats; lower-case constants so picocli prints them as users type them. */
  public enum OutputFormat {
    text,
    json
  }
}
