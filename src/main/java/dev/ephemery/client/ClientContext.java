package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import dev.ephemery.network.Release;

/**
 * What a profile needs to build one container's command: the release, the flavor and where the
 * other containers of the node are.
 *
 * @param executionEndpoint the Engine API URL of the node's EL, for beacon nodes
 * @param beaconEndpoint the beacon REST URL of the node's beacon node, for validator clients
 * @param beaconHost the beacon node's container name (prysm's validator talks gRPC to it)
 * @param checkpointSyncUrl null for genesis sync
 * @param validator the validator settings when this container runs validators (a validator client,
 *     or a beacon node with a built-in validator), else null
 */
public record ClientContext(
    Release release,
    Flavor flavor,
    int p2pPort,
    String executionEndpoint,
    String beaconEndpoint,
    String beaconHost,
    String checkpointSyncUrl,
    ValidatorSettings validator) {

  /**
   * Validator options in container terms.
   *
   * @param hasKeys keystores are mounted at {@link ContainerPaths#KEYS}
   * @param passwordFile where the one password of every keystore is mounted, or null
   * @param passwordsDir where the per-keystore password files ({@code <keystore name>.txt}) are
   *     mounted, or null
   * @param remoteSigner the Web3Signer URL that signs instead of local keys, or null
   * @param doppelganger whether to wait for proof that the keys are not live elsewhere
   */
  public record ValidatorSettings(
      boolean hasKeys,
      String feeRecipient,
      String graffiti,
      String passwordFile,
      String passwordsDir,
      String remoteSigner,
      boolean doppelganger) {

    /** Local keys or none, no password mounted, doppelganger protection off. */
    public ValidatorSettings(boolean hasKeys, String feeRecipient, String graffiti) {
      this(hasKeys, feeRecipient, graffiti, null, null, null, false);
    }

    /** The settings of an inventory's validator, with its host paths mapped into containers. */
    public static ValidatorSettings of(dev.ephemery.inventory.ValidatorSpec spec) {
      return new ValidatorSettings(
          spec.keysDir() != null,
          spec.feeRecipient(),
          spec.graffiti(),
          spec.passwordFile() == null ? null : ContainerPaths.PASSWORD_FILE,
          spec.passwordsDir() == null ? null : ContainerPaths.PASSWORDS_DIR,
          spec.remoteSigner(),
          spec.doppelganger());
    }
  }

  /** An execution client's: nothing of the other containers. */
  public static ClientContext forExecution(Release release, Flavor flavor, int p2pPort) {
    return new ClientContext(release, flavor, p2pPort, null, null, null, null, null);
  }

  /**
   * A beacon node's, given the EL's Engine API URL.
   *
   * @param checkpointSyncUrl null for genesis sync
   * @param validator the built-in validator's settings, or null when it runs none
   */
  public static ClientContext forBeacon(
      Release release,
      Flavor flavor,
      int p2pPort,
      String executionEndpoint,
      String checkpointSyncUrl,
      ValidatorSettings validator) {
    return new ClientContext(
        release, flavor, p2pPort, executionEndpoint, null, null, checkpointSyncUrl, validator);
  }

  /** A validator client's (no P2P), given where its beacon node answers. */
  public static ClientContext forValidator(
      Release release,
      Flavor flavor,
      String beaconEndpoint,
      String beaconHost,
      ValidatorSettings validator) {
    return new ClientContext(release, flavor, 0, null, beaconEndpoint, beaconHost, null, validator);
  }

  public boolean wrapper() {
    return flavor == Flavor.WRAPPER;
  }

  /** The release folder as the client sees it: ours, or the one the wrapper manages. */
  public String testnetDir() {
    return wrapper() ? ContainerPaths.WRAPPER_TESTNET : ContainerPaths.TESTNET;
  }

  public String chainId() {
    return release.chainId().toString();
  }

  public String enodes() {
    return String.join(",", release.enodeBootnodes());
  }

  public String enrs() {
    return String.join(",", release.enrBootnodes());
  }
}
