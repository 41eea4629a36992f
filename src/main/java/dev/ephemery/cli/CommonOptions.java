package dev.ephemery.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Options every command shares: which inventory, how to print, and whether to show stack traces.
 */
public final class CommonOptions {

  Path file;
  OutputFormat output = OutputFormat.text;
  boolean debug;

  /** Adds {@code -f/--file}, {@code --output} and {@code --debug} to a command. */
  void addTo(CommandSpec spec) {
    spec.addOption(
        Specs.option(Path.class, () -> file, v -> file = v, "-f", "--file")
            .paramLabel("INVENTORY")
            .description(
                "Inventory file (default: ./ephemery.yaml if present, else the embedded default).")
            .build());
    spec.addOption(
        Specs.option(OutputFormat.class, () -> output, v -> output = v, "--output")
            .paramLabel("FORMAT")
            .defaultValue("text")
            .description("Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        Specs.flag(() -> debug, v -> debug = v, "--debug")
            .description("Show stack traces for unexpected errors.")
            .build());
  }

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
