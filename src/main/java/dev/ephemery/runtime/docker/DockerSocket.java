package dev.ephemery.runtime.docker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
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

  // The streaming API, not a tree: the answers are read for a handful of fields, and databind's
  // ~450 classes would stay resident in the supervisor for this alone.
  private static final JsonFactory JSON = new JsonFactory();

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
            : HostTarget.LOCAL_SOCKET;
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
    String path =
        "/containers/json?all=1&filters="
            + URLEncoder.encode(labelFilter(node), StandardCharsets.UTF_8);
    List<ContainerSummary> out = new ArrayList<>();
    try (JsonParser p = JSON.createParser(get(path))) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException("Docker's answer to " + path + " is not a list");
      }
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (p.currentToken() == JsonToken.START_OBJECT) {
          out.add(container(p));
        } else {
          p.skipChildren();
        }
      }
    }
    return out;
  }

  /** {@code {"label":["ephemery.node=<node>"]}}, the filters argument of the list call. */
  static String labelFilter(String node) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("label");
      for (String filter : Labels.nodeFilter(node)) {
        g.writeString(filter);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toString();
  }

  /** One entry of the list, from its START_OBJECT to its END_OBJECT. */
  private static ContainerSummary container(JsonParser p) throws IOException {
    String id = "";
    String firstName = null;
    String state = "";
    Map<String, String> labels = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "Id" -> id = text(p);
        case "State" -> state = text(p);
        case "Names" -> {
          if (value == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
              String name = text(p);
              if (firstName == null) {
                firstName = name;
              }
            }
          } else {
            p.skipChildren();
          }
        }
        case "Labels" -> {
          if (value == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String key = p.currentName();
              p.nextToken();
              labels.put(key, text(p));
            }
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    String name = firstName == null ? id : firstName.replaceFirst("^/", "");
    return new ContainerSummary(id, name, state, labels);
  }

  public ContainerDetail inspect(String id) throws IOException {
    String path = "/containers/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/json";
    int restartCount = 0;
    Integer exitCode = null;
    try (JsonParser p = JSON.createParser(get(path))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("Docker's answer to " + path + " is not an object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("RestartCount")) {
          restartCount = p.getValueAsInt(0);
          p.skipChildren();
        } else if (field.equals("State") && value == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            boolean exit = p.currentName().equals("ExitCode");
            if (p.nextToken().isNumeric() && exit) {
              exitCode = p.getValueAsInt();
            }
            p.skipChildren();
          }
        } else {
          p.skipChildren();
        }
      }
    }
    return new ContainerDetail(restartCount, exitCode);
  }

  /** A value as text, as JsonNode.asText gave it: a scalar's text, "" for an object or a list. */
  private static String text(JsonParser p) throws IOException {
    if (p.currentToken().isScalarValue()) {
      return p.getText();
    }
    p.skipChildren();
    return "";
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
