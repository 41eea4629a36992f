package dev.ephemery.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few read-only Docker Engine API calls that the supervisor makes every few seconds (ping, list
 * a node's containers, inspect one), spoken directly over the local socket. docker-java would do
 * the same but loads about 1,300 classes (its models and their Jackson bindings) that a daemon
 * polling every 10 s keeps resident for weeks; it is still what every change goes through.
 */
public final class DockerSocket {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Answers past this are not a container list of one node: refuse rather than grow. */
  private static final int MAX_ANSWER = 16 << 20;

  private final Path socket;
  private final Duration timeout;

  public DockerSocket(Path socket, Duration timeout) {
    this.socket = socket;
    this.timeout = timeout;
  }

  /**
   * The local daemon's socket: {@code DOCKER_HOST} when it names a unix socket, else the default.
   */
  public static DockerSocket local() {
    String env = System.getenv("DOCKER_HOST");
    String path =
        env != null && env.startsWith("unix://")
            ? env.substring("unix://".length())
            : DockerTarget.LOCAL_SOCKET;
    return new DockerSocket(Path.of(path), Duration.ofSeconds(20));
  }

  public Path path() {
    return socket;
  }

  /** One container as the list call reports it. */
  public record ContainerSummary(
      String id, String name, String state, Map<String, String> labels) {}

  /** What only an inspect tells: how often the engine restarted it and how it last exited. */
  public record ContainerDetail(int restartCount, Integer exitCode) {}

  public void ping() throws IOException {
    get("/_ping");
  }

  /** Every container (running or not) that carries the node's label. */
  public List<ContainerSummary> containers(String node) throws IOException {
    String filters = JSON.writeValueAsString(Map.of("label", Labels.nodeFilter(node)));
    JsonNode list =
        JSON.readTree(
            get(
                "/containers/json?all=1&filters="
                    + URLEncoder.encode(filters, StandardCharsets.UTF_8)));
    List<ContainerSummary> out = new ArrayList<>();
    for (JsonNode c : list) {
      Map<String, String> labels = new LinkedHashMap<>();
      c.path("Labels")
          .fields()
          .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      JsonNode names = c.path("Names");
      String id = c.path("Id").asText();
      String name = names.size() > 0 ? names.get(0).asText().replaceFirst("^/", "") : id;
      out.add(new ContainerSummary(id, name, c.path("State").asText(), labels));
    }
    return out;
  }

  public ContainerDetail inspect(String id) throws IOException {
    JsonNode c =
        JSON.readTree(
            get("/containers/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/json"));
    JsonNode exit = c.path("State").path("ExitCode");
    return new ContainerDetail(
        c.path("RestartCount").asInt(0), exit.isNumber() ? exit.asInt() : null);
  }

  /** The body of a 200 answer to a GET; HTTP/1.0, so the daemon sends it whole and closes. */
  byte[] get(String path) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = Selector.open()) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      ByteBuffer request =
          ByteBuffer.wrap(
              ("GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      while (request.hasRemaining()) {
        channel.write(request);
      }
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(8192);
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new IOException("Docker did not answer " + path + " within " + timeout);
        }
        selector.select(left);
        selector.selectedKeys().clear();
        int n = channel.read(buffer);
        if (n < 0) {
          break;
        }
        answer.write(buffer.array(), 0, buffer.position());
        buffer.clear();
        if (answer.size() > MAX_ANSWER) {
          throw new IOException("Docker's answer to " + path + " exceeds " + MAX_ANSWER + " bytes");
        }
      }
      return body(path, answer.toByteArray());
    }
  }

  static byte[] body(String path, byte[] answer) throws IOException {
    int end = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    if (end < 0) {
      throw new IOException("Docker's answer to " + path + " has no complete header");
    }
    String head = new String(answer, 0, end, StandardCharsets.ISO_8859_1);
    String[] status = head.split("\r\n", 2)[0].split(" ", 3);
    byte[] body = java.util.Arrays.copyOfRange(answer, end + 4, answer.length);
    if (status.length < 2 || !status[1].equals("200")) {
      String message = new String(body, StandardCharsets.UTF_8).strip();
      throw new IOException(
          "Docker answered " + path + " with " + String.join(" ", status) + ": " + message);
    }
    if (head.toLowerCase(java.util.Locale.ROOT).contains("\r\ntransfer-encoding: chunked")) {
      return dechunk(path, body);
    }
    return body;
  }

  private static byte[] dechunk(String path, byte[] chunked) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int eol = indexOf(chunked, at, "\r\n".getBytes(StandardCharsets.US_ASCII));
      if (eol < 0) {
        throw new IOException("Docker's chunked answer to " + path + " is cut short");
      }
      String size = new String(chunked, at, eol - at, StandardCharsets.US_ASCII).split(";")[0];
      int length;
      try {
        length = Integer.parseInt(size.strip(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("Docker's chunked answer to " + path + " has a bad chunk size", e);
      }
      if (length < 0) {
        throw new IOException("Docker's chunked answer to " + path + " has a bad chunk size");
      }
      if (length == 0) {
        return out.toByteArray();
      }
      if (eol + 2 + length > chunked.length) {
        throw new IOException("Docker's chunked answer to " + path + " is cut short");
      }
      out.write(chunked, eol + 2, length);
      at = eol + 2 + length + 2;
    }
  }

  private static int indexOf(byte[] data, byte[] needle) {
    return indexOf(data, 0, needle);
  }

  private static int indexOf(byte[] data, int from, byte[] needle) {
    outer:
    for (int i = from; i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
