package dev.ephemery.inventory;

import java.util.List;

/**
 * The validator client of a host.
 *
 * @param client which consensus client family runs the validator (usually the beacon node's)
 * @param keysDir where EIP-2335 keystores to import are, or null
 * @param graffiti block graffiti, or null
 * @param feeRecipient the 0x address for execution rewards, or null
 * @param passwordFile one file holding the password of every keystore in keysDir, or null
 * @param passwordsDir one password file per keystore, {@code <keystore name without .json>.txt}, or
 *     null
 * @param remoteSigner a Web3Signer URL that signs instead of local keystores, or null
 * @param doppelganger whether the client waits to see that its keys are not live elsewhere first
 */
public record ValidatorSpec(
    boolean enabled,
    ConsensusClient client,
    String image,
    List<String> extraArgs,
    String keysDir,
    String graffiti,
    String feeRecipient,
    String passwordFile,
    String passwordsDir,
    String remoteSigner,
    boolean doppelganger) {
  public ValidatorSpec {
    extraArgs = List.copyOf(extraArgs);
  }

  /** Local keys without a password key, no remote signer, doppelganger protection off. */
  public ValidatorSpec(
      boolean enabled,
      ConsensusClient client,
      String image,
      List<String> extraArgs,
      String keysDir,
      String graffiti,
      String feeRecipient) {
    this(
        enabled,
        client,
        image,
        extraArgs,
        keysDir,
        graffiti,
        feeRecipient,
        null,
        null,
        null,
        false);
  }

  /** Whether the validator signs with keystores on the host (not through a remote signer). */
  public boolean localKeys() {
    return keysDir != null;
  }
}
