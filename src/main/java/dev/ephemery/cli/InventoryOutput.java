package dev.ephemery.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where a command that writes an inventory ({@code init}, {@code import ansible}) puts it: {@code
 * -o/--out FILE} (default ./ephemery.yaml), never over an existing file without {@code --force}.
 */
final class InventoryOutput {

  Path out;
  boolean force;

  void addTo(CommandSpec spec) {
    spec.addOption(
        Specs.option(Path.class, () -> out, v -> out = v, "-o", "--out")
            .paramLabel("FILE")
            .description("Where to write (default: ./ephemery.yaml).")
            .build());
    spec.addOption(
        Specs.flag(() -> force, v -> force = v, "--force")
            .description("Replace the file if it exists.")
            .build());
  }

  Path target() {
    return out != null ? out : Path.of(InventoryLoader.DEFAULT_FILE_NAME);
  }

  /** Writes {@code text} to {@link #target()}; exit 2 (changing nothing) when it exists. */
  void write(String text) {
    Path target = target();
    TextFiles.writeNew(target, text, force, target.toString());
  }
}
