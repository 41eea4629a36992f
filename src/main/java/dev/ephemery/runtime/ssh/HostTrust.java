package dev.ephemery.runtime.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.inventory.Address;
import dev.ephemery.runtime.HostTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** {@code ephemery hosts trust}: fetch a host's SSH key, show it, add it to known_hosts. */
public final class HostTrust {

  public enum Known {
    TRUSTED,
    UNKNOWN,
    CHANGED
  }

  /**
   * The key a host presents and what known_hosts says about it. {@code key} is the raw key a
   * known_hosts line is written from; no code compares or hashes Presented records.
   */
  @SuppressWarnings("ArrayRecordComponent") // see above: equality of the record is never used
  public record Presented(
      String host, int port, String keyType, String fingerprint, Known known, byte[] key) {}

  private HostTrust() {}

  public static Presented inspect(HostTarget target) {
    if (!(target.address() instanceof Address.Ssh ssh)) {
      throw InvalidInputException.of(
          target.name(), "host '" + target.name() + "' is local: there is no SSH key to trust", "");
    }
    byte[] key = SshSessions.fetchHostKey(ssh.host(), ssh.port());
    return new Presented(
        ssh.host(),
        ssh.port(),
        HostKeys.keyType(key),
        HostKeys.fingerprint(key),
        known(target.knownHostsOrDefault(), HostKeys.knownHostsName(ssh.host(), ssh.port()), key),
        key);
  }

  /**
   * Whether known_hosts pins a key for this ssh:// host, read offline: {@code check} contacts only
   * hosts the operator has trusted.
   */
  public static boolean pinned(HostTarget target) {
    Path knownHosts = target.knownHostsOrDefault();
    if (!(target.address() instanceof Address.Ssh ssh) || !Files.isRegularFile(knownHosts)) {
      return false;
    }
    try {
      JSch jsch = new JSch();
      jsch.setKnownHosts(knownHosts.toString());
      HostKey[] keys =
          jsch.getHostKeyRepository()
              .getHostKey(HostKeys.knownHostsName(ssh.host(), ssh.port()), null);
      return keys != null && keys.length > 0;
    } catch (JSchException e) {
      return false;
    }
  }

  private static Known known(Path knownHosts, String name, byte[] key) {
    if (!Files.isRegularFile(knownHosts)) {
      return Known.UNKNOWN;
    }
    try {
      JSch jsch = new JSch();
      jsch.setKnownHosts(knownHosts.toString());
      return switch (jsch.getHostKeyRepository().check(name, key)) {
        case HostKeyRepository.OK -> Known.TRUSTED;
        case HostKeyRepository.CHANGED -> Known.CHANGED;
        default -> Known.UNKNOWN;
      };
    } catch (JSchException e) {
      throw new OperationalException(
          knownHosts.toString(), "cannot read known_hosts: " + e.getMessage(), "", e);
    }
  }

  /** Appends the key; refuses a changed key (that needs a person to remove the old line). */
  public static void trust(HostTarget target, Presented presented) {
    Path knownHosts = target.knownHostsOrDefault();
    if (presented.known() == Known.CHANGED) {
      throw new OperationalException(
          target.name(),
          "the host key differs from the one in "
              + knownHosts
              + " ("
              + presented.fingerprint()
              + ")",
          "if the host was reinstalled, remove its old line by hand, then trust it again");
    }
    if (presented.known() == Known.TRUSTED) {
      return;
    }
    try {
      Path parent = knownHosts.toAbsolutePath().getParent();
      if (!Files.isDirectory(parent)) {
        Files.createDirectories(
            parent,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      String line =
          HostKeys.knownHostsLine(presented.host(), presented.port(), presented.key()) + "\n";
      boolean needsNewline =
          Files.exists(knownHosts)
              && Files.size(knownHosts) > 0
              && !Files.readString(knownHosts).endsWith("\n");
      Files.writeString(
          knownHosts,
          (needsNewline ? "\n" : "") + line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new OperationalException(
          knownHosts.toString(), "cannot write known_hosts: " + e.getMessage(), "", e);
    }
  }
}
