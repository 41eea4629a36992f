package dev.ephemery.cli;

import dev.ephemery.client.ClientProfiles;
import dev.ephemery.common.Problem;
import dev.ephemery.health.CheckpointScoring;
import dev.ephemery.health.Expected;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.network.IterationFormula;
import dev.ephemery.network.IterationInfo;
import dev.ephemery.network.Release;
import dev.ephemery.network.ReleaseAge;
import dev.ephemery.plan.CheckpointUrls;
import dev.ephemery.plan.MonitoringExposure;
import dev.ephemery.plan.Preflight;
import dev.ephemery.release.CheckpointProbe;
import dev.ephemery.release.InstalledRelease;
import dev.ephemery.release.ReleaseCache;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pre-flight checks as {@code ephemery check} runs them: the pure checks against the newest
 * cached release (or, with none cached, against the iteration the schedule predicts, which knows
 * the chain id but no bootnodes), then the checkpoint endpoints asked which chain they serve.
 */
final class PreflightChecks {
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  /**
   * @param problems inventory problems (exit 2)
   * @param failures checkpoint servers a node cannot start without that did not answer (exit 1)
   * @param warnings what does not stop a node but must be said (exit 0)
   * @param notes what the checks found out that is worth knowing (what {@code auto} would pick)
   */
  record Outcome(
      List<Problem> problems, List<Problem> failures, List<Problem> warnings, List<String> notes) {}

  private PreflightChecks() {}

  static Outcome check(Inventory inventory, Path cacheRoot, Clock clock, boolean probe) {
    Instant now = clock.instant();
    Release release = release(cacheRoot, clock);
    List<Problem> problems = new ArrayList<>(Preflight.check(inventory, release));
    List<Problem> failures = new ArrayList<>();
    List<Problem> warnings = new ArrayList<>(MonitoringExposure.warnings(inventory));
    List<String> notes = new ArrayList<>();
    Optional<ReleaseAge.Expired> expired = ReleaseAge.expired(release, now);
    expired.ifPresent(
        e ->
            warnings.add(
                Problem.at(
                    "release cache " + cacheRoot,
                    0,
                    e.describe(),
                    "run 'ephemery genesis fetch' for the current release")));
    boolean anyCheckpoint =
        inventory.hosts().stream().anyMatch(h -> h.consensus().checkpointSyncUrl() != null);
    if (probe && anyCheckpoint && problems.isEmpty()) {
      // Built only when there is something to ask: its HTTP client and logging cost a cold start.
      CheckpointProbe prober = new CheckpointProbe(PROBE_TIMEOUT);
      // One scoring serves every host with auto: the same endpoints, the same release.
      CheckpointScoring.Pick[] auto = {null};
      java.util.function.Supplier<CheckpointScoring.Pick> autoScoring =
          () -> {
            if (auto[0] == null) {
              auto[0] = AutoCheckpoints.picker().pick(Expected.of(release), now);
            }
            return auto[0];
          };
      for (int i = 0; i < inventory.hosts().size(); i++) {
        Host host = inventory.hosts().get(i);
        String url = host.consensus().checkpointSyncUrl();
        if (url == null) {
          continue;
        }
        String where = "hosts[" + i + "].consensus.checkpointSyncUrl";
        if (host.consensus().checkpointAuto()) {
          autoPick(host, where, autoScoring.get(), warnings, notes);
          continue;
        }
        CheckpointProbe.Answer answer = prober.ask(url);
        if (!answer.answered()) {
          unreachable(host, where, url, answer.failure(), failures, warnings);
        } else if (release.genesisValidatorsRoot() == null) {
          warnings.add(
              Problem.at(
                  where,
                  0,
                  "checkpoint endpoint "
                      + url
                      + " not compared: no release is cached, so its genesis_validators_root is"
                      + " not known",
                  "run 'ephemery genesis fetch' and check again"));
        } else if (expired.isEmpty()) {
          CheckpointUrls.compareGenesisRoot(where, url, answer.genesisValidatorsRoot(), release)
              .ifPresent(problems::add);
        } else {
          // A stale release's root says nothing about the current chain, whose root is only
          // known from its release: compare the server's genesis time with the prediction.
          warnings.add(notCompared(where, url, answer, expired.get()));
        }
      }
    }
    return new Outcome(problems, failures, warnings, notes);
  }

  /**
   * What {@code auto} would pick now: a note naming the endpoint, or a warning that none qualifies
   * (none answered, or none serves this iteration) and the node would sync from genesis.
   */
  private static void autoPick(
      Host host,
      String where,
      CheckpointScoring.Pick pick,
      List<Problem> warnings,
      List<String> notes) {
    if (pick.pick().isPresent()) {
      notes.add(host.name() + ": checkpointSyncUrl auto would " + pick.note());
      return;
    }
    boolean noneAnswered = pick.scores().stream().allMatch(s -> s.candidate().failure() != null);
    warnings.add(
        Problem.at(
            where,
            0,
            "checkpointSyncUrl auto: "
                + (noneAnswered
                    ? "none of the " + pick.scores().size() + " endpoints answered"
                    : "no endpoint qualifies")
                + " ("
                + String.join(
                    "; ",
                    pick.scores().stream()
                        .map(s -> s.candidate().url() + ": " + s.reason())
                        .toList())
                + "): "
                + pick.note(),
            "check that this machine reaches the providers, or name an endpoint ("
                + AutoCheckpoints.ENDPOINTS_ENV
                + ")"));
  }

  private static void unreachable(
      Host host,
      String where,
      String url,
      String reason,
      List<Problem> failures,
      List<Problem> warnings) {
    String client = host.consensus().client().id();
    // Exit 1 (operational) where the client stops at start-up without its checkpoint state: the
    // inventory may be right and the server down, or not reachable from this machine.
    boolean starts = ClientProfiles.beacon(host.consensus().client()).startsWithoutCheckpoint();
    String message =
        "checkpoint endpoint "
            + url
            + " did not answer ("
            + reason
            + "): "
            + (starts
                ? client + " starts without it (genesis sync)"
                : client + " will not start while it cannot fetch its checkpoint state");
    Problem problem =
        Problem.at(
            where,
            0,
            message,
            "check the URL and that the host can reach it; use --no-probe if only this machine"
                + " cannot, or remove checkpointSyncUrl to sync from genesis");
    (starts ? warnings : failures).add(problem);
  }

  private static Problem notCompared(
      String where, String url, CheckpointProbe.Answer answer, ReleaseAge.Expired expired) {
    Optional<IterationInfo> current = expired.current();
    String verdict;
    if (current.isEmpty() || answer.genesisTime() == null) {
      verdict = "its chain is not judged";
    } else if (answer.genesisTime() == current.get().clGenesisTime().getEpochSecond()) {
      verdict =
          "its genesis_time "
              + answer.genesisTime()
              + " is the predicted CL genesis of iteration "
              + current.get().iteration();
    } else {
      verdict =
          "its genesis_time "
              + answer.genesisTime()
              + " is not the predicted CL genesis of iteration "
              + current.get().iteration()
              + " ("
              + current.get().clGenesisTime().getEpochSecond()
              + ", "
              + current.get().clGenesisTime()
              + "): a prediction, the release decides";
    }
    return Problem.at(
        where,
        0,
        "checkpoint endpoint "
            + url
            + " not compared with release "
            + expired.release().iteration().releaseTag()
            + ", whose period has ended; "
            + verdict,
        "run 'ephemery genesis fetch' and check again");
  }

  static Release release(Path cacheRoot, Clock clock) {
    Optional<InstalledRelease> cached;
    try {
      cached = new ReleaseCache(cacheRoot).latestInstalled();
    } catch (IOException e) {
      cached = Optional.empty();
    }
    if (cached.isPresent()) {
      return cached.get().release();
    }
    IterationInfo predicted = IterationFormula.predict(clock);
    return new Release(
        predicted.iteration(),
        predicted.chainId(),
        predicted.elGenesisTime(),
        predicted.clGenesisTime(),
        predicted.resetPeriod(),
        null,
        List.of(),
        List.of(),
        null);
  }
}
