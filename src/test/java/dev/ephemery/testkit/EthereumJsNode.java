package dev.ephemery.testkit;

import static org.awaitility.Awaitility.await;

import dev.ephemery.testkit.TestServices.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real execution client, {@code @ethereumjs/client} 0.10.5 (npm), on free loopback ports: the
 * only execution client that installs here, and it speaks the real Engine API with JWT auth, so the
 * tool's Engine API/JWT code is tested against a real peer rather than against our own reading of
 * the spec.
 *
 * <p>Runs {@code --dev=poa} (a private single-node chain: no peers, no DNS discovery, nothing
 * leaves the machine), with a temporary data dir that {@link #close()} deletes. Start-up is
 * bounded; it takes about a second here.
 */
public final class EthereumJsNode implements AutoCloseable {

  private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path workDir;
  private final Path log;
  private final int rpcPort;
  private final int enginePort;

  private EthereumJsNode(Process process, Path workDir, Path log, int rpcPort, int enginePort) {
    this.process = process;
    this.workDir = workDir;
    this.log = log;
    this.rpcPort = rpcPort;
    this.enginePort = enginePort;
  }

  /** Starts the client of {@code EPHEMERY_IT_ETHEREUMJS}; aborts/fails when it is absent. */
  public static EthereumJsNode start(Path jwtSecretFile) {
    return start(
        TestServices.requirePath(Service.ETHEREUMJS), jwtSecretFile, DEFAULT_START_TIMEOUT);
  }

  public static EthereumJsNode start(Path executable, Path jwtSecretFile, Duration timeout) {
    Path workDir;
    try {
      workDir = Files.createTempDirectory("ethereumjs-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int rpcPort = freeLoopbackPort();
    int enginePort = freeLoopbackPort();
    int p2pPort = freeLoopbackPort();
    Path log = workDir.resolve("ethereumjs.log");
    List<String> command =
        List.of(
            executable.toString(),
            "--dev=poa",
            "--dataDir=" + workDir.resolve("data"),
            // no peer discovery at all: a dev chain needs none and the network is closed
            "--discDns=false",
            "--discV4=false",
            "--port=" + p2pPort,
            "--rpc",
            "--rpcAddr=127.0.0.1",
            "--rpcPort=" + rpcPort,
            "--rpcEngine",
            "--rpcEngineAddr=127.0.0.1",
            "--rpcEnginePort=" + enginePort,
            "--rpcEngineAuth=true",
            "--jwtSecret=" + jwtSecretFile.toAbsolutePath(),
            "--logFile=false",
            "--logLevel=info");
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      deleteTree(workDir);
      throw new UncheckedIOException("cannot start " + executable, e);
    }
    EthereumJsNode node = new EthereumJsNode(process, workDir, log, rpcPort, enginePort);
    try {
      node.awaitEnginePort(timeout);
    } catch (RuntimeException e) {
      String output = node.logText();
      node.close();
      throw new IllegalStateException(e.getMessage() + "\n--- ethereumjs output ---\n" + output, e);
    }
    return node;
  }

  private void awaitEnginePort(Duration timeout) {
    await("ethereumjs to open its Engine API port")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("ethereumjs exited with " + process.exitValue());
              }
              try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), enginePort), 500);
                return true;
              } catch (IOException notYet) {
                return false;
              }
            });
  }

  /** Engine API endpoint (JWT required). */
  public URI engineUri() {
    return URI.create("http://127.0.0.1:" + enginePort);
  }

  /** Plain JSON-RPC endpoint (eth_, net_, web3_; no auth). */
  public URI rpcUri() {
    return URI.create("http://127.0.0.1:" + rpcPort);
  }

  public int enginePort() {
    return enginePort;
  }

  public int rpcPort() {
    return rpcPort;
  }

  /** Everything the client printed so far, for assertion messages. */
  public String logText() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /**
   * Kills the client (SIGKILL) with any children and deletes its data. Not a graceful TERM: the
   * client then takes about 8 s to shut down, and its data is thrown away anyway.
   */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteTree(workDir);
  }

  /**
   * A port that was free a moment ago. Another process could take it before the client binds it;
   * the client then fails to start and the error says so, which is rare enough for tests.
   */
  public static int freeLoopbackPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // leftover temp files are harmless; do not hide the test's own outcome
    }
  }
}
