package dev.ephemery.runtime.ssh;

import com.jcraft.jsch.ChannelDirectStreamLocal;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a unix socket in a private (0700) temp folder; each connection to it is piped to a new
 * {@code direct-streamlocal@openssh.com} channel to the remote Docker socket. docker-java then
 * talks to that local socket as to a local daemon. A unix socket and not a loopback TCP port:
 * whoever can connect to it controls the remote daemon (root-equivalent), and the folder mode keeps
 * that to us.
 */
public final class SshDockerForwarder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SshDockerForwarder.class);

  private final Session session;
  private final String remoteSocket;
  private final Path dir;
  private final Path socket;
  private final ServerSocketChannel server;
  private final ExecutorService pumps;

  public SshDockerForwarder(Session session, String remoteSocket, String label) throws IOException {
    this.session = session;
    this.remoteSocket = remoteSocket;
    this.dir =
        Files.createTempDirectory(
            "ephemery-ssh-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    this.socket = dir.resolve("docker.sock");
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    this.pumps =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "ssh-docker-" + label);
              thread.setDaemon(true);
              return thread;
            });
    pumps.execute(this::acceptLoop);
  }

  public Path socket() {
    return socket;
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      SocketChannel client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      pumps.execute(() -> bridge(client));
    }
  }

  private void bridge(SocketChannel client) {
    ChannelDirectStreamLocal channel = null;
    try {
      channel = (ChannelDirectStreamLocal) session.openChannel("direct-streamlocal@openssh.com");
      channel.setSocketPath(remoteSocket);
      InputStream fromRemote = channel.getInputStream();
      OutputStream toRemote = channel.getOutputStream();
      channel.connect(SshSessions.CONNECT_TIMEOUT_MS);
      ChannelDirectStreamLocal open = channel;
      pumps.execute(
          () -> {
            fromClient(client, toRemote);
            // the client finished sending: tell the remote side, keep reading its answer
            try {
              toRemote.close();
            } catch (IOException ignored) {
              // already gone
            }
          });
      toClient(fromRemote, client);
      open.disconnect();
    } catch (JSchException | IOException e) {
      LOG.debug("forwarding to {} failed: {}", remoteSocket, e.toString());
    } finally {
      if (channel != null) {
        channel.disconnect();
      }
      try {
        client.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  // SocketChannel's own read and write (not Channels.newInputStream/newOutputStream, which share
  // one lock on a blocking channel, so a pending read would block every write).
  private static void fromClient(SocketChannel client, OutputStream out) {
    ByteBuffer buffer = ByteBuffer.allocate(32 * 1024);
    try {
      while (client.read(buffer) >= 0) {
        out.write(buffer.array(), 0, buffer.position());
        out.flush();
        buffer.clear();
      }
    } catch (IOException e) {
      // one side closed: the other pump ends too
    }
  }

  private static void toClient(InputStream in, SocketChannel client) {
    byte[] bytes = new byte[32 * 1024];
    try {
      int n;
      while ((n = in.read(bytes)) >= 0) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, n);
        while (buffer.hasRemaining()) {
          client.write(buffer);
        }
      }
      client.shutdownOutput();
    } catch (IOException e) {
      // one side closed
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // best effort
    }
    pumps.shutdownNow();
    session.disconnect();
    try {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }
}
