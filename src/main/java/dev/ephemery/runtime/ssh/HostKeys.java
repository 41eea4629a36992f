package dev.ephemery.runtime.ssh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** SSH host key helpers: the OpenSSH fingerprint and the known_hosts spelling of a host. */
public final class HostKeys {

  private HostKeys() {}

  /** {@code SHA256:<base64 without padding>}, as {@code ssh-keygen -lf} prints it. */
  public static String fingerprint(byte[] keyBlob) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The host column of known_hosts: {@code host} on port 22, {@code [host]:port} otherwise. */
  public static String knownHostsName(String host, int port) {
    return port == 22 ? host : "[" + host + "]:" + port;
  }

  /** The key type named inside an SSH public key blob (its first string), e.g. ssh-ed25519. */
  public static String keyType(byte[] keyBlob) {
    int length =
        ((keyBlob[0] & 0xff) << 24)
            | ((keyBlob[1] & 0xff) << 16)
            | ((keyBlob[2] & 0xff) << 8)
            | (keyBlob[3] & 0xff);
    return new String(keyBlob, 4, length, StandardCharsets.US_ASCII);
  }

  public static String knownHostsLine(String host, int port, byte[] keyBlob) {
    return knownHostsName(host, port)
        + " "
        + keyType(keyBlob)
        + " "
        + Base64.getEncoder().encodeToString(keyBlob);
  }
}
