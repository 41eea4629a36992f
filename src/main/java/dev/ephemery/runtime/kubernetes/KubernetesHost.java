package dev.ephemery.runtime.kubernetes;

import dev.ephemery.client.SlashingImport;
import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.common.Problem;
import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.KubernetesSpec;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.Change;
import dev.ephemery.runtime.ContainerDetail;
import dev.ephemery.runtime.DiskSpace;
import dev.ephemery.runtime.HostRuntime;
import dev.ephemery.runtime.LinkCheck;
import dev.ephemery.runtime.Purge;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.ServiceState;
import dev.ephemery.runtime.UpReport;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@link Runtime} port on a namespace of a Kubernetes cluster. {@code up} applies the node's
 * objects ({@link NodeManifests}) by server-side apply with the field manager {@code ephemery},
 * each only when its plan hash differs; generated secrets are made in the cluster once and never
 * rewritten; {@code down} removes only what carries the node's labels.
 */
public final class KubernetesHost implements HostRuntime {

  private final KubernetesClient client;
  private final String namespace;
  private final KubernetesSpec spec;
  private final boolean monitoring;
  private final Consumer<String> progress;

  KubernetesHost(
      KubernetesClient client,
      String namespace,
      KubernetesSpec spec,
      boolean monitoring,
      Consumer<String> progress) {
    this.client = client;
    this.namespace = namespace;
    this.spec = spec;
    this.monitoring = monitoring;
    this.progress = progress;
  }

  /** Connects to the host's cluster as kubectl would; close it after use. */
  public static KubernetesHost open(Host host, Consumer<String> progress) {
    Address.Kubernetes address = (Address.Kubernetes) host.address();
    return on(KubeClients.connect(address), host, progress);
  }

  /** The host's runtime through {@code client} (which it closes with itself). */
  public static KubernetesHost on(KubernetesClient client, Host host, Consumer<String> progress) {
    Address.Kubernetes address = (Address.Kubernetes) host.address();
    return new KubernetesHost(
        client, address.namespace(), host.kubernetes(), host.monitoring().enabled(), progress);
  }

  /** The reset's port on this node, for the new iteration's plan; closed with this. */
  public KubernetesNodeRuntime forReset(HostPlan plan, Path releaseDir) {
    return forReset(plan, releaseDir, KubernetesNodeRuntime.Waits.DEFAULT);
  }

  KubernetesNodeRuntime forReset(
      HostPlan plan, Path releaseDir, KubernetesNodeRuntime.Waits waits) {
    return new KubernetesNodeRuntime(client, manifests(plan), plan, releaseDir, waits);
  }

  /** The node's StatefulSet as the cluster has it, or null before the first up. */
  private StatefulSet appliedStatefulSet(String node) {
    return client
        .apps()
        .statefulSets()
        .inNamespace(namespace)
        .withName(KubeNames.of(node).statefulSet())
        .get();
  }

  /** Where the node's reset journals are kept: a ConfigMap beside it. */
  public ConfigMapJournalStore journals(String node, Path baseDir) {
    return new ConfigMapJournalStore(client, namespace, KubeNames.of(node), node, baseDir);
  }

  /** The iteration the node's applied StatefulSet was made for; empty before the first up. */
  public Optional<Integer> installedIteration(String node) {
    var set = appliedStatefulSet(node);
    if (set == null || set.getMetadata().getLabels() == null) {
      return Optional.empty();
    }
    String iteration = set.getMetadata().getLabels().get(dev.ephemery.plan.LabelKeys.ITERATION);
    return iteration == null ? Optional.empty() : Optional.of(Integer.parseInt(iteration));
  }

  /**
   * The node's StatefulSet's labels (its iteration among them) and its checkpoint pick (an
   * annotation, {@link NodeManifests}): every container of the node's one pod was made from it, so
   * {@code container} only names which. Empty before the first up.
   */
  @Override
  public Optional<Map<String, String>> labels(String node, String container) {
    var set = appliedStatefulSet(node);
    if (set == null) {
      return Optional.empty();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (set.getMetadata().getLabels() != null) {
      labels.putAll(set.getMetadata().getLabels());
    }
    Map<String, String> annotations = set.getMetadata().getAnnotations();
    if (annotations != null && annotations.containsKey(dev.ephemery.plan.LabelKeys.CHECKPOINT)) {
      labels.put(
          dev.ephemery.plan.LabelKeys.CHECKPOINT,
          annotations.get(dev.ephemery.plan.LabelKeys.CHECKPOINT));
    }
    return Optional.of(labels);
  }

  NodeManifests manifests(HostPlan plan) {
    return new NodeManifests(plan, namespace, spec, monitoring);
  }

  @Override
  public UpReport up(HostPlan plan, RuntimeOptions options) {
    if (options.releaseDir() == null) {
      throw InvalidInputException.of(
          plan.name(), "a Kubernetes node needs the verified release", "pass --release DIR");
    }
    NodeManifests manifests = manifests(plan);
    ReleaseFiles release = ReleaseFiles.read(options.releaseDir(), plan.iteration().number());
    List<HasMetadata> objects = manifests.all(release);
    Applier applier = new Applier(client, namespace, plan.name());
    applier.refuseForeign(objects.subList(1, objects.size()));
    List<Change> changes = new ArrayList<>();
    ensureNamespace(options.dryRun(), changes);
    for (HasMetadata object : objects.subList(1, objects.size())) {
      if (object instanceof Secret secret) {
        changes.addAll(ensureSecret(secret, manifests, options.dryRun()));
      } else if (isSupervisorInventory(object, manifests)) {
        String text = inventoryFor(plan.name(), options);
        if (text != null) {
          applier.apply(
              new SupervisorManifests(plan, manifests.names(), namespace).inventory(text),
              options.dryRun(),
              changes);
        }
      } else {
        applier.apply(object, options.dryRun(), changes);
      }
    }
    progress.accept(plan.name() + ": applied to namespace " + namespace);
    return new UpReport(plan.name(), options.dryRun(), changes);
  }

  private static boolean isSupervisorInventory(HasMetadata object, NodeManifests manifests) {
    return "ConfigMap".equals(object.getKind())
        && object.getMetadata().getName().equals(manifests.names().supervisor());
  }

  private static String inventoryFor(String node, RuntimeOptions options) {
    return options.supervisor() == null ? null : options.supervisor().inventories().get(node);
  }

  /** Made when missing, never taken over: a namespace is shared by its nodes and others. */
  private void ensureNamespace(boolean dryRun, List<Change> changes) {
    Namespace found = client.namespaces().withName(namespace).get();
    if (found != null) {
      return;
    }
    changes.add(new Change("create", "namespace", namespace, "missing"));
    if (!dryRun) {
      client
          .namespaces()
          .resource(
              new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                  .withNewMetadata()
                  .withName(namespace)
                  .addToLabels(KubeLabels.MANAGED_BY, KubeLabels.TOOL)
                  .endMetadata()
                  .build())
          .create();
    }
  }

  /**
   * The node's generated secrets: a key that is missing gets 32 random bytes as hex, a key that is
   * there is never rewritten (a new JWT would cut the CL from the EL until both restart). The input
   * Secrets (validator keys from this machine) are the operator's: reported when missing.
   */
  private List<Change> ensureSecret(Secret rendered, NodeManifests manifests, boolean dryRun) {
    String name = rendered.getMetadata().getName();
    Secret found = client.secrets().inNamespace(namespace).withName(name).get();
    if (!name.equals(manifests.names().secrets())) {
      NodeVolumes.Source input =
          manifests.volumes().ofKind(NodeVolumes.Kind.INPUT).stream()
              .filter(i -> i.volume().equals(name))
              .findFirst()
              .orElseThrow();
      return InputSecrets.ensure(client, namespace, rendered, input, found, dryRun);
    }
    Map<String, String> data = new LinkedHashMap<>();
    if (found != null && found.getData() != null) {
      data.putAll(found.getData());
    }
    List<Change> changes = new ArrayList<>();
    for (NodeVolumes.Source secret : manifests.volumes().ofKind(NodeVolumes.Kind.SECRET)) {
      if (!data.containsKey(secret.key())) {
        data.put(secret.key(), java.util.Base64.getEncoder().encodeToString(randomHex()));
        changes.add(new Change("create", "secret", name + "/" + secret.key(), "missing"));
      }
    }
    if (changes.isEmpty() || dryRun) {
      return changes;
    }
    Secret desired = ObjectHash.JSON.clone(rendered);
    desired.setData(data);
    if (found == null) {
      client.secrets().inNamespace(namespace).resource(desired).create();
    } else {
      client
          .secrets()
          .inNamespace(namespace)
          .withName(name)
          .edit(
              s -> {
                s.setData(data);
                return s;
              });
    }
    return changes;
  }

  private static byte[] randomHex() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  @Override
  public List<ServiceState> status(String node, HostPlan plan) {
    KubeNames names = KubeNames.of(node);
    Pod pod = client.pods().inNamespace(namespace).withName(names.pod()).get();
    var set =
        client.apps().statefulSets().inNamespace(namespace).withName(names.statefulSet()).get();
    // Current when the StatefulSet was applied for the plan's iteration.
    Boolean current =
        plan == null || set == null
            ? null
            : Integer.toString(plan.iteration().number())
                .equals(set.getMetadata().getLabels().get(dev.ephemery.plan.LabelKeys.ITERATION));
    List<ServiceState> states = new ArrayList<>();
    Map<String, ContainerStatus> statuses = new LinkedHashMap<>();
    if (pod != null && pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
      pod.getStatus().getContainerStatuses().forEach(s -> statuses.put(s.getName(), s));
    }
    List<Service> services =
        plan == null
            ? List.of()
            : plan.services().stream().filter(s -> PodTemplates.inPod(s) && !s.runOnce()).toList();
    for (Service service : services) {
      String container = names.container(service);
      ContainerStatus status = statuses.get(container);
      states.add(
          state(service.name(), container, service.role().id(), service.image(), status, current));
    }
    if (plan == null) {
      statuses.forEach(
          (name, status) -> states.add(state(name, name, name, status.getImage(), status, null)));
    }
    return states;
  }

  private static ServiceState state(
      String service,
      String container,
      String role,
      String image,
      ContainerStatus status,
      Boolean current) {
    if (status == null || status.getState() == null) {
      return new ServiceState(service, container, role, image, "missing", "", null, current);
    }
    var state = status.getState();
    if (state.getRunning() != null) {
      return new ServiceState(
          service,
          container,
          role,
          image,
          "running",
          Boolean.TRUE.equals(status.getReady()) ? "ready" : "not ready",
          null,
          current);
    }
    if (state.getTerminated() != null) {
      return new ServiceState(
          service,
          container,
          role,
          image,
          "exited",
          state.getTerminated().getReason(),
          state.getTerminated().getExitCode(),
          current);
    }
    return new ServiceState(
        service,
        container,
        role,
        image,
        "waiting",
        state.getWaiting() == null ? "" : state.getWaiting().getReason(),
        null,
        current);
  }

  @Override
  public List<Change> down(
      String node, HostPlan plan, Purge purge, String helperImage, boolean dryRun) {
    return new Remover(client, namespace, node, Clock.systemUTC())
        .remove(plan == null ? null : manifests(plan), purge, dryRun);
  }

  @Override
  public void logs(String node, String service, boolean follow, Integer tail, Consumer<byte[]> sink)
      throws InterruptedException {
    KubeNames names = KubeNames.of(node);
    Pod pod = client.pods().inNamespace(namespace).withName(names.pod()).get();
    if (pod == null) {
      throw new OperationalException(
          namespace + "/" + names.pod(),
          "the node's pod is not running",
          "run 'ephemery up'",
          null);
    }
    String container = containerOf(pod, names, service);
    var selected =
        client.pods().inNamespace(namespace).withName(names.pod()).inContainer(container);
    OutputStream out =
        new OutputStream() {
          @Override
          public void write(int b) {
            sink.accept(new byte[] {(byte) b});
          }

          @Override
          public void write(byte[] b, int off, int len) {
            sink.accept(java.util.Arrays.copyOfRange(b, off, off + len));
          }
        };
    if (!follow) {
      String text = tail == null ? selected.getLog() : selected.tailingLines(tail).getLog();
      sink.accept(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return;
    }
    try (var watch = (tail == null ? selected : selected.tailingLines(tail)).watchLog(out)) {
      // Follows until interrupted (Ctrl-C ends the process).
      Thread.currentThread().join();
    }
  }

  /** The container a name means: the container, the service, the role or the client. */
  private static String containerOf(Pod pod, KubeNames names, String wanted) {
    List<String> containers = new ArrayList<>();
    pod.getSpec().getInitContainers().forEach(c -> containers.add(c.getName()));
    pod.getSpec().getContainers().forEach(c -> containers.add(c.getName()));
    for (String container : containers) {
      if (container.equals(wanted) || (names.stack() + "-" + container).equals(wanted)) {
        return container;
      }
    }
    for (var container : pod.getSpec().getContainers()) {
      if (container.getImage() != null && container.getImage().contains(wanted)) {
        return container.getName();
      }
    }
    throw InvalidInputException.of(
        wanted, "the node has no container '" + wanted + "'", "containers: " + containers);
  }

  @Override
  public void importSlashingProtection(
      HostPlan plan,
      Service keeper,
      SlashingImport command,
      Path folder,
      Duration timeout,
      Consumer<String> log) {
    throw new OperationalException(
        plan.name(),
        "importing slashing protection is not available on Kubernetes hosts yet",
        "stop the validator (ephemery down) and import with the client's own command in a pod"
            + " that mounts its claim",
        null);
  }

  @Override
  public long runInSupervisor(
      String node,
      List<String> args,
      Consumer<String> out,
      Consumer<String> err,
      Duration timeout) {
    throw new OperationalException(
        node,
        "running a command in the cluster's supervisor is not available yet",
        "kubectl -n " + namespace + " exec deploy/" + KubeNames.of(node).supervisor() + " -- ...",
        null);
  }

  @Override
  public Optional<ContainerDetail> inspect(String node, String container) {
    Pod pod = client.pods().inNamespace(namespace).withName(KubeNames.of(node).pod()).get();
    if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(s -> s.getName().equals(container))
        .findFirst()
        .map(KubernetesHost::detail);
  }

  /** How it ended: its current state when terminated, else the last one (a restarted one's). */
  private static ContainerDetail detail(ContainerStatus status) {
    var ended =
        status.getState() != null && status.getState().getTerminated() != null
            ? status.getState().getTerminated()
            : status.getLastState() == null ? null : status.getLastState().getTerminated();
    return new ContainerDetail(
        ended == null ? null : ended.getExitCode(),
        status.getRestartCount(),
        ended == null ? null : "OOMKilled".equals(ended.getReason()));
  }

  @Override
  public List<String> tail(String node, String container, int lines) {
    String log =
        client
            .pods()
            .inNamespace(namespace)
            .withName(KubeNames.of(node).pod())
            .inContainer(container)
            .tailingLines(lines)
            .getLog();
    return log == null ? List.of() : log.lines().toList();
  }

  /**
   * A generated secret from the node's Secret, by the planned file's name (the key {@code up} wrote
   * it under); never logged.
   */
  @Override
  public String readSecret(String node, String baseDir, String path, String helperImage) {
    String name = KubeNames.of(node).secrets();
    String key = path.substring(path.lastIndexOf('/') + 1);
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    String value = secret == null || secret.getData() == null ? null : secret.getData().get(key);
    if (value == null) {
      throw new OperationalException(
          namespace + "/" + name,
          "the node's Secret holds no '" + key + "'",
          "run 'ephemery up' to generate it",
          null);
    }
    return new String(
        java.util.Base64.getDecoder().decode(value), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Not measured on a cluster: reading the claims' free space needs {@code pods/exec}, which the
   * supervisor's Role does not grant (and the mock API server cannot serve); UNKNOWN, not a
   * failure.
   */
  @Override
  public DiskSpace diskSpace(String node, String baseDir, String helperImage) {
    return DiskSpace.unknown(
        "on a cluster the volume claims need pods/exec to measure (kubectl -n "
            + namespace
            + " exec "
            + KubeNames.of(node).pod()
            + " -- df -h)");
  }

  /** Not run on a cluster, for the reason {@link #diskSpace} gives; UNKNOWN, not a failure. */
  @Override
  public LinkCheck checkEngineLink(HostPlan plan, String helperImage, Duration timeout) {
    return LinkCheck.unknown(
        "on a cluster the self-test needs pods/exec (the consensus container's logs name a"
            + " refused Engine API call)");
  }

  /** Problems found before anything changed, as one failure. */
  static OperationalException problems(List<Problem> problems) {
    return new OperationalException(problems, null);
  }

  @Override
  public void close() {
    client.close();
  }

  static boolean keepsKeys(PersistentVolumeClaim claim, NodeManifests manifests) {
    if (manifests == null) {
      return true;
    }
    String component = claim.getMetadata().getLabels().get(KubeLabels.COMPONENT);
    return manifests.volumes().ofKind(NodeVolumes.Kind.DATA).stream()
        .filter(d -> d.volume().equals(component))
        .findFirst()
        .map(d -> d.role() != Role.EXECUTION && d.role() != Role.CONSENSUS)
        .orElse(true);
  }
}
