package dev.ephemery.inventory;

import java.util.List;

/** Values the tool falls back on, and the facts about this machine they depend on. */
public final class InventoryDefaults {

  public static final String SYSTEM_BASE_DIR = "/opt/ephemery";
  public static final String USER_BASE_DIR_NAME = ".ephemery";
  public static final String DEFAULT_HOST_NAME = "node1";
  public static final ExecutionClient DEFAULT_EXECUTION = ExecutionClient.GETH;
  public static final ConsensusClient DEFAULT_CONSENSUS = ConsensusClient.LIGHTHOUSE;
  public static final String EMBEDDED_SOURCE = "<embedded default>";

  /** Public Ephemery checkpoint servers (ephemery-testnet/ephemery-resources README). */
  public static final List<String> CHECKPOINT_SYNC_URLS =
      List.of(
          "https://checkpoint-sync.ephemery.ethpandaops.io",
          "https://ephemery.beaconstate.ethstaker.cc",
          "https://checkpointz.bordel.wtf",
          "https://beaconstate-ephemery.chainsafe.dev");

  private InventoryDefaults() {}

  /**
   * Facts about the machine running ephemery that defaults depend on, read by the caller.
   *
   * @param home the user's home directory, absolute
   */
  public record HostFacts(int uid, String home) {
    public boolean root() {
      return uid == 0;
    }
  }

  /** Root keeps data in /opt/ephemery; anyone else under their home, where they can write. */
  public static String localBaseDir(HostFacts facts) {
    if (facts.root() || facts.home() == null || !facts.home().startsWith("/")) {
      return SYSTEM_BASE_DIR;
    }
    String home = facts.home().replaceAll("/+$", "");
    return (home.isEmpty() ? "" : home) + "/" + USER_BASE_DIR_NAME;
  }
}
