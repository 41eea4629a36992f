package dev.ephemery.cli;

import dev.ephemery.common.Problem;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.network.IterationFormula;
import dev.ephemery.network.IterationInfo;
import dev.ephemery.network.Release;
import dev.ephemery.plan.CheckpointUrls;
import dev.ephemery.plan.Preflight;
import dev.ephemery.release.CheckpointProbe;
import dev.ephemery.release.InstalledRelease;
import dev.ephemery.release.ReleaseCache;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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

  private PreflightChecks() {}

  static List<Problem> run(Inventory inventory, Path cacheRoot, Clock clock, boolean probe) {
    Release release = release(cacheRoot, clock);
    List<Problem> problems = new ArrayList<>(Preflight.check(inventory, release));
    boolean anyCheckpoint =
        inventory.hosts().stream().anyMatch(h -> h.consensus().checkpointSyncUrl() != null);
    if (probe && anyCheckpoint && problems.isEmpty()) {
      // Built only when there is something to ask: its HTTP client and logging cost a cold start.
      CheckpointProbe prober = new CheckpointProbe(PROBE_TIMEOUT);
      for (int i = 0; i < inventory.hosts().size(); i++) {
        int index = i;
        String url = inventory.hosts().get(i).consensus().checkpointSyncUrl();
        if (url == null) {
          continue;
        }
        prober
            .genesisValidatorsRoot(url)
            .flatMap(
                root ->
                    CheckpointUrls.compareGenesisRoot(
                        "hosts[" + index + "].consensus.checkpointSyncUrl", url, root, release))
            .ifPresent(problems::add);
      }
    }
    return problems;
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
