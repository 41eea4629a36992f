package dev.ephemery.client;

import java.util.List;

/**
 * The client's own way of taking the validator's keystores into its data dir, run as a one-shot
 * step before the validator starts, and again whenever the keys folder's content changes. Every
 * client's import skips a key it already holds, so a rerun imports just the new ones.
 *
 * @param image the image to run it with, or null for the client's own (nimbus's validator image has
 *     no import command; its beacon node image has)
 * @param entrypoint the entrypoint to set, or null to keep the image's own
 * @param command the import's arguments; it reads {@link ContainerPaths#KEYS} and the password
 *     mount and writes the data dir
 * @param source where the command and its options are documented
 */
public record KeyImport(
    String image, List<String> entrypoint, List<String> command, String source) {
  public KeyImport {
    entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    command = List.copyOf(command);
  }
}
