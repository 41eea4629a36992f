package dev.ephemery.inventory;

import dev.ephemery.common.Problem;
import dev.ephemery.inventory.InventorySchema.Validator;
import java.util.ArrayList;
import java.util.List;

/**
 * What an enabled validator cannot run without. A pre-flight check rather than a schema rule, so
 * that files the tool writes for the user to finish ({@code init --validator}, {@code import
 * ansible}) still parse, while {@code ephemery check} names every missing key.
 */
public final class ValidatorChecks {

  private ValidatorChecks() {}

  /** Every host whose enabled validator lacks a fee recipient, keys or their password. */
  public static List<Problem> required(Inventory inventory) {
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < inventory.hosts().size(); i++) {
      ValidatorSpec validator = inventory.hosts().get(i).validator();
      if (validator == null || !validator.enabled()) {
        continue;
      }
      String at = "hosts[" + i + "].validator.";
      if (validator.feeRecipient() == null) {
        problems.add(
            Problem.at(
                at + Validator.FEE_RECIPIENT.name(),
                0,
                "an enabled validator needs a fee recipient for the execution rewards of its"
                    + " blocks",
                "set feeRecipient: \"0x...\" (40 hex digits, quoted) to an address you hold"));
      }
      if (validator.keysDir() == null && validator.remoteSigner() == null) {
        problems.add(
            Problem.at(
                at + Validator.KEYS_DIR.name(),
                0,
                "the validator has no keys to sign with",
                "set keysDir to a directory of EIP-2335 keystores on the host, or remoteSigner to"
                    + " a Web3Signer URL"));
      } else if (validator.keysDir() != null
          && validator.passwordFile() == null
          && validator.passwordsDir() == null) {
        problems.add(
            Problem.at(
                at + Validator.PASSWORD_FILE.name(),
                0,
                "keysDir is set but nothing says how to unlock its keystores",
                "set passwordFile (one password for all keystores) or passwordsDir (one"
                    + " <keystore name>.txt per keystore)"));
      }
    }
    return problems;
  }
}
