package dev.ephemery.runtime.kubernetes;

import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.PortBinding;
import dev.ephemery.plan.Service;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;
import java.util.Map;

/**
 * The node's supervisor in the cluster: a Deployment running {@code ephemery run} as a
 * ServiceAccount whose Role, in the node's namespace only, allows what a reset does and nothing
 * more (docs/kubernetes.md lists it). The jar comes with the supervisor's image.
 */
final class SupervisorManifests {

  static final String INVENTORY_KEY = "ephemery.yaml";
  static final String HOME = "/opt/ephemery-supervisor";

  /** The Role's rules: the reset's API calls, and the reads of status and logs. */
  static final List<PolicyRule> RULES =
      List.of(
          rule("apps", List.of("statefulsets"), "get", "list", "watch", "patch"),
          rule("apps", List.of("statefulsets/scale"), "get", "patch", "update"),
          rule("", List.of("pods"), "get", "list", "watch"),
          rule("", List.of("pods/log"), "get"),
          rule("batch", List.of("jobs"), "get", "list", "watch", "create", "delete"),
          rule("", List.of("configmaps"), "get", "list", "create", "patch", "update", "delete"),
          rule("coordination.k8s.io", List.of("leases"), "get", "create", "update"));

  private final HostPlan plan;
  private final KubeNames names;
  private final String namespace;

  SupervisorManifests(HostPlan plan, KubeNames names, String namespace) {
    this.plan = plan;
    this.names = names;
    this.namespace = namespace;
  }

  private static PolicyRule rule(String group, List<String> resources, String... verbs) {
    return new PolicyRuleBuilder()
        .withApiGroups(group)
        .withResources(resources)
        .withVerbs(verbs)
        .build();
  }

  List<HasMetadata> all(Service supervisor) {
    Map<String, String> labels = KubeLabels.of(plan.name(), names, NodeManifests.SUPERVISOR);
    String name = names.supervisor();
    return List.of(
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .build(),
        new RoleBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .withRules(RULES)
            .build(),
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withLabels(labels)
            .endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "Role", name)
            .addNewSubject()
            .withKind("ServiceAccount")
            .withName(name)
            .withNamespace(namespace)
            .endSubject()
            .build(),
        inventory(null),
        deployment(supervisor, labels));
  }

  /** The host's inventory the supervisor reads; empty in a render (up fills it). */
  HasMetadata inventory(String text) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(names.supervisor())
        .withNamespace(namespace)
        .withLabels(KubeLabels.of(plan.name(), names, NodeManifests.SUPERVISOR))
        .endMetadata()
        .withData(text == null ? null : Map.of(INVENTORY_KEY, text))
        .build();
  }

  private HasMetadata deployment(Service supervisor, Map<String, String> labels) {
    ContainerBuilder container =
        new ContainerBuilder()
            .withName(NodeManifests.SUPERVISOR)
            .withImage(supervisor.image())
            .withCommand(supervisor.entrypoint())
            .withArgs(supervisor.command())
            .withEnv(
                supervisor.env().entrySet().stream()
                    .map(e -> new EnvVar(e.getKey(), e.getValue(), null))
                    .toList())
            .withVolumeMounts(
                new VolumeMountBuilder()
                    .withName("inventory")
                    .withMountPath(HOME + "/" + INVENTORY_KEY)
                    .withSubPath(INVENTORY_KEY)
                    .withReadOnly(true)
                    .build(),
                new VolumeMountBuilder().withName("work").withMountPath(plan.baseDir()).build())
            .withResources(null);
    for (PortBinding port : supervisor.ports()) {
      container.addToPorts(
          new ContainerPortBuilder()
              .withName(port.name())
              .withContainerPort(port.container())
              .build());
    }
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(names.supervisor())
        .withNamespace(namespace)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewStrategy()
        .withType("Recreate")
        .endStrategy()
        .withNewSelector()
        .withMatchLabels(KubeLabels.selector(names, NodeManifests.SUPERVISOR))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(names.supervisor())
        .withContainers(container.build())
        .addNewVolume()
        .withName("inventory")
        .withNewConfigMap()
        .withName(names.supervisor())
        .endConfigMap()
        .endVolume()
        .addNewVolume()
        .withName("work")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
