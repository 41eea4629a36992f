package dev.ephemery.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What an operator does to the inventory {@code init --validator} wrote before using it. */
final class InitInventories {

  /**
   * Sets the validator's keys folder, password file and fee recipient that {@code init} leaves
   * commented out (with its example paths; {@code plan} does not read them).
   */
  static Path withValidatorKeys(Path inventory) throws IOException {
    String text = Files.readString(inventory);
    for (String key : new String[] {"keysDir", "passwordFile", "feeRecipient"}) {
      text = text.replace("# " + key + ": ", key + ": ");
    }
    Files.writeString(inventory, text);
    return inventory;
  }

  private InitInventories() {}
}
