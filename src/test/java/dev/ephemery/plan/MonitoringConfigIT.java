package dev.ephemery.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.testing.Fixtures;
import dev.ephemery.testkit.CommandResult;
import dev.ephemery.testkit.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real promtool accepts the prometheus.yml (and the alert rules it loads) the tool renders for
 * every execution and consensus pair, with and without a validator, and passes a unit test for
 * every alert, including its hold-back during the reset window.
 */
class MonitoringConfigIT {

  @TempDir Path dir;

  static HostPlan plan(ExecutionClient el, ConsensusClient cl, boolean validator) {
    Fixtures.HostBuilder host =
        Fixtures.host(el, cl).baseDir("/srv/ephemery").monitoring(9090, 3000, 9100);
    if (validator) {
      host.validator(cl);
    }
    return new Planner().planHost(host.build(), Fixtures.release153());
  }

  static Path write(MonitoringFiles files, Path out) throws IOException {
    for (Map.Entry<String, String> file : files.files().entrySet()) {
      Path target = out.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
    return out.resolve(MonitoringFiles.PROMETHEUS_CONFIG).resolve(MonitoringFiles.PROMETHEUS_YML);
  }

  @Test
  void promtoolAcceptsTheConfigOfAllThirtyPairsWithAndWithoutValidator() throws Exception {
    Promtool promtool = Promtool.fromEnvironment();
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (ExecutionClient el : ExecutionClient.values()) {
      for (ConsensusClient cl : ConsensusClient.values()) {
        for (boolean validator : new boolean[] {false, true}) {
          MonitoringFiles files = MonitoringFiles.of(plan(el, cl, validator)).orElseThrow();
          Path config =
              write(files, dir.resolve(el.id() + "-" + cl.id() + (validator ? "-vc" : "")));
          CommandResult result = promtool.checkConfig(config);
          checked++;
          if (!result.ok() || !result.output().contains("SUCCESS")) {
            failures.add(el.id() + "+" + cl.id() + ": " + result.output());
          }
        }
      }
    }
    assertThat(checked).isEqualTo(60);
    assertThat(failures).isEmpty();
  }

  @Test
  void everyAlertHasAPassingRuleUnitTestIncludingItsHoldBackDuringTheResetWindow()
      throws Exception {
    MonitoringFiles files =
        MonitoringFiles.of(plan(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE, true))
            .orElseThrow();
    Path config = write(files, dir);
    Path folder = config.getParent();
    String tests =
        new String(
            MonitoringConfigIT.class
                .getResourceAsStream("/monitoring/alerts-test.yml")
                .readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("alerts-test.yml"), tests);
    // Every alert is tested, and every held-back alert once inside the window.
    for (AlertRules.Alert alert : AlertRules.alerts()) {
      assertThat(tests).as(alert.name()).contains("alertname: " + alert.name());
      if (alert.heldBack()) {
        assertThat(tests).as(alert.name()).contains("held back: " + alert.name());
      }
    }

    CommandResult result =
        Promtool.fromEnvironment()
            .run("test", "rules", folder.resolve("alerts-test.yml").toString());

    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(result.output()).contains("SUCCESS");
  }
}
