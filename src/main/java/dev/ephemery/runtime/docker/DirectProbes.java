package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network;
import dev.ephemery.client.HealthCheck;
import dev.ephemery.common.OperationalException;
import dev.ephemery.health.probe.LocalStreams;
import dev.ephemery.health.probe.NodeHttp;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.runtime.EngineJwt;
import dev.ephemery.runtime.Labels;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code up}'s probes made from this machine straight to the containers' addresses on the node's
 * network, where that network's bridge is on this machine (a local daemon on Linux, not a rootless
 * one or one in a VM): no helper container to create and start. They ask what the helper would, by
 * the same rules: the endpoint's answer ({@link HealthWait#answered}), and the Engine API's answer
 * to the signed call ({@link EngineLinkCheck#classify}). The alias the CL reaches the EL by is
 * checked on the EL's attachment instead of through the network's DNS.
 */
final class DirectProbes implements NodeProbes {

  /** Bounds one attempt, as the helper's {@code timeout 10 wget}. */
  private static final Duration ATTEMPT = Duration.ofSeconds(10);

  private final DockerClient docker;
  private final HostPlan plan;
  private final Clock clock;
  private final NodeHttp http;

  /** Started containers' attachments to the node's network: they keep them while they run. */
  private final Map<String, ContainerNetwork> attachments = new ConcurrentHashMap<>();

  private DirectProbes(DockerClient docker, HostPlan plan, Clock clock) {
    this.docker = docker;
    this.plan = plan;
    this.clock = clock;
    this.http = new NodeHttp(new LocalStreams(), clock, ATTEMPT);
  }

  /**
   * Direct probes of {@code plan}'s node, when this machine reaches its network: the daemon is
   * local, this process is root (it reads the JWT secret, as the helper does) and the network's
   * bridge is one of this machine's interfaces (not so for a rootless daemon or one in a VM). Else
   * empty: the helper probes.
   */
  static Optional<NodeProbes> of(
      DockerClient docker, HostPlan plan, Clock clock, boolean localDaemon) {
    if (!localDaemon || !LocalFileWork.ProcessUser.isRoot()) {
      return Optional.empty();
    }
    Network network;
    try {
      network = docker.inspectNetworkCmd().withNetworkId(plan.network()).exec();
    } catch (NotFoundException noNetwork) {
      return Optional.empty(); // the node is down: the helper's probe says so as before
    }
    return bridgeName(network).filter(DirectProbes::isInterfaceHere).isPresent()
        ? Optional.of(new DirectProbes(docker, plan, clock))
        : Optional.empty();
  }

  /** The Linux bridge a bridge network's containers hang off: Docker's option, or its default. */
  static Optional<String> bridgeName(Network network) {
    if (!"bridge".equals(network.getDriver()) || network.getId() == null) {
      return Optional.empty();
    }
    Map<String, String> options = network.getOptions() == null ? Map.of() : network.getOptions();
    String name = options.get("com.docker.network.bridge.name");
    return Optional.of(
        name != null
            ? name
            : "br-" + network.getId().substring(0, Math.min(12, network.getId().length())));
  }

  /** Whether this machine's network namespace has an interface of this name (one stat). */
  static boolean isInterfaceHere(String name) {
    return name.matches("[A-Za-z0-9_.-]{1,15}")
        && Files.isDirectory(Path.of("/sys/class/net", name));
  }

  @Override
  public String ask(HealthWait.Endpoint endpoint) {
    ContainerNetwork attachment = attachment(endpoint.container());
    if (attachment == null) {
      return "not on the node's network yet";
    }
    URI uri = URI.create(endpoint.url());
    boolean jsonRpc = endpoint.check().kind() == HealthCheck.Kind.JSON_RPC;
    try {
      int status =
          http.send(
                  attachment.getIpAddress(),
                  uri.getPort(),
                  uri.getHost(),
                  path(uri),
                  jsonRpc ? HealthWait.jsonRpcBody(endpoint) : null,
                  endpoint.check().headers())
              .status();
      // As busybox wget: 2xx answers; so does 206, a beacon node that is still syncing.
      return status / 100 == 2 ? null : "HTTP " + status;
    } catch (IOException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }

  @Override
  public LinkProbe link() {
    EngineSelfTest.Target target = EngineSelfTest.Target.of(plan);
    String alias = target.el().name();
    String container = Labels.containerName(plan, target.el());
    String endpoint = target.endpoint();
    byte[] secret = secret(target.jwt());
    return () -> {
      ContainerNetwork attachment = attachment(container);
      if (attachment == null) {
        return EngineLinkCheck.refused(endpoint);
      }
      if (attachment.getAliases() == null || !attachment.getAliases().contains(alias)) {
        return EngineLinkCheck.unresolved(endpoint, alias);
      }
      try {
        NodeHttp.Answer answer =
            http.send(
                attachment.getIpAddress(),
                target.port(),
                alias,
                "/",
                EngineLinkCheck.BODY,
                Map.of("Authorization", "Bearer " + EngineJwt.token(secret, clock.instant())));
        return EngineLinkCheck.classify(endpoint, answer.status(), answer.body());
      } catch (ConnectException e) {
        return EngineLinkCheck.refused(endpoint);
      } catch (IOException e) {
        return EngineLinkCheck.failed(endpoint, e.getMessage());
      }
    };
  }

  private byte[] secret(PlannedPath jwt) {
    try {
      return EngineJwt.parseSecret(
          jwt.path(), Files.readString(HostPaths.of(plan.baseDir()).onHost("jwt", jwt.path())));
    } catch (IOException e) {
      throw new OperationalException(
          plan.name(),
          "cannot read the JWT secret " + jwt.path() + " for the EL-CL link self-test: " + e,
          "run 'ephemery up' again: it writes a missing secret before the self-test",
          e);
    }
  }

  private static String path(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  /**
   * The container's attachment to the node's network once it has an address there (its address and
   * aliases stay while it runs: asked once), or null before.
   */
  private ContainerNetwork attachment(String container) {
    ContainerNetwork known = attachments.get(container);
    if (known != null) {
      return known;
    }
    var settings = docker.inspectContainerCmd(container).exec().getNetworkSettings();
    ContainerNetwork attachment =
        settings == null || settings.getNetworks() == null
            ? null
            : settings.getNetworks().get(plan.network());
    if (attachment == null
        || attachment.getIpAddress() == null
        || attachment.getIpAddress().isBlank()) {
      return null;
    }
    attachments.put(container, attachment);
    return attachment;
  }
}
