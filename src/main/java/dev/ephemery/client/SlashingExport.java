package dev.ephemery.client;

import java.util.List;

/**
 * How a validator client writes its slashing protection as EIP-3076 interchange JSON, offline,
 * against its own data folder (the client stopped: every client locks its database while it runs).
 * It runs in a one-shot container with the validator's mounts plus {@link #OUTPUT_DIR}.
 *
 * @param image the image that has the export command ({@code null}: the validator's own)
 * @param command arguments after the image's entrypoint, as for the client's own command
 * @param outputFile where, in the container, the client writes the file
 * @param source where the command and its flags are documented
 */
public record SlashingExport(String image, List<String> command, String outputFile, String source) {

  /** The folder the exported file is written to, bind-mounted from the reset's archive. */
  public static final String OUTPUT_DIR = "/ephemery-export";

  /** The file name, when the client lets us choose it. */
  public static final String FILE = OUTPUT_DIR + "/interchange.json";

  public SlashingExport {
    command = List.copyOf(command);
  }
}
