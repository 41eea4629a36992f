package dev.ephemery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.jcraft.jsch.ChannelDirectStreamLocal;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dev.ephemery.testkit.TestServices.Service;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test sshd is a faithful remote Docker host: key login with verified host key, and the OpenSSH
 * stream-local forwarding the tool uses to reach the remote /var/run/docker.sock.
 */
class SshServerIT {

  private static final int TIMEOUT_MS = 15_000;

  private SshTarget target;
  private String dockerSocket;

  @BeforeEach
  void services() {
    target = SshTarget.fromEnvironment();
    dockerSocket = TestServices.require(Service.DOCKER_SOCKET);
  }

  private Session session(Path knownHosts) throws JSchException {
    JSch jsch = new JSch();
    jsch.setKnownHosts(knownHosts.toString());
    jsch.addIdentity(target.privateKey().toString());
    Session session = jsch.getSession(target.user(), target.host(), target.port());
    // never trust on first use: the host key must already be in known_hosts
    session.setConfig("StrictHostKeyChecking", "yes");
    session.setConfig("PreferredAuthentications", "publickey");
    session.connect(TIMEOUT_MS);
    return session;
  }

  @Test
  void dockerSocketAnswersThroughDirectStreamLocal() throws Exception {
    Session session = session(target.knownHosts());
    try {
      ChannelDirectStreamLocal channel =
          (ChannelDirectStreamLocal) session.openChannel("direct-streamlocal@openssh.com");
      channel.setSocketPath(dockerSocket);
      InputStream in = channel.getInputStream();
      OutputStream out = channel.getOutputStream();
      channel.connect(TIMEOUT_MS);
      try {
        out.write(
            "GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String response = new String(readAll(in), StandardCharsets.US_ASCII);
        assertThat(response).startsWith("HTTP/1.1 200").endsWith("OK");
      } finally {
        channel.disconnect();
      }
    } finally {
      session.disconnect();
    }
  }

  @Test
  void execRunsAsTheConfiguredUser() throws Exception {
    Session session = session(target.knownHosts());
    try {
      ChannelExec exec = (ChannelExec) session.openChannel("exec");
      exec.setCommand("id -un");
      InputStream in = exec.getInputStream();
      exec.connect(TIMEOUT_MS);
      String out = new String(readAll(in), StandardCharsets.UTF_8).trim();
      await()
          .atMost(Duration.ofMillis(TIMEOUT_MS))
          .pollInterval(Duration.ofMillis(20))
          .until(exec::isClosed);
      assertThat(out).isEqualTo(target.user());
      assertThat(exec.getExitStatus()).isZero();
      exec.disconnect();
    } finally {
      session.disconnect();
    }
  }

  @Test
  void unknownHostKeyIsRefused(@TempDir Path tmp) throws Exception {
    Path empty = Files.createFile(tmp.resolve("known_hosts"));

    assertThatThrownBy(() -> session(empty).disconnect())
        .isInstanceOf(JSchException.class)
        .hasMessageContaining("HostKey");
  }

  /** Reads to EOF; bounded because the channel closes when the peer is done. */
  private static byte[] readAll(InputStream in) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
    int n;
    while ((n = in.read(chunk)) >= 0) {
      buffer.write(chunk, 0, n);
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no EOF within " + TIMEOUT_MS + " ms: " + buffer);
      }
    }
    return buffer.toByteArray();
  }
}
