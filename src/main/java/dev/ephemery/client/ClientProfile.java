package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All the tool knows about one client (one binary in one role), as data: images, command, ports,
 * data layout, init step, reset rules and health. The planner, the pre-flight checks, the reset
 * machine and monitoring ask the profile instead of switching on the client.
 */
public interface ClientProfile {

  /** The inventory name: {@code geth}, {@code lighthouse}, ... */
  String id();

  ClientKind kind();

  /** The pinned upstream image (a release tag, never {@code latest}). */
  String image();

  /** The pk910/ephemery-* image for the wrapper flavor, when one is published and usable. */
  default Optional<String> wrapperImage() {
    return Optional.empty();
  }

  /** Why the wrapper flavor cannot be used with this client; shown by the pre-flight checks. */
  default String wrapperUnsupportedReason() {
    return "pk910/ephemery-client-wrapper publishes no image for " + id();
  }

  default String image(Flavor flavor) {
    return flavor == Flavor.WRAPPER ? wrapperImage().orElseThrow() : image();
  }

  /** The entrypoint to set, or null to keep the image's own. */
  default List<String> entrypoint(Flavor flavor) {
    return null;
  }

  /** The container command that puts the client on the release's iteration. */
  /**
   * The client's own EIP-3076 slashing-protection export, given the testnet folder as the container
   * sees it; empty for clients that keep no slashing protection.
   */
  default Optional<SlashingExport> slashingExport(String testnetDir) {
    return Optional.empty();
  }

  List<String> command(ClientContext context);

  /**
   * The client's own import of an EIP-3076 file ({@link SlashingImport#FILE}), given the testnet
   * folder as the container sees it; empty when the tool does not import for this client.
   */
  default Optional<SlashingImport> slashingImport(String testnetDir) {
    return Optional.empty();
  }

  /**
   * For a validator that refuses to start while it holds voting keys and its slashing database is
   * missing (lighthouse), the file in its data folder that names those keys: after a reset deleted
   * the database, the keys are registered in a new one with {@link #slashingImport} before the
   * first start. Empty for the clients that create their database themselves.
   */
  default Optional<VotingKeys> votingKeys() {
    return Optional.empty();
  }

  /**
   * The executable the image's entrypoint already runs, e.g. {@code geth}: a command that names it
   * again fails ({@code invalid command: "geth"}). Null when the command itself names the binary.
   */
  String entrypointBinary(Flavor flavor);

  int defaultP2pPort();

  /** The ports the client listens on, with the P2P ports at {@code p2pPort}. */
  List<PortSpec> ports(int p2pPort);

  Metrics metrics();

  /** The numeric uid:gid the client writes its data dir as, or null when it runs as root. */
  default String owner() {
    return null;
  }

  /** The data dir's POSIX mode. */
  default int dataDirMode() {
    return 0755;
  }

  /** An init step to run on a fresh data dir before the first start, for the upstream flavor. */
  default Optional<InitStep> init(ClientContext context) {
    return Optional.empty();
  }

  /**
   * How the validator's local keystores get into this client, for the upstream flavor; empty when
   * the client reads them in place (teku, grandine) or runs no validator.
   */
  default Optional<KeyImport> keyImport(ClientContext context) {
    return Optional.empty();
  }

  /**
   * Whether the client can sign through a Web3Signer given by its URL ({@code
   * validator.remoteSigner}); false for a client that cannot, or only per key.
   */
  default boolean takesRemoteSigner() {
    return false;
  }

  /**
   * Whether the client reads one password file per keystore ({@code validator.passwordsDir}); false
   * for clients whose import takes one password for every keystore.
   */
  default boolean passwordPerKeystore() {
    return false;
  }

  /**
   * Secrets the tool generates once in the client's data dir (relative names, 32 random bytes as
   * hex, kept across resets): a password the client needs but the operator has no use for.
   */
  default List<String> generatedSecrets() {
    return List.of();
  }

  /** What a reset deletes and keeps in the data dir (relative paths). */
  WipeRules wipeRules();

  List<HealthCheck> health();

  /**
   * True for a beacon node that starts anyway when its checkpoint server does not answer (it syncs
   * from genesis), false for one that stops at start-up without its checkpoint state.
   */
  default boolean startsWithoutCheckpoint() {
    return false;
  }

  /** True when {@code --network ephemery} names a built-in (possibly stale) Ephemery config. */
  default boolean builtInEphemery() {
    return false;
  }

  /** The options that carry a network id, checked against the iteration's chain id. */
  default List<String> networkIdFlags() {
    return List.of();
  }

  /**
   * Options that newer releases of the pinned image no longer accept, with what to use instead
   * (empty when there is no replacement).
   */
  default Map<String, String> removedFlags() {
    return Map.of();
  }

  /**
   * Generated options that are defaults an operator may tune (sync mode, peers, logging, ...): a
   * value in {@code extraArgs} replaces the generated one ({@link Tuning}). Every other generated
   * option is wiring the plan owns (data dir, network files, Engine API, JWT, ports, bootnodes,
   * network id) and {@code extraArgs} may not repeat it. Only options {@link #command} generates.
   */
  default List<String> tunableDefaults() {
    return List.of();
  }

  /**
   * The {@link #removedFlags} whose replacement is one option taking the same value: a rename,
   * which an import may write the new way ({@code --txlookuplimit} is {@code
   * --history.transactions}).
   */
  default Map<String, String> renamedFlags() {
    Map<String, String> renamed = new java.util.TreeMap<>();
    removedFlags()
        .forEach(
            (from, to) -> {
              if (to.matches("--[A-Za-z0-9][A-Za-z0-9._-]*")) {
                renamed.put(from, to);
              }
            });
    return renamed;
  }

  /** Options that may legitimately appear more than once (one value per occurrence). */
  default List<String> repeatableFlags() {
    return List.of();
  }

  /** Options the wrapper image sets itself at each iteration: a value we pass would go stale. */
  default List<String> wrapperManagedFlags() {
    return List.of();
  }

  /**
   * True when the image's start script re-joins the arguments through a shell (Besu), so a token
   * with a space or a bare {@code *} is split or globbed.
   */
  default boolean argumentsPassThroughShell() {
    return false;
  }

  /** A memory limit for the container, so one client cannot starve the host. */
  default String memoryLimit() {
    return kind() == ClientKind.VALIDATOR ? "2g" : "8g";
  }

  /**
   * The signal that stops the container cleanly. The wrapper images run a shell as PID 1 that only
   * forwards SIGINT to the client.
   */
  default String stopSignal(Flavor flavor) {
    return flavor == Flavor.WRAPPER ? "SIGINT" : null;
  }
}
