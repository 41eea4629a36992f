package dev.ephemery.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Known failures of an Ephemery node, as data: what gives each away (a client's own error text in a
 * container's log, or a probe finding's code), its cause and its fix, and where the text comes
 * from. The one place for them: {@code ephemery doctor}, the container verdicts of {@code status},
 * the supervisor's restart-loop diagnosis ({@code supervisor.RestartDiagnosis}) and
 * docs/troubleshooting.md ({@link TroubleshootingDoc}) all read this list.
 */
public final class DoctorRules {

  /**
   * One known failure.
   *
   * @param id stable name (docs anchor)
   * @param texts lower-case fragments of a log line that give it away (any one matches)
   * @param codes {@link Finding#code()}s that give it away (any one matches)
   * @param example a real line as the client prints it (the tests feed it to the matcher)
   * @param source where {@code example} comes from: client, file, version
   */
  public record Rule(
      String id,
      String title,
      List<String> texts,
      List<String> codes,
      String cause,
      String fix,
      String example,
      String source) {}

  /**
   * A rule that matched.
   *
   * @param evidence the log line or the finding's detail that matched
   * @param where the service whose log matched, or the finding's component
   */
  public record Match(Rule rule, String where, String evidence) {}

  private static final String JWT_FIX =
      "mount the node's one jwt.hex read-only into both, then restart both ('ephemery up' plans"
          + " it so)";
  private static final String CHECKPOINT_FIX =
      "point checkpointSyncUrl (the client's --checkpoint-sync-url) at a provider on the current"
          + " iteration ('ephemery checkpoint' picks one), or remove it to sync from genesis";
  private static final String WIPE_FIX =
      "wipe its chain data by the reset rules: ephemery reset --force --host NAME (keys and"
          + " node identity are kept)";

  private static Rule logRule(
      String id, String title, String text, String cause, String fix, String ex, String src) {
    return new Rule(id, title, List.of(text), List.of(), cause, fix, ex, src);
  }

  // First match wins within a line: the more specific texts come first.
  public static final List<Rule> RULES =
      List.of(
          logRule(
              "network-name",
              "`invalid value 'ephemery' for '--network'`",
              "for '--network",
              "the client does not know the network name it was given (lighthouse, grandine)",
              "run it with the release's testnet folder (--testnet-dir) instead of --network",
              "error: invalid value 'ephemery' for '--network <network>'",
              "lighthouse (clap's invalid-value error for lighthouse/src/main.rs --network);"
                  + " the original deployment's docs/tutorials/deployment/MAINNET_DEPLOYMENT.md"),
          logRule(
              "teku-network-name",
              "teku: `Unable to load configuration source`",
              "unable to load configuration source",
              "teku does not know the network name it was given",
              "pass the release's config.yaml with --network=/testnet/config.yaml",
              "Unable to load configuration source \"ephemery\": Failed to load config",
              "teku ethereum/spec/src/main/java/tech/pegasys/teku/spec/config/SpecConfigLoader.java"),
          logRule(
              "binary-repeated",
              "`invalid command: \"geth\"`",
              "invalid command: \"",
              "the image's entrypoint is already the client binary and the command repeats it",
              "drop the binary name from the start of the command",
              "invalid command: \"geth\"",
              "go-ethereum cmd/geth/main.go func geth: fmt.Errorf(\"invalid command: %q\","
                  + " args[0]); the original deployment's MAINNET_DEPLOYMENT.md"),
          logRule(
              "flag-removed-geth",
              "geth/erigon: `flag provided but not defined`",
              "flag provided but not defined",
              "the client was given a flag its version removed (geth, erigon)",
              "remove the flag named in the line (e.g. --txlookuplimit -> --history.transactions)",
              "flag provided but not defined: -txlookuplimit",
              "urfave/cli (geth, erigon): the standard library flag package's error text"),
          logRule(
              "flag-removed-besu",
              "besu: `Unknown option`",
              "unknown option: '--",
              "besu was given an option its version removed",
              "remove the option named in the line",
              "Unknown option: '--Xv5-discovery-enabled'",
              "besu (picocli's UnmatchedArgumentException text)"),
          logRule(
              "flag-removed-clap",
              "reth/grandine: `unexpected argument`",
              "unexpected argument '--",
              "the client was given an argument its version does not accept (reth, grandine)",
              "remove the argument named in the line",
              "error: unexpected argument '--foo' found",
              "clap (reth, grandine): clap_builder's UnknownArgument error"),
          logRule(
              "flag-removed-nethermind",
              "nethermind: `Unrecognized command or argument`",
              "unrecognized command or argument",
              "nethermind was given an argument it does not accept",
              "remove it; use --data-dir, never --datadir=/x",
              "Unrecognized command or argument '--datadir=/x'",
              "nethermind (System.CommandLine's parse error)"),
          new Rule(
              "jwt-invalid-token",
              "JWT `InvalidToken`",
              List.of(
                  "invalidtoken",
                  "failed jwt authorization",
                  "check the same jwt secret is configured",
                  "http authentication to your execution client is not working",
                  "execution client authentication failed",
                  "invalid jwt"),
              List.of("link.invalid-token"),
              "the EL and the CL use different JWT secrets (or their clocks differ by more than 60"
                  + " s)",
              JWT_FIX,
              "WARN Error during execution payload call error: Auth(InvalidToken)",
              "lighthouse beacon_node/execution_layer/src/engine_api/auth.rs (Error::InvalidToken),"
                  + " engines.rs \"Failed jwt authorization\"; teku EventLogger.java; prysm"
                  + " beacon-chain/execution/engine_client.go; lodestar"
                  + " packages/beacon-node/src/execution/engine/http.ts"),
          new Rule(
              "checkpoint-other-network",
              "a checkpoint of another network",
              List.of(
                  "snapshot state appears to be from the wrong network",
                  "not found in any known fork choice schedule",
                  "checkpoint state does not match genesis"),
              List.of("checkpoint.other-network"),
              "the checkpoint sync URL serves another network (or the previous iteration)",
              CHECKPOINT_FIX,
              "CRIT Snapshot state appears to be from the wrong network. Genesis validators root"
                  + " is 0x1 but should be 0x2",
              "lighthouse beacon_node/beacon_chain/src/builder.rs; prysm"
                  + " config/params/configset.go; nimbus beacon_chain/trusted_node_sync.nim"),
          new Rule(
              "previous-iteration",
              "the node is still on the previous iteration",
              List.of(
                  "db state and checkpoint state are not compatible",
                  "contains data for a different network",
                  "database contains incompatible genesis"),
              List.of(
                  "consensus.previous-iteration",
                  "execution.previous-iteration",
                  "consensus.wrong-chain",
                  "execution.wrong-chain"),
              "the node's data is from an earlier iteration: the reset to the current one did not"
                  + " happen or did not finish",
              WIPE_FIX,
              "fatal The specified --data-dir contains data for a different network",
              "nimbus beacon_chain/nimbus_beacon_node.nim; lodestar"
                  + " packages/cli/src/cmds/beacon/initBeaconState.ts; the status probe's"
                  + " genesis comparison"),
          logRule(
              "nimbus-block-hash",
              "nimbus: missing `deposit_contract_block_hash.txt`",
              "deposit_contract_block_hash.txt",
              "the testnet folder lacks deposit_contract_block_hash.txt (nimbus needs it)",
              "reinstall the verified release (ephemery up) so the folder is complete",
              "A network with deposit contract should specify the deposit contract deployment"
                  + " block hash in a file name deposit_contract_block_hash.txt",
              "nimbus beacon_chain/networking/network_metadata.nim"),
          logRule(
              "prometheus-config",
              "Prometheus configuration errors",
              "error loading config (--config.file=",
              "Prometheus cannot load its configuration file (YAML error, unknown field, or the"
                  + " file is missing or unreadable)",
              "check it with 'promtool check config FILE', fix the line it names, and make the"
                  + " file readable by the container's user",
              "level=error msg=\"Error loading config (--config.file=/etc/prometheus/prometheus.yml)\""
                  + " err=\"parsing YAML file /etc/prometheus/prometheus.yml: yaml: line 23: did"
                  + " not find expected key\"",
              "prometheus cmd/prometheus/main.go: \"Error loading config (--config.file=%s)\""),
          new Rule(
              "disk-full",
              "disk full",
              List.of("no space left on device"),
              List.of("disk.full"),
              "the file system holding the node's data is full",
              "free space under baseDir or grow the volume; 'ephemery reset' wipes old chain data",
              "Fatal: Failed to write block: write /data/geth/chaindata/000123.log: no space left"
                  + " on device",
              "Linux ENOSPC (strerror \"no space left on device\"), as Go and Rust clients print it"),
          new Rule(
              "permission-denied",
              "permission denied on the JWT or the data folder",
              List.of("permission denied"),
              List.of(),
              "the client cannot open a file in its data folder or the JWT secret (owner or mode)",
              "give the data folder to the container's user and keep jwt.hex readable by it"
                  + " ('ephemery up' sets the planned owners and modes)",
              "Fatal: Failed to create the protocol stack: open /data/geth/LOCK: permission denied",
              "Linux EACCES (strerror \"permission denied\")"),
          new Rule(
              "port-conflict",
              "port conflicts",
              List.of("address already in use", "port is already allocated"),
              List.of(),
              "a port the client binds is taken on the host",
              "stop what holds the port or change the client's port in the inventory",
              "Error starting userland proxy: listen tcp4 0.0.0.0:30303: bind: address already"
                  + " in use",
              "Linux EADDRINUSE; moby's \"Bind for 0.0.0.0:PORT failed: port is already"
                  + " allocated\""),
          new Rule(
              "validator-no-keys",
              "a validator without keys",
              List.of("no validators present", "no local keystores or remote keys found"),
              List.of("validator.no-keys"),
              "the validator client runs with no keys loaded",
              "put the keystores and their password files into validator.keysDir and run 'ephemery"
                  + " up' (it imports them)",
              "WARN No validators present",
              "lighthouse validator_client/src/notifier.rs; lodestar"
                  + " packages/cli/src/cmds/validator/signers/logSigners.ts"),
          new Rule(
              "restart-loop",
              "restart loops",
              List.of(),
              List.of("container.restart-loop"),
              "a container keeps crashing and Docker keeps restarting it",
              "read its last lines with 'ephemery logs SERVICE'; another rule here usually names"
                  + " the cause",
              "restarting (last exit code 1, restarted 7 times)",
              "Docker's container state (State.Restarting, RestartCount)"),
          new Rule(
              "clock-skew",
              "clock skew",
              List.of(),
              List.of("clock.skew"),
              "the host's clock is off: a beacon node misses its slots and the EL refuses JWTs"
                  + " older than 60 s",
              "run time synchronisation on the host (chrony or systemd-timesyncd)",
              "node1-cl's clock is 14.0 s from this machine's (Date header, whole seconds)",
              "the status probe's comparison of HTTP Date headers"),
          new Rule(
              "release-missing",
              "a missing release near a reset",
              List.of(),
              List.of("release.missing-near-reset", "release.missing"),
              "the next iteration's release is not cached although its reset is near or past",
              "run 'ephemery genesis fetch' (and check the supervisor's release polls in its log)",
              "iteration 153 (newest cached release), next reset 2026-01-01T00:00:00Z (in 1h 0m);"
                  + " the next release is not cached yet",
              "the status probe's release check"),
          new Rule(
              "oom",
              "killed for lack of memory",
              List.of(),
              List.of("container.oom"),
              "the kernel killed the container for lack of memory (OOMKilled)",
              "raise the memory limit in the inventory or give the host more memory",
              "exited: killed for lack of memory (OOMKilled)",
              "Docker's container state (State.OOMKilled)"));

  private DoctorRules() {}

  /** The newest log line that matches a rule decides (a client's last words are the cause). */
  public static Optional<Match> matchLog(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      Optional<Rule> rule = lineRule(lines.get(i));
      if (rule.isPresent()) {
        return Optional.of(new Match(rule.get(), "", lines.get(i).strip()));
      }
    }
    return Optional.empty();
  }

  /** The rule a log line gives away: the first whose text it contains. */
  static Optional<Rule> lineRule(String line) {
    String lower = line.toLowerCase(Locale.ROOT);
    for (Rule rule : RULES) {
      for (String text : rule.texts()) {
        if (lower.contains(text)) {
          return Optional.of(rule);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Every rule that the findings or a service's log lines give away, each once, in rule order; a
   * log match shows the newest line that gave the rule away.
   */
  public static List<Match> match(List<Finding> findings, Map<String, List<String>> logs) {
    List<Match> matches = new ArrayList<>();
    for (Rule rule : RULES) {
      Optional<Match> found = byFinding(rule, findings);
      for (var log : logs.entrySet()) {
        if (found.isPresent()) {
          break;
        }
        List<String> lines = log.getValue();
        for (int i = lines.size() - 1; i >= 0 && found.isEmpty(); i--) {
          if (lineRule(lines.get(i)).filter(r -> r == rule).isPresent()) {
            found = Optional.of(new Match(rule, log.getKey(), lines.get(i).strip()));
          }
        }
      }
      found.ifPresent(matches::add);
    }
    return matches;
  }

  private static Optional<Match> byFinding(Rule rule, List<Finding> findings) {
    for (Finding f : findings) {
      if (rule.codes().contains(f.code())) {
        return Optional.of(new Match(rule, f.component(), f.detail()));
      }
    }
    return Optional.empty();
  }

  public static Optional<Rule> byId(String id) {
    return RULES.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
