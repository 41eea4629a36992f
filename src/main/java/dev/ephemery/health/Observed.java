package dev.ephemery.health;

import java.time.Instant;
import java.util.List;

/**
 * What the probes saw, as plain values: the inputs of {@link HealthRules}. A null field was not
 * answered; {@code error} says why an endpoint gave nothing at all.
 */
public final class Observed {
  private Observed() {}

  /**
   * The execution client's JSON-RPC answers.
   *
   * @param syncing false, or true when {@code eth_syncing} returned a progress object
   * @param headTimestamp the latest block's timestamp (seconds)
   */
  public record Execution(
      String endpoint,
      String error,
      Long chainId,
      Boolean syncing,
      Long currentBlock,
      Long highestBlock,
      Long peers,
      Long headNumber,
      Long headTimestamp) {
    public static Execution unreachable(String endpoint, String error) {
      return new Execution(endpoint, error, null, null, null, null, null, null, null);
    }
  }

  /**
   * The beacon node's API answers.
   *
   * @param health the HTTP status of {@code /eth/v1/node/health}
   * @param genesisStatus the HTTP status of {@code /eth/v1/beacon/genesis} (404 before genesis)
   */
  public record Consensus(
      String endpoint,
      String error,
      Integer health,
      Long headSlot,
      Long syncDistance,
      Boolean syncing,
      Boolean optimistic,
      Boolean elOffline,
      Long peersConnected,
      Integer genesisStatus,
      Long genesisTime,
      String genesisValidatorsRoot) {
    public static Consensus unreachable(String endpoint, String error) {
      return new Consensus(
          endpoint, error, null, null, null, null, null, null, null, null, null, null);
    }
  }

  /**
   * One container as Docker reports it.
   *
   * @param state running, exited, restarting, created, dead, missing
   * @param upToDate whether it matches the plan; null when no plan is known
   * @param lastLines its last log lines (for the diagnosis), oldest first
   */
  public record Container(
      String service,
      String role,
      String state,
      Integer exitCode,
      Integer restartCount,
      Boolean oomKilled,
      Boolean upToDate,
      List<String> lastLines) {
    public Container {
      lastLines = lastLines == null ? List.of() : List.copyOf(lastLines);
    }
  }

  /** Free space of the file system holding baseDir. */
  public record Disk(String path, Long freeBytes, Long totalBytes, String error) {}

  /**
   * A clock reading from an HTTP {@code Date} header (second resolution).
   *
   * @param source whose header it was
   * @param remote the header's time
   * @param local this machine's clock when the answer arrived
   */
  public record ClockReading(String source, Instant remote, Instant local) {}

  /**
   * The validator's keys as the beacon node sees them.
   *
   * @param keys public keys held; null when they could not be listed ({@code error} says why)
   * @param needingDeposit keys the chain does not know
   * @param exitCode {@code ValidatorStates.exitCode}: 0 when every key is active or pending
   */
  public record Validator(Integer keys, long needingDeposit, int exitCode, String error) {}

  /** The signed Engine API self-test: null problem when the EL answered. */
  public record Link(boolean ok, String problem) {}
}
