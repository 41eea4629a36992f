package dev.ephemery.runtime.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UserInfo;
import dev.ephemery.common.OperationalException;
import dev.ephemery.inventory.Address;
import dev.ephemery.runtime.HostTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens SSH sessions with key authentication and strict host-key checking: an unknown or changed
 * host key is an error naming its fingerprint, never accepted silently.
 */
public final class SshSessions {

  static final int CONNECT_TIMEOUT_MS = 15_000;

  private SshSessions() {}

  public static Session open(HostTarget target) {
    Address.Ssh ssh = (Address.Ssh) target.address();
    Path knownHosts = target.knownHostsOrDefault();
    AtomicReference<byte[]> presented = new AtomicReference<>();
    JSch jsch = new JSch();
    try {
      if (Files.isRegularFile(knownHosts)) {
        jsch.setKnownHosts(knownHosts.toString());
      }
      jsch.setHostKeyRepository(new Recording(jsch.getHostKeyRepository(), presented));
      addIdentities(jsch, target);
      Session session = jsch.getSession(ssh.user(), ssh.host(), ssh.port());
      session.setConfig("StrictHostKeyChecking", "yes");
      session.setConfig("PreferredAuthentications", "publickey");
      session.setServerAliveInterval(15_000);
      session.connect(CONNECT_TIMEOUT_MS);
      return session;
    } catch (JSchUnknownHostKeyException e) {
      throw new OperationalException(
          target.name(),
          "host key of "
              + ssh.host()
              + ":"
              + ssh.port()
              + " is not known in "
              + knownHosts
              + (presented.get() == null ? "" : " (" + HostKeys.fingerprint(presented.get()) + ")"),
          "check the fingerprint with the host's owner, then run 'ephemery hosts trust "
              + target.name()
              + "'",
          e);
    } catch (JSchChangedHostKeyException e) {
      throw new OperationalException(
          target.name(),
          "host key of "
              + ssh.host()
              + ":"
              + ssh.port()
              + " CHANGED"
              + (presented.get() == null
                  ? ""
                  : " (now " + HostKeys.fingerprint(presented.get()) + ")")
              + ": possible man-in-the-middle",
          "if the host was reinstalled, remove its old line from "
              + knownHosts
              + " and trust it again",
          e);
    } catch (JSchException e) {
      throw new OperationalException(
          target.name(),
          "SSH to " + ssh.uri() + " failed: " + e.getMessage(),
          authHint(e, target),
          e);
    }
  }

  /** Connects only far enough to see the server's host key; no authentication is attempted. */
  public static byte[] fetchHostKey(String host, int port) {
    AtomicReference<byte[]> presented = new AtomicReference<>();
    JSch jsch = new JSch();
    try {
      jsch.setHostKeyRepository(new Recording(jsch.getHostKeyRepository(), presented));
      Session session = jsch.getSession("ephemery-hostkey-probe", host, port);
      session.setConfig("StrictHostKeyChecking", "yes");
      try {
        session.connect(CONNECT_TIMEOUT_MS);
        session.disconnect();
      } catch (JSchException expected) {
        // the empty repository refuses the key: that is where we stop
      }
    } catch (JSchException e) {
      throw new OperationalException(host, "SSH to " + host + ":" + port + " failed", "", e);
    }
    if (presented.get() == null) {
      throw new OperationalException(
          host + ":" + port, "no SSH host key received", "check that an SSH server listens there");
    }
    return presented.get();
  }

  private static void addIdentities(JSch jsch, HostTarget target) throws JSchException {
    if (target.sshKeyFile() != null) {
      if (!Files.isReadable(target.sshKeyFile())) {
        throw new OperationalException(
            target.name(),
            "SSH key file " + target.sshKeyFile() + " is not readable",
            "fix sshKeyFile in the inventory or its permissions");
      }
      jsch.addIdentity(target.sshKeyFile().toString());
      return;
    }
    if (System.getenv("SSH_AUTH_SOCK") != null) {
      try {
        jsch.setIdentityRepository(new AgentIdentityRepository(new SSHAgentConnector()));
        return;
      } catch (AgentProxyException e) {
        // fall back to the default key files
      }
    }
    Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
    for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
      if (Files.isReadable(ssh.resolve(name))) {
        jsch.addIdentity(ssh.resolve(name).toString());
      }
    }
  }

  private static String authHint(JSchException e, HostTarget target) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("Auth fail") || message.contains("USERAUTH fail")) {
      return target.sshKeyFile() == null
          ? "set sshKeyFile for this host or load its key into ssh-agent"
          : "check that " + target.sshKeyFile() + " is authorized for this user";
    }
    return "check the address, that sshd runs there and that it is reachable";
  }

  /** Delegates to the real known_hosts and remembers which key the server presented. */
  private record Recording(HostKeyRepository delegate, AtomicReference<byte[]> presented)
      implements HostKeyRepository {
    @Override
    public int check(String host, byte[] key) {
      presented.set(key.clone());
      return delegate.check(host, key);
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
      // never: keys are only added by 'ephemery hosts trust'
    }

    @Override
    public void remove(String host, String type) {}

    @Override
    public void remove(String host, String type, byte[] key) {}

    @Override
    public String getKnownHostsRepositoryID() {
      return delegate.getKnownHostsRepositoryID();
    }

    @Override
    public HostKey[] getHostKey() {
      return delegate.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
      return delegate.getHostKey(host, type);
    }
  }
}
