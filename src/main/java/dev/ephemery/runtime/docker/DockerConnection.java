package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.ephemery.common.OperationalException;
import dev.ephemery.inventory.Address;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.ssh.SshDockerForwarder;
import dev.ephemery.runtime.ssh.SshSessions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A docker-java client for one host: the local socket, or the remote one through SSH. Hosts on the
 * local daemon share one client while any of them is open: a client has its own JSON mapper, whose
 * serializers are built on first use, and building them again for each of 50 hosts was most of the
 * CPU time of {@code status --all} (bench/health.sh). The client is thread-safe (its HTTP client
 * pools connections).
 */
public final class DockerConnection implements AutoCloseable {

  private final HostTarget target;
  private final DockerClient client;
  private final SshDockerForwarder forwarder;
  private final String sharedSocket;
  private boolean closed;

  /** The local daemons' shared clients by socket, and how many connections use each. */
  private static final Map<String, Shared> SHARED = new HashMap<>();

  private static final class Shared {
    final DockerClient client;
    int users;

    Shared(DockerClient client) {
      this.client = client;
    }
  }

  private DockerConnection(
      HostTarget target, DockerClient client, SshDockerForwarder forwarder, String sharedSocket) {
    this.target = target;
    this.client = client;
    this.forwarder = forwarder;
    this.sharedSocket = sharedSocket;
  }

  public static DockerConnection open(HostTarget target) {
    if (target.address() instanceof Address.Ssh) {
      return openOwn(target);
    }
    String socket = localSocket();
    synchronized (SHARED) {
      Shared shared = SHARED.get(socket);
      if (shared == null) {
        DockerConnection first = openOwn(target);
        shared = new Shared(first.client);
        SHARED.put(socket, shared);
      }
      shared.users++;
      return new DockerConnection(target, shared.client, null, socket);
    }
  }

  private static DockerConnection openOwn(HostTarget target) {
    SshDockerForwarder forwarder = null;
    String socket = localSocket();
    if (target.address() instanceof Address.Ssh) {
      try {
        forwarder =
            new SshDockerForwarder(
                SshSessions.open(target), HostTarget.LOCAL_SOCKET, target.name());
      } catch (IOException e) {
        throw new OperationalException(
            target.name(), "cannot open a local socket for the SSH tunnel", e.getMessage(), e);
      }
      socket = forwarder.socket().toString();
    }
    DockerConnection connection = new DockerConnection(target, client(socket), forwarder, null);
    connection.ping();
    return connection;
  }

  /** A client of the daemon at the unix socket {@code socket}; it connects at its first call. */
  static DockerClient client(String socket) {
    URI host = URI.create("unix://" + socket);
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(host.toString())
            .withDockerTlsVerify(false)
            .build();
    ZerodepDockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(host)
            // Only unix sockets are ever used, so TLS never is: without an SSL context of its own
            // the client initialises the JDK's default one (trust store and all) at every start.
            .sslConfig(DockerConnection::unusedTlsContext)
            .maxConnections(32)
            .connectionTimeout(Duration.ofSeconds(20))
            .build();
    return DockerClientImpl.getInstance(config, http);
  }

  /** The mapper docker-java reads the daemon's answers with. */
  static com.fasterxml.jackson.databind.ObjectMapper mapper() {
    return com.github.dockerjava.core.DockerClientConfig.getDefaultObjectMapper();
  }

  private static javax.net.ssl.SSLContext unusedTlsContext() {
    try {
      return javax.net.ssl.SSLContext.getInstance("TLS");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String localSocket() {
    String env = System.getenv("DOCKER_HOST");
    if (env != null && env.startsWith("unix://")) {
      return env.substring("unix://".length());
    }
    return HostTarget.LOCAL_SOCKET;
  }

  private void ping() {
    try {
      client.pingCmd().exec();
    } catch (RuntimeException e) {
      close();
      throw new OperationalException(
          target.name(),
          "the Docker daemon at " + target.address().uri() + " does not answer: " + e.getMessage(),
          target.address() instanceof Address.Ssh
              ? "check that Docker runs there and that this user may use /var/run/docker.sock"
              : "start Docker, or check that this user may use /var/run/docker.sock",
          e);
    }
  }

  public DockerClient client() {
    return client;
  }

  public HostTarget target() {
    return target;
  }

  @Override
  public void close() {
    if (sharedSocket != null) {
      synchronized (SHARED) {
        if (closed) {
          return;
        }
        closed = true;
        Shared shared = SHARED.get(sharedSocket);
        if (shared == null || shared.client != client || --shared.users > 0) {
          return;
        }
        SHARED.remove(sharedSocket);
      }
    }
    closeClient();
  }

  private void closeClient() {
    try {
      client.close();
    } catch (IOException | RuntimeException ignored) {
      // closing anyway
    }
    if (forwarder != null) {
      forwarder.close();
    }
  }
}
