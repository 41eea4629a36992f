package dev.ephemery.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted HTTP server on 127.0.0.1 standing in for the GitHub API, the asset host and
 * ephemery.dev. Each path answers from a queue of scripted responses; the last one repeats.
 */
public final class LoopbackServer implements AutoCloseable {

  /** What one request gets. */
  public interface Answer {
    void answer(HttpExchange exchange) throws IOException;
  }

  /** A request as the server saw it. */
  public record Seen(String method, String path, Map<String, List<String>> headers) {
    public String header(String name) {
      for (var entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          return entry.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final Map<String, Deque<Answer>> script = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  public LoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public URI uri(String path) {
    return URI.create(base() + path);
  }

  /** Scripts {@code path}: each request takes the next answer; the last one stays. */
  public LoopbackServer on(String path, Answer... answers) {
    Deque<Answer> queue = new ConcurrentLinkedDeque<>(List.of(answers));
    script.put(path, queue);
    return this;
  }

  public List<Seen> requests() {
    return new ArrayList<>(seen);
  }

  public long count(String path) {
    return seen.stream().filter(s -> s.path().equals(path)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    seen.add(new Seen(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders())));
    Deque<Answer> queue = script.get(path);
    try {
      if (queue == null || queue.isEmpty()) {
        status(404).answer(exchange);
        return;
      }
      Answer answer = queue.size() > 1 ? queue.pollFirst() : queue.peekFirst();
      answer.answer(exchange);
    } finally {
      exchange.close();
    }
  }

  public static Answer bytes(byte[] body, Map<String, String> headers) {
    return exchange -> {
      headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    };
  }

  public static Answer bytes(byte[] body) {
    return bytes(body, Map.of());
  }

  public static Answer json(String body, Map<String, String> headers) {
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put("Content-Type", "application/json");
    return bytes(body.getBytes(StandardCharsets.UTF_8), all);
  }

  public static Answer status(int code) {
    return status(code, Map.of());
  }

  public static Answer status(int code, Map<String, String> headers) {
    return exchange -> {
      headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(code, -1);
    };
  }

  /** Announces the whole length, sends half, then drops the connection. */
  public static Answer truncated(byte[] body) {
    return exchange -> {
      exchange.sendResponseHeaders(200, body.length);
      OutputStream out = exchange.getResponseBody();
      out.write(body, 0, body.length / 2);
      out.flush();
      // Closing the exchange before the announced length is written drops the connection.
    };
  }

  /** Sends headers and a little body, then nothing for {@code millis}. */
  public static Answer stall(byte[] body, long millis) {
    return exchange -> {
      exchange.sendResponseHeaders(200, body.length);
      OutputStream out = exchange.getResponseBody();
      out.write(body, 0, Math.min(body.length, 100));
      out.flush();
      sleep(millis);
    };
  }

  /** Sends no headers for {@code millis}. */
  public static Answer silent(long millis) {
    return exchange -> {
      sleep(millis);
      exchange.sendResponseHeaders(503, -1);
    };
  }

  // What is under test: a server that is slow on purpose (a stalled body, headers that never come).
  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
