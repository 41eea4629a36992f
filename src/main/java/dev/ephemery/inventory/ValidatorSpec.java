package dev.ephemery.inventory;

import java.util.List;

/**
 * The validator client of a host.
 *
 * @param client which consensus client family runs the validator (usually the beacon node's)
 * @param keysDir where EIP-2335 keystores to import are, or null
 * @param graffiti block graffiti, or null
 * @param feeRecipient the 0x address for execution rewards, or null
 */
public record ValidatorSpec(
    boolean enabled,
    ConsensusClient client,
    String image,
    List<String> extraArgs,
    String keysDir,
    String graffiti,
    String feeRecipient) {
  public ValidatorSpec {
    extraArgs = List.copyOf(extraArgs);
  }
}
