package dev.ephemery.testkit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.ephemery.testkit.TestServices.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A docker-java client to the local test daemon plus the cleanup tests need.
 *
 * <p>Every object a test creates carries the label {@value #TEST_LABEL}={@link #runId()}; {@link
 * #close()} removes exactly those containers, networks and volumes, so a failed test does not leave
 * anything behind and never touches objects of other tests or of the machine. Images cannot be
 * pulled here: use {@link #standinImage()}, a busybox image imported by {@code .ci/services.sh}
 * (sh, sleep, httpd, nc, nslookup, wget; note: {@code wget -T} crashes in that busybox build).
 */
public final class DockerKit implements AutoCloseable {

  public static final String TEST_LABEL = "dev.ephemery.test";

  private final DockerClient client;
  private final String standinImage;
  private final String runId;

  private DockerKit(DockerClient client, String standinImage, String runId) {
    this.client = client;
    this.standinImage = standinImage;
    this.runId = runId;
  }

  /** Connects to the daemon of {@code EPHEMERY_IT_DOCKER_SOCKET}; aborts/fails when absent. */
  public static DockerKit open() {
    String socket = TestServices.require(Service.DOCKER_SOCKET);
    String image = TestServices.require(Service.STANDIN_IMAGE);
    return new DockerKit(clientFor("unix://" + socket), image, newRunId());
  }

  /** A client over the zerodep transport, the one the tool itself uses. */
  public static DockerClient clientFor(String dockerHost) {
    DockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
    DockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(16)
            .connectionTimeout(Duration.ofSeconds(10))
            // bounded, so a hung daemon fails the test instead of hanging the build
            .responseTimeout(Duration.ofSeconds(120))
            .build();
    return DockerClientImpl.getInstance(config, http);
  }

  static String newRunId() {
    return "it-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public DockerClient client() {
    return client;
  }

  public String standinImage() {
    return standinImage;
  }

  /** The value of {@value #TEST_LABEL} on everything this kit's test creates. */
  public String runId() {
    return runId;
  }

  /** Labels to put on every container, network and volume the test creates. */
  public Map<String, String> labels() {
    return Map.of(TEST_LABEL, runId);
  }

  /** A name unique to this run, e.g. {@code name("net")} gives {@code it-1a2b3c4d-net}. */
  public String name(String suffix) {
    return runId + "-" + suffix;
  }

  /** Removes containers (forced, with anonymous volumes), then networks and volumes of this run. */
  public void removeLabelled() {
    removeLabelled(client, TEST_LABEL + "=" + runId);
  }

  /** Removes everything carrying {@code label} ("key" or "key=value"), e.g. after a crashed run. */
  public static void removeLabelled(DockerClient client, String label) {
    List<Container> containers =
        client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec();
    for (Container c : containers) {
      ignoreMissing(
          () ->
              client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
    }
    List<Network> networks = client.listNetworksCmd().withFilter("label", List.of(label)).exec();
    for (Network n : networks) {
      ignoreMissing(() -> client.removeNetworkCmd(n.getId()).exec());
    }
    var volumes = client.listVolumesCmd().withFilter("label", List.of(label)).exec().getVolumes();
    if (volumes != null) {
      for (var v : volumes) {
        ignoreMissing(() -> client.removeVolumeCmd(v.getName()).exec());
      }
    }
  }

  private static void ignoreMissing(Runnable removal) {
    try {
      removal.run();
    } catch (NotFoundException alreadyGone) {
      // removed concurrently (e.g. --rm container exited): that is the goal anyway
    }
  }

  @Override
  public void close() {
    try (DockerClient closing = client) {
      removeLabelled();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
