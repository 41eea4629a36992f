package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files the user asked for: never over an existing one unless forced, never half-written.
 */
final class TextFiles {

  private TextFiles() {}

  static void writeNew(Path file, String text, boolean force, String name) {
    if (Files.exists(file) && !force) {
      throw InvalidInputException.of(
          name,
          "the file already exists",
          "choose another file with -o, or add --force to replace it");
    }
    if (Files.isDirectory(file)) {
      throw InvalidInputException.of(name, "is a directory", "give a file name with -o");
    }
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try {
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new OperationalException(
          name, "cannot write the file: " + e.getMessage(), "check the directory's permissions", e);
    }
  }
}
