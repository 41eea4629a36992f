package dev.ephemery.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.ops.ContainerWatch;
import dev.ephemery.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AutoRecoveryTest {

  /** An in-memory node: containers that exit again whenever started, with fixed log lines. */
  static final class CrashingNode implements ContainerWatch {
    final Map<String, String> states = new LinkedHashMap<>();
    final List<String> started = new ArrayList<>();
    List<String> logs = List.of();

    @Override
    public List<Observation> observe() {
      return states.entrySet().stream()
          .map(e -> new Observation(e.getKey(), e.getValue(), 0, 1))
          .toList();
    }

    @Override
    public void restart(String service) {
      started.add(service);
      states.put(service, "running");
    }

    @Override
    public List<String> lastLogLines(String service, int lines) {
      return logs;
    }

    void crash(String service) {
      states.put(service, "exited");
    }
  }

  @Test
  void aCrashLoopIsRestartedDiagnosedFromTheLogsAndThenGivenUpWithAnAlert() {
    CrashingNode node = new CrashingNode();
    node.states.put("el", "running");
    node.states.put("cl", "running");
    node.logs =
        List.of("INFO starting", "error: invalid value 'ephemery' for '--network <network>'");
    MutableClock clock = MutableClock.at("2026-11-26T12:00:00Z");
    Map<String, String> alerts = new LinkedHashMap<>();
    AutoRecovery recovery =
        new AutoRecovery(
            node,
            new RecoveryPolicy(RecoveryPolicy.Settings.DEFAULT),
            alerts::put,
            clock,
            () -> false);
    recovery.check();
    for (int i = 0; i < 60 && alerts.size() < 2; i++) {
      if ("running".equals(node.states.get("cl"))) {
        node.crash("cl");
      }
      clock.advance(Duration.ofSeconds(10));
      recovery.check();
    }
    assertThat(node.started).containsOnly("cl").hasSize(4);
    assertThat(alerts.keySet()).containsExactly("restart-loop-cl", "recovery-stopped-cl");
    assertThat(alerts.get("restart-loop-cl")).contains("--testnet-dir").contains("invalid value");
    assertThat(recovery.snapshot().givenUp()).containsExactly("cl");
    assertThat(recovery.snapshot().restarts()).containsEntry("cl", 4L);
    assertThat(recovery.snapshot().diagnoses().get("cl")).contains("cause:");
  }

  @Test
  void nothingIsRestartedWhileAResetStopsTheContainersOnPurpose() {
    CrashingNode node = new CrashingNode();
    node.states.put("el", "exited");
    AtomicBoolean resetting = new AtomicBoolean(true);
    Instant t = Instant.parse("2026-11-26T12:00:00Z");
    Clock clock = Clock.fixed(t, ZoneOffset.UTC);
    AutoRecovery recovery =
        new AutoRecovery(
            node,
            new RecoveryPolicy(RecoveryPolicy.Settings.DEFAULT),
            (k, m) -> {},
            clock,
            resetting::get);
    assertThat(recovery.check()).isEmpty();
    assertThat(node.started).isEmpty();
  }
}
