package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.Problem;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.inventory.InventoryDefaults;
import dev.ephemery.inventory.InventoryDefaults.HostFacts;
import dev.ephemery.inventory.InventoryParser;
import dev.ephemery.inventory.InventoryTemplates;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where every command gets its inventory: {@code -f FILE}, else {@code ./ephemery.yaml} when it
 * exists, else the embedded default. A missing or unreadable file is bad input (exit 2).
 */
public final class InventoryLoader {

  public static final String DEFAULT_FILE_NAME = "ephemery.yaml";
  static final long MAX_BYTES = 1024 * 1024;

  private final Path workingDir;
  private final HostFacts facts;

  public InventoryLoader(Path workingDir, HostFacts facts) {
    this.workingDir = workingDir;
    this.facts = facts;
  }

  /** The loader for this process: the current directory and the current user. */
  public static InventoryLoader system() {
    return new InventoryLoader(Path.of("").toAbsolutePath(), SystemFacts.hostFacts());
  }

  /** Which inventory a command uses; {@code file} is null for the embedded default. */
  public record Source(Path file, String description) {
    boolean embedded() {
      return file == null;
    }
  }

  /** The source's validation: the inventory when valid, and every problem. */
  public record Loaded(Source source, InventoryParser.Result result) {}

  public Source resolve(Path fileOption) {
    if (fileOption != null) {
      Path file = workingDir.resolve(fileOption);
      return new Source(file, fileOption.toString());
    }
    Path local = workingDir.resolve(DEFAULT_FILE_NAME);
    if (Files.exists(local)) {
      return new Source(local, "./" + DEFAULT_FILE_NAME);
    }
    return new Source(null, InventoryDefaults.EMBEDDED_SOURCE);
  }

  /** The valid inventory, or an {@link InvalidInputException} with every problem. */
  public Inventory load(Path fileOption) {
    Loaded loaded = validate(fileOption);
    if (!loaded.result().valid()) {
      throw new InvalidInputException(withSource(loaded));
    }
    return loaded.result().inventory();
  }

  /** Validates without throwing for problems in the inventory itself. */
  public Loaded validate(Path fileOption) {
    Source source = resolve(fileOption);
    if (source.embedded()) {
      return new Loaded(
          source, new InventoryParser.Result(InventoryTemplates.embeddedDefault(facts), List.of()));
    }
    try {
      String text = readText(source.file(), source.description());
      return new Loaded(source, InventoryParser.validate(text, source.description()));
    } catch (InvalidInputException e) {
      return new Loaded(source, new InventoryParser.Result(null, e.problems()));
    }
  }

  public HostFacts facts() {
    return facts;
  }

  /** Problems with no key path name the file, so a message always says where. */
  static List<Problem> withSource(Loaded loaded) {
    return loaded.result().problems().stream()
        .map(
            p ->
                p.where().isEmpty()
                    ? Problem.at(loaded.source().description(), p.line(), p.message(), p.hint())
                    : p)
        .toList();
  }

  /** Reads a small UTF-8 text file; anything else is a problem naming the file. */
  static String readText(Path file, String name) {
    if (!Files.exists(file)) {
      throw InvalidInputException.of(
          name,
          "file not found",
          "give an existing file with -f, or create one with 'ephemery init'");
    }
    if (!Files.isRegularFile(file)) {
      throw InvalidInputException.of(name, "not a regular file", "give a YAML file");
    }
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw InvalidInputException.of(
            name, "the file is larger than 1 MiB", "an inventory is a small YAML file");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw InvalidInputException.of(
          name, "cannot read the file: " + e.getMessage(), "check its permissions");
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw InvalidInputException.of(
          name, "not a text file (not valid UTF-8)", "give a YAML text file in UTF-8");
    }
  }
}
