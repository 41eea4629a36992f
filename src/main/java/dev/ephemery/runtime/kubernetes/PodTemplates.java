package dev.ephemery.runtime.kubernetes;

import dev.ephemery.client.HealthCheck;
import dev.ephemery.inventory.KubernetesSpec;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Mount;
import dev.ephemery.plan.PortBinding;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import dev.ephemery.plan.StartOrder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The node's pod: the EL, CL and validator as containers of one pod (they reach each other on
 * localhost, so the Engine API never crosses the pod network), the plan's run-once steps as init
 * containers in start order after the one that installs the release, and a claim per data folder.
 */
final class PodTemplates {

  /** busybox with TLS (ssl_client) and sha256sum: fetches and verifies genesis.ssz. */
  static final String RELEASE_IMAGE = "alpine:3.22";

  static final String RELEASE_CONFIG = "release-files";

  private final HostPlan plan;
  private final KubeNames names;
  private final KubernetesSpec spec;
  private final NodeVolumes volumes;

  PodTemplates(HostPlan plan, KubeNames names, KubernetesSpec spec) {
    this.plan = plan;
    this.names = names;
    this.spec = spec;
    this.volumes = new NodeVolumes(plan, names);
  }

  NodeVolumes volumes() {
    return volumes;
  }

  /** The services that run in the node's pod: EL, CL, validator and the steps before them. */
  static boolean inPod(Service service) {
    return switch (service.role()) {
      case EXECUTION, CONSENSUS, VALIDATOR -> true;
      case INIT -> service.runOnce();
      default -> false;
    };
  }

  PodSpec pod(ReleaseFiles release) {
    List<Container> init = new ArrayList<>();
    init.add(releaseContainer(release));
    List<Container> main = new ArrayList<>();
    for (Service service : StartOrder.of(plan)) {
      if (!inPod(service)) {
        continue;
      }
      (service.runOnce() ? init : main).add(container(service));
    }
    return new PodSpecBuilder()
        .withInitContainers(init)
        .withContainers(main)
        .withVolumes(podVolumes(release))
        .withHostAliases(hostAliases())
        .withTerminationGracePeriodSeconds(120L)
        .withEnableServiceLinks(false)
        .build();
  }

  /**
   * The plan names the other containers by service name (the CL's execution endpoint): inside the
   * one pod they are all on localhost.
   */
  private List<HostAlias> hostAliases() {
    List<String> hostnames =
        plan.services().stream().filter(s -> inPod(s) && !s.runOnce()).map(Service::name).toList();
    return List.of(new HostAlias(hostnames, "127.0.0.1"));
  }

  private Container releaseContainer(ReleaseFiles release) {
    String script =
        String.join(
            "\n",
            "set -eu",
            "cp /release-files/* /testnet/",
            "mkdir -p /tmp/release",
            "wget -q -O /tmp/release.tar.gz \"$GENESIS_URL\"",
            "tar -xzf /tmp/release.tar.gz -C /tmp/release",
            "found=$(find /tmp/release -name genesis.ssz -type f | head -n 1)",
            "[ -n \"$found\" ] || { echo 'no genesis.ssz in the release' >&2; exit 1; }",
            "echo \"$GENESIS_SHA256  $found\" | sha256sum -c -",
            "mv \"$found\" /testnet/genesis.ssz",
            "rm -rf /tmp/release /tmp/release.tar.gz");
    return new ContainerBuilder()
        .withName("release")
        .withImage(RELEASE_IMAGE)
        .withCommand("sh", "-c", script)
        .withEnv(
            new EnvVar("GENESIS_URL", release.genesisUrl(), null),
            new EnvVar("GENESIS_SHA256", release.genesisSha256(), null))
        .withVolumeMounts(
            mount(NodeVolumes.TESTNET, "/testnet", false, null),
            mount(RELEASE_CONFIG, "/release-files", true, null))
        .build();
  }

  private Container container(Service service) {
    ContainerBuilder container =
        new ContainerBuilder()
            .withName(names.container(service))
            .withImage(service.image())
            .withArgs(service.command())
            .withPorts(ports(service))
            .withVolumeMounts(mounts(service))
            .withResources(resources(service));
    if (service.entrypoint() != null) {
      container.withCommand(service.entrypoint());
    }
    if (!service.env().isEmpty()) {
      container.withEnv(
          service.env().entrySet().stream()
              .map(e -> new EnvVar(e.getKey(), e.getValue(), null))
              .toList());
    }
    if (!service.health().isEmpty()) {
      container.withReadinessProbe(readiness(service.health().get(0)));
      container.withLivenessProbe(liveness(service.health().get(0)));
    }
    if (service.user() != null) {
      String[] ids = service.user().split(":");
      container
          .withNewSecurityContext()
          .withRunAsUser(Long.parseLong(ids[0]))
          .withRunAsGroup(ids.length > 1 ? Long.parseLong(ids[1]) : null)
          .endSecurityContext();
    }
    return container.build();
  }

  /** Port names are unique in a pod and at most 15 characters: the role's short name first. */
  static String portName(Service service, PortBinding port) {
    String name = KubeNames.shortRole(service.role()) + "-" + port.name();
    return name.length() <= 15 ? name : name.substring(0, 15).replaceAll("-+$", "");
  }

  private static List<ContainerPort> ports(Service service) {
    return service.ports().stream()
        .map(
            p ->
                new ContainerPortBuilder()
                    .withName(portName(service, p))
                    .withContainerPort(p.container())
                    .withProtocol(p.protocol().toUpperCase(Locale.ROOT))
                    .build())
        .toList();
  }

  private List<VolumeMount> mounts(Service service) {
    List<VolumeMount> mounts = new ArrayList<>();
    for (Mount mount : service.mounts()) {
      NodeVolumes.Source source = volumes.of(mount.source()).orElseThrow();
      if (source.kind() == NodeVolumes.Kind.NONE) {
        continue;
      }
      boolean readOnly = mount.readOnly() || source.kind() != NodeVolumes.Kind.DATA;
      mounts.add(mount(source.volume(), mount.target(), readOnly, source.key()));
    }
    return mounts;
  }

  private static VolumeMount mount(String volume, String path, boolean readOnly, String subPath) {
    return new VolumeMountBuilder()
        .withName(volume)
        .withMountPath(path)
        .withReadOnly(readOnly)
        .withSubPath(subPath)
        .build();
  }

  private List<Volume> podVolumes(ReleaseFiles release) {
    List<Volume> list = new ArrayList<>();
    list.add(
        new VolumeBuilder().withName(NodeVolumes.TESTNET).withNewEmptyDir().endEmptyDir().build());
    list.add(
        new VolumeBuilder()
            .withName(RELEASE_CONFIG)
            .withNewConfigMap()
            .withName(names.release(release.iteration()))
            .endConfigMap()
            .build());
    List<KeyToPath> secretKeys =
        volumes.ofKind(NodeVolumes.Kind.SECRET).stream()
            .map(
                s ->
                    new io.fabric8.kubernetes.api.model.KeyToPathBuilder()
                        .withKey(s.key())
                        .withPath(s.key())
                        .withMode(0400)
                        .build())
            .distinct()
            .toList();
    if (!secretKeys.isEmpty()) {
      list.add(
          new VolumeBuilder()
              .withName(NodeVolumes.SECRETS)
              .withNewSecret()
              .withSecretName(names.secrets())
              .withItems(secretKeys)
              .withDefaultMode(0400)
              .endSecret()
              .build());
    }
    for (NodeVolumes.Source input : volumes.ofKind(NodeVolumes.Kind.INPUT)) {
      list.add(
          new VolumeBuilder()
              .withName(input.volume())
              .withNewSecret()
              .withSecretName(input.volume())
              .withDefaultMode(0400)
              .endSecret()
              .build());
    }
    return list;
  }

  /** One claim per data folder, sized by the role that keeps its data there. */
  List<PersistentVolumeClaim> claims(Map<String, String> labels) {
    List<PersistentVolumeClaim> claims = new ArrayList<>();
    for (NodeVolumes.Source data : volumes.ofKind(NodeVolumes.Kind.DATA)) {
      Map<String, String> claimLabels = new LinkedHashMap<>(labels);
      claimLabels.put(KubeLabels.COMPONENT, data.volume());
      claims.add(
          new PersistentVolumeClaimBuilder()
              .withNewMetadata()
              .withName(data.volume())
              .withLabels(claimLabels)
              .endMetadata()
              .withNewSpec()
              .withAccessModes("ReadWriteOnce")
              .withStorageClassName(spec.storageClass())
              .withNewResources()
              .addToRequests("storage", new Quantity(resourcesOf(data.role()).storage()))
              .endResources()
              .endSpec()
              .build());
    }
    return claims;
  }

  KubernetesSpec.Resources resourcesOf(Role role) {
    return switch (role) {
      case EXECUTION -> spec.execution();
      case CONSENSUS -> spec.consensus();
      default -> spec.validator();
    };
  }

  private ResourceRequirements resources(Service service) {
    ResourceRequirements requirements = new ResourceRequirements();
    Map<String, Quantity> requests = new LinkedHashMap<>();
    Map<String, Quantity> limits = new LinkedHashMap<>();
    if (!service.runOnce()) {
      KubernetesSpec.Resources given = resourcesOf(service.role());
      put(requests, "cpu", given.cpuRequest());
      put(requests, "memory", given.memoryRequest());
      put(limits, "cpu", given.cpuLimit());
      put(limits, "memory", given.memoryLimit());
    }
    if (!limits.containsKey("memory")) {
      put(limits, "memory", memory(service.memoryLimit()));
    }
    requirements.setRequests(requests.isEmpty() ? null : requests);
    requirements.setLimits(limits.isEmpty() ? null : limits);
    return requirements;
  }

  private static void put(Map<String, Quantity> map, String key, String value) {
    if (value != null) {
      map.put(key, new Quantity(value));
    }
  }

  /** Docker's {@code 8g} / {@code 192m} as a Kubernetes quantity ({@code 8Gi}, {@code 192Mi}). */
  static String memory(String docker) {
    if (docker == null) {
      return null;
    }
    String lower = docker.toLowerCase(Locale.ROOT);
    char unit = lower.charAt(lower.length() - 1);
    String number = lower.substring(0, lower.length() - 1);
    return switch (unit) {
      case 'k' -> number + "Ki";
      case 'm' -> number + "Mi";
      case 'g' -> number + "Gi";
      case 't' -> number + "Ti";
      default -> lower;
    };
  }

  /**
   * Ready when the client's first health check answers: a GET as the probe itself (2xx and 3xx
   * pass, so a syncing beacon node's 206 does); a JSON-RPC call, which a probe cannot POST, as a
   * TCP connect to its port.
   */
  private static Probe readiness(HealthCheck check) {
    ProbeBuilder probe = new ProbeBuilder().withPeriodSeconds(10).withFailureThreshold(3);
    if (check.kind() == HealthCheck.Kind.HTTP_GET) {
      probe
          .withNewHttpGet()
          .withPath(check.target())
          .withPort(new IntOrString(check.port()))
          .withHttpHeaders(
              check.headers().entrySet().stream()
                  .map(h -> new HTTPHeader(h.getKey(), h.getValue()))
                  .toList())
          .endHttpGet();
    } else {
      probe.withNewTcpSocket().withPort(new IntOrString(check.port())).endTcpSocket();
    }
    return probe.build();
  }

  /** Restarted only when its API port stays closed for five minutes (a client that hangs). */
  private static Probe liveness(HealthCheck check) {
    return new ProbeBuilder()
        .withNewTcpSocket()
        .withPort(new IntOrString(check.port()))
        .endTcpSocket()
        .withInitialDelaySeconds(120)
        .withPeriodSeconds(30)
        .withFailureThreshold(10)
        .build();
  }
}
