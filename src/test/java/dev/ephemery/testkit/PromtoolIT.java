package dev.ephemery.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real promtool accepts valid Prometheus files and names the line of a YAML error. */
class PromtoolIT {

  @TempDir Path dir;

  @Test
  void validConfigWithRulesPasses() throws Exception {
    Files.writeString(
        dir.resolve("rules.yml"),
        """
        groups:
          - name: ephemery
            rules:
              - alert: NodeDown
                expr: up == 0
                for: 5m
                labels:
                  severity: critical
        """);
    Path config =
        Files.writeString(
            dir.resolve("prometheus.yml"),
            """
            global:
              scrape_interval: 15s
            rule_files:
              - rules.yml
            scrape_configs:
              - job_name: ephemery
                static_configs:
                  - targets: ['127.0.0.1:9100']
            """);

    CommandResult result = Promtool.fromEnvironment().checkConfig(config);

    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void yamlErrorFailsWithTheLineNamed() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("prometheus.yml"),
            """
            global:
              scrape_interval: 15s
             scrape_configs: [
            """);

    CommandResult result = Promtool.fromEnvironment().checkConfig(config);

    assertThat(result.ok()).as(result.output()).isFalse();
    assertThat(result.output()).contains("FAILED").containsPattern("line \\d+");
  }

  @Test
  void badRuleExpressionFails() throws Exception {
    Path rules =
        Files.writeString(
            dir.resolve("rules.yml"),
            """
            groups:
              - name: broken
                rules:
                  - alert: Broken
                    expr: up ==
            """);

    CommandResult result = Promtool.fromEnvironment().checkRules(rules);

    assertThat(result.ok()).as(result.output()).isFalse();
  }
}
