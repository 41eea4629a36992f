package dev.ephemery.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.network.Release;
import dev.ephemery.testing.Fixtures;
import dev.ephemery.testkit.CommandResult;
import dev.ephemery.testkit.MutableClock;
import dev.ephemery.testkit.TestServices;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's status page in Debian's headless Chromium: the DOM the browser builds shows the
 * iteration, chain id, countdown and component health, and the page asks for nothing else (no
 * script, no external asset: the browser runs with the network limited to loopback).
 */
class StatusPageIT {

  @TempDir Path dir;

  @Test
  void headlessChromiumRendersTheStatusPage() throws Exception {
    Path chromium = TestServices.requirePath(TestServices.Service.CHROMIUM);
    Release release = Fixtures.release153();
    MutableClock clock = new MutableClock(release.elGenesisTime().plus(Duration.ofDays(3)));
    Supervisor supervisor =
        IdleSupervisor.of(clock, () -> Optional.of(release), dir.resolve("journal"));
    supervisor.tick();
    try (StatusServer server =
        new StatusServer(
            new InetSocketAddress("127.0.0.1", 0),
            supervisor,
            () -> Map.of("ephemery-node1-geth", true, "ephemery-node1-lighthouse", false),
            null,
            clock)) {
      server.start();
      CommandResult dom =
          CommandResult.run(
              Duration.ofSeconds(90),
              List.of(
                  chromium.toString(),
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--user-data-dir=" + dir.resolve("profile"),
                  "--dump-dom",
                  "http://127.0.0.1:" + server.port() + "/"));
      assertThat(dom.ok()).as(dom.output()).isTrue();
      String text = dom.output().replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
      assertThat(text)
          .contains("Ephemery node")
          .contains("iteration 153")
          .contains("chain id 39438153")
          .contains("phase running")
          .contains("next reset in 25d 0h 0m (2025-12-18T19:00:00Z)")
          .contains("ephemery-node1-geth running")
          .contains("ephemery-node1-lighthouse down")
          .contains("Last reset none since this supervisor started");
      assertThat(dom.output()).doesNotContain("<script");
    }
  }
}
