package dev.ephemery.runtime.kubernetes;

import dev.ephemery.inventory.Host;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import java.util.Locale;

/**
 * The names of one node's objects in its namespace, all derived from the node's stack name ({@code
 * ephemery-<host>}), so several nodes share a namespace without clashing.
 */
record KubeNames(String stack) {

  static KubeNames of(String node) {
    return new KubeNames(Host.stackName(node));
  }

  static KubeNames of(HostPlan plan) {
    return of(plan.name());
  }

  /** The StatefulSet, and the prefix of its one pod ({@code <stack>-0}). */
  String statefulSet() {
    return stack;
  }

  String pod() {
    return stack + "-0";
  }

  /** The headless Service for P2P (and the StatefulSet's governing service). */
  String p2pService() {
    return stack + "-p2p";
  }

  /** The ClusterIP Service of a role's APIs (JSON-RPC, beacon REST, metrics). */
  String apiService(Role role) {
    return stack + "-" + shortRole(role);
  }

  String secrets() {
    return stack + "-secrets";
  }

  String release(int iteration) {
    return stack + "-release-" + iteration;
  }

  String enginePolicy() {
    return stack + "-engine";
  }

  String journals() {
    return stack + "-reset-journals";
  }

  /** The Lease that lets one reset at a time work on the node. */
  String resetLease() {
    return stack + "-reset-lock";
  }

  String wipeJob(String oldIteration) {
    return stack + "-wipe-" + oldIteration.toLowerCase(Locale.ROOT);
  }

  String supervisor() {
    return stack + "-supervisor";
  }

  String serviceMonitor() {
    return stack;
  }

  /** A Secret holding files a container reads from the operator's machine (validator keys). */
  String input(String source) {
    String base = source.substring(source.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return stack + "-input-" + base.replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
  }

  /** The container of a planned service: its name without the node prefix. */
  String container(Service service) {
    if (!service.runOnce()
        && (service.role() == Role.EXECUTION
            || service.role() == Role.CONSENSUS
            || service.role() == Role.VALIDATOR)) {
      return service.role().id();
    }
    String name = service.name();
    return name.startsWith(stack + "-") ? name.substring(stack.length() + 1) : name;
  }

  /** The PersistentVolumeClaim template of a data folder: {@code data-<folder name>}. */
  static String dataVolume(String source) {
    String base = source.substring(source.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return "data-" + base.replaceAll("[^a-z0-9-]", "-");
  }

  /** The claim a StatefulSet's template makes for its pod: {@code <template>-<pod>}. */
  String claim(String template) {
    return template + "-" + pod();
  }

  static String shortRole(Role role) {
    return switch (role) {
      case EXECUTION -> "el";
      case CONSENSUS -> "cl";
      case VALIDATOR -> "vc";
      default -> role.id();
    };
  }
}
