package dev.ephemery.client;

import java.util.List;

/**
 * How a validator imports an EIP-3076 interchange file into its slashing protection, offline,
 * against its own data folder and the running iteration's testnet folder (the client stopped). It
 * runs in a one-shot container with the validator's mounts plus {@link #INPUT_DIR}, read-only.
 *
 * @param image the image that has the import command ({@code null}: the validator's own)
 * @param command arguments after the image's entrypoint, as for the client's own command
 * @param source where the command and its flags are documented
 */
public record SlashingImport(String image, List<String> command, String source) {

  /** The folder the file to import is mounted from. */
  public static final String INPUT_DIR = "/ephemery-import";

  /** The file the command reads. */
  public static final String FILE = INPUT_DIR + "/interchange.json";

  public SlashingImport {
    command = List.copyOf(command);
  }
}
