package dev.ephemery.runtime;

import dev.ephemery.inventory.Host;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.PlanHash;
import dev.ephemery.plan.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels every object the tool creates carries (keys in {@link LabelKeys}). They are how the
 * tool finds its own objects, and the only objects it ever changes or removes are the ones carrying
 * {@link LabelKeys#NODE}.
 */
public final class Labels {

  private Labels() {}

  public static Map<String, String> forService(HostPlan host, Service service, String planHash) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (service.labels() != null) {
      labels.putAll(service.labels());
    }
    labels.put(LabelKeys.NODE, host.name());
    labels.put(LabelKeys.ROLE, service.role().id());
    labels.put(LabelKeys.SERVICE, service.name());
    labels.put(LabelKeys.ITERATION, host.iteration().toString());
    labels.put(LabelKeys.PLAN_HASH, planHash);
    return labels;
  }

  /**
   * {@link #forService(HostPlan, Service, String)} plus, for a run-once step with inputs, the
   * digest of their content it ran with ({@code inputsHash}, null for none).
   */
  public static Map<String, String> forService(
      HostPlan host, Service service, String planHash, String inputsHash) {
    Map<String, String> labels = forService(host, service, planHash);
    if (inputsHash != null) {
      labels.put(LabelKeys.INPUTS_HASH, inputsHash);
    }
    return labels;
  }

  public static Map<String, String> forNetwork(HostPlan host) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LabelKeys.NODE, host.name());
    labels.put(LabelKeys.ITERATION, host.iteration().toString());
    labels.put(LabelKeys.PLAN_HASH, PlanHash.ofNetwork(host));
    return labels;
  }

  public static Map<String, String> forHelper(String node, String purpose) {
    return Map.of(LabelKeys.NODE, node, LabelKeys.HELPER, purpose);
  }

  /** The {@code label=} filter values that select one node's objects. */
  public static List<String> nodeFilter(String node) {
    return List.of(LabelKeys.NODE + "=" + node);
  }

  /**
   * The container name of a service: the planned name when it already names its node, otherwise
   * prefixed with the node, so several nodes can share one daemon.
   */
  public static String containerName(HostPlan host, Service service) {
    // The planner already names services ephemery-<host>-<client>: the name the other containers
    // resolve, the one `logs` takes. Only names without the host in them get it prefixed.
    boolean named =
        service.name().startsWith(host.name() + "-")
            || service.name().startsWith(Host.stackName(host.name()) + "-");
    return named ? service.name() : host.name() + "-" + service.name();
  }
}
