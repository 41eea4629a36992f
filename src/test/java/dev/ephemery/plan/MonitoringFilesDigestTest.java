package dev.ephemery.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The monitoring files' digests go into the monitoring containers' environment, so they recreate
 * those containers when they change: they must change with what a file says and with nothing else
 * (not with the JVM's per-run order of {@code Map.of}).
 */
class MonitoringFilesDigestTest {

  static MonitoringFiles files() {
    return MonitoringFiles.of(MonitoringPlanTest.plan(true)).orElseThrow();
  }

  @Test
  void noDocumentHoldsAMapWhoseOrderChangesFromOneJvmToTheNext() {
    Deque<Object> left = new ArrayDeque<>(files().documentsByPath().values());
    int maps = 0;
    while (!left.isEmpty()) {
      Object value = left.pop();
      if (value instanceof Map<?, ?> map) {
        maps++;
        assertThat(map.getClass().getName())
            .as("a document map of %s entries", map.size())
            .doesNotContain("ImmutableCollections");
        left.addAll(map.values());
      } else if (value instanceof List<?> list) {
        left.addAll(list);
      }
    }
    assertThat(maps).isGreaterThan(10);
  }

  @Test
  void theDigestFollowsTheContentAndOnlyIt() {
    assertThat(files().prometheusDigest()).isEqualTo(files().prometheusDigest());
    assertThat(files().grafanaDigest()).isEqualTo(files().grafanaDigest());
    assertThat(CanonicalText.of(OrderedMap.of("a", "1", "b", 2)))
        .isNotEqualTo(CanonicalText.of(OrderedMap.of("a", "1", "b", "2")))
        .isNotEqualTo(CanonicalText.of(OrderedMap.of("b", 2, "a", "1")));
    // Length-prefixed strings: content cannot imitate structure.
    assertThat(CanonicalText.of(List.of("a", "b")))
        .isNotEqualTo(CanonicalText.of(List.of("as1:b")));
  }

  @Test
  void theRenderedFilesAreTheDocuments() {
    MonitoringFiles files = files();
    assertThat(files.files().keySet()).isEqualTo(files.documentsByPath().keySet());
    assertThat(files.files().get(MonitoringFiles.PROMETHEUS_CONFIG + "/prometheus.yml"))
        .contains("scrape_configs");
    assertThatThrownBy(() -> OrderedMap.of("odd")).isInstanceOf(IllegalArgumentException.class);
  }
}
