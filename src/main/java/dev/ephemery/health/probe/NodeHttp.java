package dev.ephemery.health.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.0 to a port of a node's host, over whatever byte stream reaches it: a loopback socket for
 * a local host, an SSH {@code direct-tcpip} channel for a remote one ({@link Streams}). One small
 * client for both, so a remote node's loopback-only ports are asked through the SSH connection and
 * nothing is published or forwarded to a port here. HTTP/1.0 with {@code Connection: close}: the
 * answer ends when the server closes, no keep-alive or chunking to handle.
 */
public final class NodeHttp implements AutoCloseable {

  /** Opens a byte stream to {@code host:port} as the node's host sees it. */
  public interface Streams extends AutoCloseable {
    Conn open(String host, int port, Duration timeout) throws IOException;

    /** Where the streams go, for messages ("127.0.0.1", "ssh://ops@node1"). */
    String describe();

    @Override
    default void close() {}
  }

  /** One open connection. */
  public interface Conn extends AutoCloseable {
    InputStream in() throws IOException;

    OutputStream out() throws IOException;

    @Override
    void close();
  }

  /**
   * An answer.
   *
   * @param date the server's Date header, or null
   * @param received this machine's clock when the answer arrived
   */
  public record Answer(int status, String body, Instant date, Instant received, long millis) {}

  private static final int MAX_BODY = 4 << 20;

  /**
   * The threads that wait on answers, shared by every host's client: the work is waiting on
   * sockets, so the bound is set by how many exchanges run at once (16 hosts probed together, each
   * with its consensus calls in parallel), not by the cores. Idle threads end after a minute.
   */
  static final int IO_THREADS = 96;

  private static final ExecutorService EXCHANGES = ioPool();

  private static ExecutorService ioPool() {
    java.util.concurrent.ThreadPoolExecutor pool =
        new java.util.concurrent.ThreadPoolExecutor(
            IO_THREADS,
            IO_THREADS,
            1,
            TimeUnit.MINUTES,
            new java.util.concurrent.LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "node-http");
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private final Streams streams;
  private final Clock clock;
  private final Duration timeout;

  public NodeHttp(Streams streams, Clock clock, Duration timeout) {
    this.streams = streams;
    this.clock = clock;
    this.timeout = timeout;
  }

  public String describe() {
    return streams.describe();
  }

  public Answer get(String host, int port, String path) throws IOException {
    return exchange(host, port, "GET", path, null);
  }

  public Answer post(String host, int port, String path, String json) throws IOException {
    return exchange(host, port, "POST", path, json);
  }

  /**
   * GETs every path at once, each on its own connection; in the order given, each path's answer or
   * the IOException that stopped it.
   */
  public List<Reply> getAll(String host, int port, List<String> paths) {
    List<Object> pending = new ArrayList<>();
    for (String path : paths) {
      try {
        pending.add(start(host, port, "GET", path, null));
      } catch (IOException e) {
        pending.add(e);
      }
    }
    List<Reply> replies = new ArrayList<>();
    for (Object p : pending) {
      try {
        replies.add(
            p instanceof IOException e ? new Reply(null, e) : new Reply(finish((Pending) p), null));
      } catch (IOException e) {
        replies.add(new Reply(null, e));
      }
    }
    return replies;
  }

  /** One path's answer, or why there is none. */
  public record Reply(Answer answer, IOException failure) {
    public Answer get() throws IOException {
      if (failure != null) {
        throw failure;
      }
      return answer;
    }
  }

  private record Pending(Conn conn, Future<byte[]> raw, long start, long submitted) {}

  /**
   * A request to {@code address:port} whose Host header names {@code host} instead (a container's
   * address, asked as its service alias), with {@code headers} besides this client's own; a POST
   * when {@code json} is given.
   */
  public Answer send(
      String address, int port, String host, String path, String json, Map<String, String> headers)
      throws IOException {
    return finish(start(address, port, host, json == null ? "GET" : "POST", path, json, headers));
  }

  private Answer exchange(String host, int port, String method, String path, String body)
      throws IOException {
    return finish(start(host, port, method, path, body));
  }

  private Pending start(String host, int port, String method, String path, String body)
      throws IOException {
    return start(host, port, host, method, path, body, Map.of());
  }

  private Pending start(
      String address,
      int port,
      String host,
      String method,
      String path,
      String body,
      Map<String, String> headers)
      throws IOException {
    long start = System.nanoTime();
    Conn conn = streams.open(address, port, timeout);
    Future<byte[]> raw =
        EXCHANGES.submit(
            () -> {
              OutputStream out = conn.out();
              out.write(request(host, port, method, path, body, headers));
              out.flush();
              return readAll(conn.in());
            });
    return new Pending(conn, raw, start, System.nanoTime());
  }

  /** Waits for the answer at most the timeout from when its request was handed over. */
  private Answer finish(Pending p) throws IOException {
    Future<byte[]> raw = p.raw();
    Conn conn = p.conn();
    long start = p.start();
    try {
      long left = timeout.toNanos() - (System.nanoTime() - p.submitted());
      byte[] bytes = raw.get(Math.max(0, left), TimeUnit.NANOSECONDS);
      Instant received = clock.instant();
      return parse(bytes, received, (System.nanoTime() - start) / 1_000_000);
    } catch (TimeoutException e) {
      throw new IOException("no answer within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } finally {
      raw.cancel(true);
      conn.close();
    }
  }

  static byte[] request(String host, int port, String method, String path, String body) {
    return request(host, port, method, path, body, Map.of());
  }

  static byte[] request(
      String host, int port, String method, String path, String body, Map<String, String> headers) {
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head =
        new StringBuilder()
            .append(method)
            .append(' ')
            .append(path)
            .append(" HTTP/1.0\r\nHost: ")
            .append(host)
            .append(':')
            .append(port)
            .append("\r\nAccept: application/json\r\nConnection: close\r\n");
    headers.forEach(
        (name, value) -> {
          if ((name + value).indexOf('\r') >= 0 || (name + value).indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a header with a line break: " + name);
          }
          head.append(name).append(": ").append(value).append("\r\n");
        });
    if (body != null) {
      head.append("Content-Type: application/json\r\nContent-Length: ")
          .append(payload.length)
          .append("\r\n");
    }
    head.append("\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + payload.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(payload, 0, all, h.length, payload.length);
    return all;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      out.write(buffer, 0, n);
      if (out.size() > MAX_BODY) {
        throw new IOException("answer larger than " + MAX_BODY + " bytes");
      }
    }
    return out.toByteArray();
  }

  static Answer parse(byte[] bytes, Instant received, long millis) throws IOException {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/") || end < 0) {
      throw new IOException(
          bytes.length == 0 ? "the connection closed without an answer" : "not an HTTP answer");
    }
    String[] lines = text.substring(0, end).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status = Integer.parseInt(statusLine[1]);
    Instant date = null;
    boolean chunked = false;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      if (name.equals("date")) {
        date = httpDate(value);
      } else if (name.equals("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
        chunked = true;
      }
    }
    byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
    String body = new String(chunked ? dechunk(rest) : rest, StandardCharsets.UTF_8);
    return new Answer(status, body, date, received, millis);
  }

  static Instant httpDate(String value) {
    try {
      return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static byte[] dechunk(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < raw.length) {
      int lineEnd = i;
      while (lineEnd + 1 < raw.length && !(raw[lineEnd] == '\r' && raw[lineEnd + 1] == '\n')) {
        lineEnd++;
      }
      String sizeText = new String(raw, i, lineEnd - i, StandardCharsets.US_ASCII).split(";")[0];
      int size = sizeText.isBlank() ? 0 : Integer.parseInt(sizeText.trim(), 16);
      if (size == 0) {
        break;
      }
      int start = lineEnd + 2;
      out.write(raw, start, Math.min(size, raw.length - start));
      i = start + size + 2;
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    // The exchange threads are shared; each exchange ends (or is cancelled) before it returns.
    streams.close();
  }
}
