package dev.ephemery.ops;

import java.nio.file.Path;

/**
 * The port through which a reset acts on the node: its containers here, its files through {@link
 * #files()}. The Docker runtime implements it ({@code runtime.docker.DockerNodeRuntime}); the reset
 * machine knows nothing of Docker and touches no disk. Every method must be idempotent: a reset
 * resumed after a crash calls it again.
 */
public interface NodeRuntime {

  /**
   * Work done before the first stop that leaves the running node as it is (the reset's FETCHED);
   * nothing by default.
   */
  default void prepare() {}

  /** The node's files: release, wipe, slashing archive; never touched by the reset itself. */
  NodeFiles files();

  /** Stops the container; a stopped or missing container is fine. */
  void stop(Component component);

  /**
   * Writes the old chain's slashing protection as EIP-3076 interchange JSON to {@code target}, from
   * the copy WIPING archived in target's folder ({@link NodeLayout#slashingArchive}, laid out like
   * the validator's data folder), with the genesis of that archive's iteration (its testnet folder
   * is kept until the next reset). Called after the start: the validator's live data folder holds
   * the new chain's database and must not be read. Returns false when the client has no export or
   * it failed (logged); the file is written only when valid.
   */
  boolean exportSlashingProtection(Component validator, Path target);

  /** Runs the client's genesis init on its (wiped) data folder with the installed release. */
  void init(Component component, Path testnetDir);

  /**
   * Registers the validator's voting keys (those named in the file the plan's {@code
   * DataLayout.votingKeys} gives) in a new slashing DB for the iteration installed in {@code
   * testnetDir}, with no signed message, by the client's own import, the container stopped; no
   * keys: nothing to do (the client creates its DB itself). Called after the wipe, before the first
   * start. Idempotent: registering a registered key changes nothing.
   */
  void registerSlashingKeys(Component validator, Path testnetDir);

  /** Starts the container; a running container is fine. */
  void start(Component component);

  /** Whether the node now runs {@code iteration} (chain id, genesis), with what was seen. */
  Verification verify(int iteration);

  record Verification(boolean ok, String detail) {}
}
