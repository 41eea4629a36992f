package dev.ephemery.testkit;

import static org.awaitility.Awaitility.await;

import dev.ephemery.testkit.TestServices.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus 2.42 (Debian) on a free loopback port with a given config and a throwaway TSDB,
 * so tests can check that what the tool exposes is actually scraped and that the scrape configs it
 * writes work, not just parse. Start-up waits (bounded) for {@code /-/ready}; {@link #close()}
 * kills it and deletes its data.
 */
public final class PrometheusServer implements AutoCloseable {

  private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final Path workDir;
  private final Path log;
  private final int port;

  private PrometheusServer(Process process, Path workDir, Path log, int port) {
    this.process = process;
    this.workDir = workDir;
    this.log = log;
    this.port = port;
  }

  /** Starts the prometheus of {@code EPHEMERY_IT_PROMETHEUS}; aborts/fails when absent. */
  public static PrometheusServer start(Path configFile) {
    return start(TestServices.requirePath(Service.PROMETHEUS), configFile, DEFAULT_START_TIMEOUT);
  }

  public static PrometheusServer start(Path executable, Path configFile, Duration timeout) {
    Path workDir;
    try {
      workDir = Files.createTempDirectory("prometheus-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int port = EthereumJsNode.freeLoopbackPort();
    Path log = workDir.resolve("prometheus.log");
    List<String> command =
        List.of(
            executable.toString(),
            "--config.file=" + configFile.toAbsolutePath(),
            "--storage.tsdb.path=" + workDir.resolve("data"),
            "--web.listen-address=127.0.0.1:" + port,
            "--web.enable-lifecycle");
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      process.getOutputStream().close();
    } catch (IOException e) {
      deleteTree(workDir);
      throw new UncheckedIOException("cannot start " + executable, e);
    }
    PrometheusServer server = new PrometheusServer(process, workDir, log, port);
    try {
      server.awaitReady(timeout);
    } catch (RuntimeException e) {
      String output = server.logText();
      server.close();
      throw new IllegalStateException(e.getMessage() + "\n--- prometheus output ---\n" + output, e);
    }
    return server;
  }

  private void awaitReady(Duration timeout) {
    await("prometheus to be ready")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue());
              }
              try {
                return get("/-/ready").statusCode() == 200;
              } catch (IOException notYet) {
                return false;
              }
            });
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** GET on the Prometheus HTTP API, e.g. {@code get("/api/v1/query?query=up")}. */
  public HttpResponse<String> get(String pathAndQuery) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUri() + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  public String logText() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteTree(workDir);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // leftover temp files are harmless
    }
  }
}
