package dev.ephemery.runtime.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dev.ephemery.common.OperationalException;
import dev.ephemery.common.Pause;
import dev.ephemery.runtime.HostShell;
import dev.ephemery.runtime.HostTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs shell commands on an {@code ssh://} host over one SSH session (the transport {@link
 * SshSessions} opens for Docker): the read-only facts script of {@code hosts prepare}, and the
 * changes {@code --apply} makes.
 */
public final class SshHostShell implements HostShell {

  static final long COMMAND_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(10);

  private final HostTarget target;
  private final Session session;

  private SshHostShell(HostTarget target, Session session) {
    this.target = target;
    this.session = session;
  }

  public static SshHostShell open(HostTarget target) {
    return new SshHostShell(target, SshSessions.open(target));
  }

  @Override
  public String name() {
    return target.name();
  }

  @Override
  public Result run(String command, String stdin) {
    ChannelExec channel = null;
    try {
      channel = (ChannelExec) session.openChannel("exec");
      channel.setCommand(command);
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      channel.setErrStream(err);
      InputStream out = channel.getInputStream();
      OutputStream in = channel.getOutputStream();
      channel.connect(SshSessions.CONNECT_TIMEOUT_MS);
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
      in.close();
      byte[] output = readAll(out, channel);
      return new Result(
          channel.getExitStatus(),
          new String(output, StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } catch (JSchException | IOException e) {
      throw new OperationalException(
          target.name(), "SSH command failed: " + e.getMessage(), "check the host", e);
    } finally {
      if (channel != null) {
        channel.disconnect();
      }
    }
  }

  private byte[] readAll(InputStream out, ChannelExec channel) throws IOException {
    long deadline = System.currentTimeMillis() + COMMAND_TIMEOUT_MS;
    byte[] all = out.readAllBytes();
    // EOF on stdout comes before the exit status: wait for the channel to close.
    while (!channel.isClosed()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IOException("no exit status after " + COMMAND_TIMEOUT_MS / 1000 + " s");
      }
      if (!Pause.THREAD.pause(Duration.ofMillis(20))) {
        throw new IOException("interrupted");
      }
    }
    return all;
  }

  @Override
  public void close() {
    session.disconnect();
  }
}
