package dev.ephemery.supervisor;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the cause and the fix of a crash loop from a container's last log lines. The texts are the
 * clients' own error messages (docs: clients-execution.md, clients-consensus.md "Error texts").
 */
public final class RestartDiagnosis {

  public record Diagnosis(String cause, String fix, String line) {}

  private record Rule(String text, String cause, String fix) {}

  // First match wins: the more specific texts come first.
  private static final List<Rule> RULES =
      List.of(
          new Rule(
              "for '--network",
              "the client does not know the network name it was given (lighthouse, grandine)",
              "run it with the release's testnet folder (--testnet-dir) instead of --network"),
          new Rule(
              "unable to load configuration source",
              "teku does not know the network name it was given",
              "pass the release's config.yaml with --network=/testnet/config.yaml"),
          new Rule(
              "flag provided but not defined",
              "the client was given a flag its version removed (geth, erigon)",
              "remove the flag named in the line (e.g. --txlookuplimit -> --history.transactions)"),
          new Rule(
              "unknown option: '--",
              "besu was given an option its version removed",
              "remove the option named in the line"),
          new Rule(
              "unexpected argument '--",
              "the client was given an argument its version does not accept (reth, grandine)",
              "remove the argument named in the line"),
          new Rule(
              "unrecognized command or argument",
              "nethermind was given an argument it does not accept",
              "remove it; use --data-dir, never --datadir=/x"),
          new Rule(
              "invalid command: \"",
              "the image's entrypoint is already the client binary and the command repeats it",
              "drop the binary name from the start of the command"),
          new Rule(
              "invalidtoken",
              "the EL and CL use different JWT secrets",
              "mount the node's one jwt.hex read-only into both, then restart both"),
          new Rule(
              "failed jwt authorization",
              "the EL and CL use different JWT secrets",
              "mount the node's one jwt.hex read-only into both, then restart both"),
          new Rule(
              "check the same jwt secret is configured",
              "teku and the EL use different JWT secrets",
              "mount the node's one jwt.hex read-only into both, then restart both"),
          new Rule(
              "http authentication to your execution client is not working",
              "prysm and the EL use different JWT secrets",
              "mount the node's one jwt.hex read-only into both, then restart both"),
          new Rule(
              "execution client authentication failed",
              "lodestar and the EL use different JWT secrets",
              "mount the node's one jwt.hex read-only into both, then restart both"),
          new Rule(
              "invalid jwt",
              "the EL rejects the CL's JWT",
              "mount the node's one jwt.hex read-only into both, then restart both"),
          new Rule(
              "snapshot state appears to be from the wrong network",
              "the checkpoint sync URL serves another network (or the previous iteration)",
              "point --checkpoint-sync-url at this iteration's beacon node, or sync from genesis"),
          new Rule(
              "not found in any known fork choice schedule",
              "prysm's checkpoint state is from another network",
              "point the checkpoint sync at this iteration, or sync from genesis"),
          new Rule(
              "checkpoint state does not match genesis",
              "the checkpoint state is from another iteration",
              "point the checkpoint sync at this iteration, or sync from genesis"),
          new Rule(
              "db state and checkpoint state are not compatible",
              "lodestar's database is from another iteration",
              "wipe the CL database (ephemery reset --force) or clear chain-db"),
          new Rule(
              "deposit_contract_block_hash.txt",
              "the testnet folder lacks deposit_contract_block_hash.txt (nimbus needs it)",
              "reinstall the verified release (ephemery up) so the folder is complete"),
          new Rule(
              "contains data for a different network",
              "the data folder still holds the previous iteration's chain",
              "wipe it by the reset rules: ephemery reset --force"),
          new Rule(
              "database contains incompatible genesis",
              "the EL database holds another iteration's genesis",
              "wipe it by the reset rules: ephemery reset --force"),
          new Rule(
              "permission denied",
              "the client cannot open a file in its data folder (owner or mode)",
              "give the data folder to the container's user (ephemery up sets planned owners)"),
          new Rule(
              "address already in use",
              "a port the client binds is taken on the host",
              "stop what holds the port or change the client's port in the inventory"));

  private RestartDiagnosis() {}

  /** The newest line that matches a rule decides. */
  public static Optional<Diagnosis> diagnose(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      String line = lines.get(i).toLowerCase(Locale.ROOT);
      for (Rule rule : RULES) {
        if (line.contains(rule.text())) {
          return Optional.of(new Diagnosis(rule.cause(), rule.fix(), lines.get(i).strip()));
        }
      }
    }
    return Optional.empty();
  }
}
