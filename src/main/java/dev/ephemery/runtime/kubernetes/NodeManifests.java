package dev.ephemery.runtime.kubernetes;

import dev.ephemery.inventory.KubernetesSpec;
import dev.ephemery.plan.CheckpointChoice;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.Planner;
import dev.ephemery.plan.PortBinding;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A node's Kubernetes objects, built from its host plan with fabric8's model classes (never text
 * templates). {@code render kubernetes} writes them; {@code up} applies them. Secrets are built
 * without data: {@code up} fills them once, on the cluster, and never rewrites them.
 */
final class NodeManifests {

  static final String NODE = "node";
  static final String SUPERVISOR = "supervisor";

  /** Marks a Secret whose data {@code up} generates once in the cluster. */
  static final String GENERATED = "ephemery.dev/generated";

  private final HostPlan plan;
  private final KubeNames names;
  private final String namespace;
  private final PodTemplates pods;
  private final boolean monitoring;

  NodeManifests(HostPlan plan, String namespace, KubernetesSpec spec, boolean monitoring) {
    this.plan = plan;
    this.names = KubeNames.of(plan);
    this.namespace = namespace;
    this.pods = new PodTemplates(plan, names, spec);
    this.monitoring = monitoring;
  }

  KubeNames names() {
    return names;
  }

  String namespace() {
    return namespace;
  }

  HostPlan plan() {
    return plan;
  }

  NodeVolumes volumes() {
    return pods.volumes();
  }

  /** Every object, in the order they are applied. */
  List<HasMetadata> all(ReleaseFiles release) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(namespaceObject());
    objects.addAll(secrets());
    objects.add(release(release));
    objects.add(statefulSet(release));
    objects.addAll(services());
    objects.add(enginePolicy());
    if (monitoring) {
      objects.add(serviceMonitor());
    }
    plan.services().stream()
        .filter(s -> s.role() == Role.SUPERVISOR)
        .findFirst()
        .ifPresent(s -> objects.addAll(new SupervisorManifests(plan, names, namespace).all(s)));
    return objects;
  }

  HasMetadata namespaceObject() {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(namespace)
        .addToLabels(KubeLabels.MANAGED_BY, KubeLabels.TOOL)
        .endMetadata()
        .build();
  }

  /** The node's generated secrets (JWT) and one Secret per input from this machine: no data. */
  List<HasMetadata> secrets() {
    List<HasMetadata> secrets = new ArrayList<>();
    if (!volumes().ofKind(NodeVolumes.Kind.SECRET).isEmpty()) {
      secrets.add(emptySecret(names.secrets(), "generated at the first up, never rewritten"));
    }
    for (NodeVolumes.Source input : volumes().ofKind(NodeVolumes.Kind.INPUT)) {
      secrets.add(emptySecret(input.volume(), "filled at up from " + input.path()));
    }
    return secrets;
  }

  private HasMetadata emptySecret(String name, String note) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(KubeLabels.of(plan.name(), names, NODE))
        .addToAnnotations(GENERATED, note)
        .endMetadata()
        .withType("Opaque")
        .build();
  }

  HasMetadata release(ReleaseFiles release) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(names.release(release.iteration()))
        .withNamespace(namespace)
        .withLabels(KubeLabels.of(plan.name(), names, "release", release.iteration()))
        .endMetadata()
        .withImmutable(true)
        .withData(release.text())
        .withBinaryData(release.binary().isEmpty() ? null : release.binary())
        .build();
  }

  StatefulSet statefulSet(ReleaseFiles release) {
    Map<String, String> labels = KubeLabels.of(plan.name(), names, NODE, plan.iteration().number());
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName(names.statefulSet())
        .withNamespace(namespace)
        .withLabels(labels)
        .withAnnotations(checkpoint())
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withServiceName(names.p2pService())
        .withNewSelector()
        .withMatchLabels(KubeLabels.selector(names, NODE))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withSpec(pods.pod(release))
        .endTemplate()
        .withVolumeClaimTemplates(pods.claims(KubeLabels.of(plan.name(), names, NODE)))
        .endSpec()
        .build();
  }

  /**
   * The consensus client's {@code checkpointSyncUrl: auto} pick, which its container carries as a
   * label on Docker: an annotation here, since a URL is not a valid label value. Null without auto.
   */
  private Map<String, String> checkpoint() {
    return CheckpointChoice.labelIn(plan)
        .map(pick -> Map.of(LabelKeys.CHECKPOINT, pick))
        .orElse(null);
  }

  /**
   * A headless Service for P2P (peers dial the pod itself) and a ClusterIP Service per role for its
   * APIs and metrics. The Engine API is in none of them.
   */
  List<HasMetadata> services() {
    List<HasMetadata> services = new ArrayList<>();
    List<ServicePort> p2p = new ArrayList<>();
    for (Service service : podServices()) {
      List<ServicePort> api = new ArrayList<>();
      for (PortBinding port : service.ports()) {
        if (port.name().equals(Planner.ENGINE_PORT_NAME)) {
          continue;
        }
        (isP2p(port) ? p2p : api).add(servicePort(service, port));
      }
      if (!api.isEmpty()) {
        services.add(service(names.apiService(service.role()), api, false));
      }
    }
    services.add(0, service(names.p2pService(), p2p, true));
    return services;
  }

  private List<Service> podServices() {
    return plan.services().stream().filter(s -> PodTemplates.inPod(s) && !s.runOnce()).toList();
  }

  static boolean isP2p(PortBinding port) {
    return port.name().startsWith("p2p")
        || port.name().equals("quic")
        || port.name().equals("discovery");
  }

  private static ServicePort servicePort(Service service, PortBinding port) {
    String name = PodTemplates.portName(service, port);
    return new ServicePortBuilder()
        .withName(name)
        .withPort(port.container())
        .withTargetPort(new IntOrString(name))
        .withProtocol(port.protocol().toUpperCase(Locale.ROOT))
        .build();
  }

  private HasMetadata service(String name, List<ServicePort> ports, boolean headless) {
    ServiceBuilder service =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(KubeLabels.of(plan.name(), names, NODE))
            .endMetadata()
            .withNewSpec()
            .withSelector(KubeLabels.selector(names, NODE))
            .withPorts(ports)
            .endSpec();
    if (headless) {
      // Peers find the pod while it syncs: a node that is not ready still gossips.
      service.editSpec().withClusterIP("None").withPublishNotReadyAddresses(true).endSpec();
    }
    return service.build();
  }

  /**
   * Lets into the node's pod only its P2P ports (from anywhere) and its APIs (from its namespace).
   * The Engine API is not among them: the node's CL reaches it on localhost inside the pod, and
   * nothing else reaches it at all.
   */
  HasMetadata enginePolicy() {
    List<NetworkPolicyPort> p2p = new ArrayList<>();
    List<NetworkPolicyPort> api = new ArrayList<>();
    for (Service service : podServices()) {
      for (PortBinding port : service.ports()) {
        if (port.name().equals(Planner.ENGINE_PORT_NAME)) {
          continue;
        }
        NetworkPolicyPort allowed =
            new NetworkPolicyPortBuilder()
                .withPort(new IntOrString(port.container()))
                .withProtocol(port.protocol().toUpperCase(Locale.ROOT))
                .build();
        (isP2p(port) ? p2p : api).add(allowed);
      }
    }
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(names.enginePolicy())
        .withNamespace(namespace)
        .withLabels(KubeLabels.of(plan.name(), names, NODE))
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(KubeLabels.selector(names, NODE))
        .endPodSelector()
        .withPolicyTypes("Ingress")
        .addNewIngress()
        .withPorts(p2p)
        .endIngress()
        .addNewIngress()
        .withPorts(api)
        .withFrom(new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelector()).build())
        .endIngress()
        .endSpec()
        .build();
  }

  /** Prometheus Operator's ServiceMonitor for each role's metrics port. */
  HasMetadata serviceMonitor() {
    List<Map<String, Object>> endpoints = new ArrayList<>();
    for (Service service : podServices()) {
      for (PortBinding port : service.ports()) {
        if (port.name().equals("metrics")) {
          endpoints.add(Map.of("port", PodTemplates.portName(service, port), "interval", "30s"));
        }
      }
    }
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("monitoring.coreos.com/v1")
        .withKind("ServiceMonitor")
        .withNewMetadata()
        .withName(names.serviceMonitor())
        .withNamespace(namespace)
        .withLabels(KubeLabels.of(plan.name(), names, NODE))
        .endMetadata()
        .addToAdditionalProperties(
            "spec",
            Map.of(
                "selector",
                Map.of(
                    "matchLabels",
                    Map.of(LabelKeys.NODE, plan.name(), KubeLabels.INSTANCE, names.stack())),
                "endpoints",
                endpoints))
        .build();
  }
}
