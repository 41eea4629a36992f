package dev.ephemery.runtime.ssh;

import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dev.ephemery.health.probe.NodeHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Streams to ports as a remote host sees them, each a {@code direct-tcpip} channel of the host's
 * SSH session (the sshd's {@code AllowTcpForwarding}, on by default): the node's loopback-only
 * ports are reached without publishing them and without a listening port on this machine.
 */
public final class SshStreams implements NodeHttp.Streams {

  private final java.util.function.Supplier<Session> connect;
  private final String where;
  private Session session;

  /** {@code connect} opens the session at the first stream: a host with nothing to ask has none. */
  public SshStreams(java.util.function.Supplier<Session> connect, String where) {
    this.connect = connect;
    this.where = where;
  }

  private synchronized Session session() {
    if (session == null) {
      session = connect.get();
    }
    return session;
  }

  @Override
  public NodeHttp.Conn open(String host, int port, Duration timeout) throws IOException {
    ChannelDirectTCPIP channel;
    InputStream in;
    OutputStream out;
    try {
      channel = (ChannelDirectTCPIP) session().openChannel("direct-tcpip");
      channel.setHost(host);
      channel.setPort(port);
      in = channel.getInputStream();
      out = channel.getOutputStream();
      channel.connect((int) timeout.toMillis());
    } catch (JSchException e) {
      throw new IOException(
          "cannot reach " + host + ":" + port + " through SSH (" + e.getMessage() + ")", e);
    }
    return new NodeHttp.Conn() {
      @Override
      public InputStream in() {
        return in;
      }

      @Override
      public OutputStream out() {
        return out;
      }

      @Override
      public void close() {
        channel.disconnect();
      }
    };
  }

  @Override
  public String describe() {
    return where;
  }

  @Override
  public synchronized void close() {
    if (session != null) {
      session.disconnect();
    }
  }
}
