package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.ops.FaultInjector;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetState;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.ServiceState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real dockerd restarted (through {@code .ci/services.sh restart-dockerd}, by PID, as a crash
 * or an upgrade of Docker would take it away) at a point inside {@code up} and inside a reset: the
 * interrupted run may fail, and the next run converges, with keys, node identity and JWT as they
 * were. Uses {@link DockerResetIT}'s stand-in node (geth, lighthouse BN and VC with their real data
 * layouts).
 */
class DockerdRestartIT {

  /** Restarting stops every container (10 s grace) and waits for the daemon to answer again. */
  static final Duration RESTART_TIMEOUT = Duration.ofMinutes(3);

  final DockerResetIT node = new DockerResetIT();

  @BeforeEach
  void setUp() throws Exception {
    Path script = services();
    if (!Files.isExecutable(script) && !Files.isReadable(script)) {
      ItEnvironment.missing("no " + script + " to restart dockerd with");
    }
    node.setUp();
  }

  @AfterEach
  void tearDown() throws IOException {
    node.tearDown();
  }

  static Path services() {
    return Path.of(".ci/services.sh").toAbsolutePath();
  }

  /** Restarts the daemon; blocks until it answers again. */
  static void restartDockerd() {
    try {
      Process process =
          new ProcessBuilder("bash", services().toString(), "restart-dockerd")
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      assertThat(process.waitFor(RESTART_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(new String(output, StandardCharsets.UTF_8)).isZero();
    } catch (IOException e) {
      throw new AssertionError("cannot run " + services(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Every file under the node's data and its JWT, with its content: what must survive. */
  Map<String, String> keysAndIdentity() throws IOException {
    Map<String, String> kept = new TreeMap<>();
    for (String file : DockerResetIT.KEPT) {
      kept.put(file, Files.readString(node.base.resolve(file)));
    }
    kept.put("jwt.hex", Files.readString(node.base.resolve("jwt.hex")));
    return kept;
  }

  @Test
  void anUpInterruptedByADockerdRestartIsFinishedByTheNextUp() throws Exception {
    AtomicBoolean restarted = new AtomicBoolean();
    DockerRuntime interrupted =
        new DockerRuntime(
            node.connection.client(),
            line -> {
              // Inside up: the init step's container exists, the clients' do not run yet.
              if (line.contains("running init step") && restarted.compareAndSet(false, true)) {
                restartDockerd();
              }
            });
    for (String file : DockerResetIT.LAYOUT) {
      DockerResetIT.write(node.base.resolve(file), file);
    }
    Path testnet = node.base.resolve("testnet/ephemery-153");
    DockerResetIT.release(testnet, 153);
    HostPlan plan = node.plan(153);
    RuntimeOptions options = new RuntimeOptions(false, null, node.image, Duration.ofMinutes(2));
    try {
      interrupted.up(plan, options);
    } catch (RuntimeException expected) {
      // The daemon went away under it: failing is allowed, losing anything is not.
    }
    assertThat(restarted).as("the restart happened inside up").isTrue();
    Map<String, String> before = keysAndIdentity();

    DockerRuntime next = new DockerRuntime(node.connection.client(), line -> {});
    next.up(plan, options);

    assertThat(ServiceState.healthy(next.status(node.node, plan))).isTrue();
    assertThat(keysAndIdentity()).isEqualTo(before);
    assertThat(next.up(plan, options).changes())
        .as("a third up finds nothing to do")
        .allMatch(change -> change.isEnsure());
  }

  @Test
  void aResetInterruptedByADockerdRestartResumesToTheSameEnd() throws Exception {
    DockerRuntime runtime = new DockerRuntime(node.connection.client(), l -> {});
    Path cache = node.nodeOn153(runtime, 1);
    Map<String, String> before = keysAndIdentity();
    AtomicBoolean restarted = new AtomicBoolean();
    // After the last stop, while the containers of the new iteration are created ahead.
    FaultInjector restart =
        point -> {
          if (point.equals("mid:" + ResetState.STOPPING) && restarted.compareAndSet(false, true)) {
            restartDockerd();
          }
        };
    ResetJournal first = null;
    try {
      first = node.reset(runtime, cache, 154, restart);
    } catch (RuntimeException expected) {
      // The daemon went away under it: the journal says where it stopped.
    }
    assertThat(restarted).as("the restart happened inside the reset").isTrue();
    ResetJournal end =
        first != null && first.state() == ResetState.DONE
            ? first
            : node.reset(new DockerRuntime(node.connection.client(), l -> {}), cache, 154);

    assertThat(end.state()).as(end.reason()).isEqualTo(ResetState.DONE);
    assertThat(node.files(node.base.resolve("data"))).isEqualTo(DockerResetIT.AFTER);
    assertThat(keysAndIdentity()).isEqualTo(before);
    node.assertExported(153, "data/validator/validators/slashing_protection.sqlite");
    assertThat(ServiceState.healthy(runtime.status(node.node, node.plan(154)))).isTrue();
  }
}
