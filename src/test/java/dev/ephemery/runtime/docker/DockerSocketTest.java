package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.runtime.Labels;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerSocketTest {

  @TempDir Path dir;

  /** A one-shot server on a real unix socket that records the request and sends {@code answer}. */
  private DockerSocket serving(String answer, AtomicReference<String> request, boolean close)
      throws IOException {
    Path path = dir.resolve("docker.sock");
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    Thread t =
        new Thread(
            () -> {
              try (server;
                  SocketChannel c = server.accept()) {
                ByteBuffer in = ByteBuffer.allocate(4096);
                while (!new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII)
                    .contains("\r\n\r\n")) {
                  c.read(in);
                }
                request.set(new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
                c.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
                if (!close) {
                  // What is under test: a server that answers and keeps the connection open.
                  Thread.sleep(3000);
                }
              } catch (IOException | InterruptedException e) {
                // the test sees what arrived
              }
            });
    t.setDaemon(true);
    t.start();
    return new DockerSocket(path, Duration.ofMillis(700));
  }

  @Test
  void listsANodesContainersWithTheirLabelsAndAsksDockerToFilterByTheNodeLabel() throws Exception {
    AtomicReference<String> request = new AtomicReference<>();
    String body =
        "[{\"Id\":\"abc\",\"Names\":[\"/n1-geth\"],\"State\":\"exited\","
            + "\"Labels\":{\"ephemery.node\":\"n1\",\"ephemery.service\":\"geth\"}}]";
    DockerSocket socket =
        serving("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n" + body, request, true);

    var list = socket.containers("n1");

    assertThat(list)
        .containsExactly(
            new DockerSocket.ContainerSummary(
                "abc",
                "n1-geth",
                "exited",
                java.util.Map.of("ephemery.node", "n1", "ephemery.service", "geth")));
    assertThat(request.get())
        .startsWith("GET /containers/json?all=1&filters=")
        .contains("ephemery.node%3Dn1")
        .contains("HTTP/1.0");
  }

  @Test
  void readsOnlyTheFieldsItUsesFromAFullListAnswer() throws Exception {
    String body =
        "[{\"Id\":\"abc\",\"Names\":[\"/n1-geth\",\"/alias\"],\"Image\":\"geth:v1\","
            + "\"Command\":\"geth --x\",\"Created\":1732647600,"
            + "\"Ports\":[{\"IP\":\"127.0.0.1\",\"PrivatePort\":8545,\"Type\":\"tcp\"}],"
            + "\"Labels\":{\"ephemery.node\":\"n1\",\"ephemery.note\":\"a \\\"q\\\" ü\"},"
            + "\"State\":\"running\",\"Status\":\"Up 2 hours\","
            + "\"HostConfig\":{\"NetworkMode\":\"bridge\",\"Annotations\":{\"State\":\"x\"}},"
            + "\"NetworkSettings\":{\"Networks\":{\"bridge\":{\"Aliases\":null,\"Id\":\"net\"}}},"
            + "\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/data\",\"RW\":true}]},"
            + "{\"Id\":\"def\",\"Names\":[],\"State\":\"created\",\"Labels\":null}]";
    DockerSocket socket = serving("HTTP/1.0 200 OK\r\n\r\n" + body, new AtomicReference<>(), true);

    assertThat(socket.containers("n1"))
        .containsExactly(
            new DockerSocket.ContainerSummary(
                "abc",
                "n1-geth",
                "running",
                java.util.Map.of("ephemery.node", "n1", "ephemery.note", "a \"q\" ü")),
            new DockerSocket.ContainerSummary("def", "def", "created", java.util.Map.of()));
  }

  @Test
  void anAnswerThatIsNotAListIsAnIoError() throws Exception {
    DockerSocket socket =
        serving("HTTP/1.0 200 OK\r\n\r\n{\"message\":\"odd\"}", new AtomicReference<>(), true);

    assertThatThrownBy(() -> socket.containers("n1"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a list");
  }

  @Test
  void theLabelFilterIsEscapedJson() throws Exception {
    for (String node : new String[] {"n1", "we\"ird\\node", "ünï"}) {
      assertThat(DockerSocket.labelFilter(node))
          .as(node)
          .isEqualTo(
              new com.fasterxml.jackson.databind.ObjectMapper()
                  .writeValueAsString(java.util.Map.of("label", Labels.nodeFilter(node))));
    }
  }

  @Test
  void inspectFindsTheExitCodeInsideStateAndNoneWhenItIsAbsent() throws Exception {
    String full =
        "{\"Id\":\"abc\",\"Config\":{\"Labels\":{\"RestartCount\":\"9\"}},"
            + "\"State\":{\"Status\":\"exited\",\"Health\":{\"ExitCode\":5},"
            + "\"OOMKilled\":true,\"ExitCode\":137,\"Error\":\"\"},"
            + "\"RestartCount\":4,\"Mounts\":[]}";
    assertThat(
            serving("HTTP/1.0 200 OK\r\n\r\n" + full, new AtomicReference<>(), true).inspect("abc"))
        .isEqualTo(new DockerSocket.ContainerDetail(4, 137));
  }

  @Test
  void inspectWithoutRestartCountOrExitCodeGivesZeroAndNull() throws Exception {
    DockerSocket socket =
        serving(
            "HTTP/1.0 200 OK\r\n\r\n{\"State\":{\"ExitCode\":null,\"Status\":\"created\"}}",
            new AtomicReference<>(),
            true);

    assertThat(socket.inspect("abc")).isEqualTo(new DockerSocket.ContainerDetail(0, null));
  }

  @Test
  void readsAChunkedAnswer() throws Exception {
    String json = "{\"RestartCount\":3,\"State\":{\"ExitCode\":2}}";
    String chunked =
        Integer.toHexString(10)
            + "\r\n"
            + json.substring(0, 10)
            + "\r\n"
            + Integer.toHexString(json.length() - 10)
            + "\r\n"
            + json.substring(10)
            + "\r\n0\r\n\r\n";
    DockerSocket socket =
        serving(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked,
            new AtomicReference<>(),
            true);

    assertThat(socket.inspect("abc")).isEqualTo(new DockerSocket.ContainerDetail(3, 2));
  }

  @Test
  void anErrorAnswerCarriesDockersMessage() throws Exception {
    DockerSocket socket =
        serving(
            "HTTP/1.0 404 Not Found\r\n\r\n{\"message\":\"No such container: abc\"}",
            new AtomicReference<>(),
            true);

    assertThatThrownBy(() -> socket.inspect("abc"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("404")
        .hasMessageContaining("No such container: abc");
  }

  @Test
  void aDaemonThatNeverFinishesItsAnswerTimesOut() throws Exception {
    DockerSocket socket = serving("HTTP/1.0 200 OK\r\n\r\n[", new AtomicReference<>(), false);

    long start = System.nanoTime();
    assertThatThrownBy(socket::ping).isInstanceOf(IOException.class).hasMessageContaining("within");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aMissingSocketIsAnIoError() {
    DockerSocket socket = new DockerSocket(dir.resolve("none.sock"), Duration.ofSeconds(1));

    assertThatThrownBy(socket::ping).isInstanceOf(IOException.class);
  }

  @Test
  void aGarbledChunkSizeIsAnIoErrorNotACrash() {
    for (String size : new String[] {"zz", "-5", ""}) {
      byte[] answer =
          ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\n[]\r\n0\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> DockerSocket.body("/containers/json", answer))
          .as(size)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("bad chunk size");
    }
  }

  @Test
  void aCutShortHeaderIsRefused() {
    assertThatThrownBy(
            () ->
                DockerSocket.body("/_ping", "HTTP/1.0 200 OK\r\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no complete header");
  }
}
