package dev.ephemery.runtime;

import dev.ephemery.inventory.Host;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels every object the tool creates carries. They are how the tool finds its own objects,
 * and the only objects it ever changes or removes are the ones carrying {@link #NODE}.
 */
public final class Labels {

  public static final String NODE = "ephemery.node";
  public static final String ROLE = "ephemery.role";
  public static final String SERVICE = "ephemery.service";
  public static final String ITERATION = "ephemery.iteration";
  public static final String PLAN_HASH = "ephemery.plan-hash";

  /**
   * The digest of a run-once step's input folders' content when it last ran ({@link
   * dev.ephemery.plan.Service#inputs}); a different digest runs it again.
   */
  public static final String INPUTS_HASH = "ephemery.inputs-hash";

  /** Marks the short-lived helper containers (file work, self-tests). */
  public static final String HELPER = "ephemery.helper";

  private Labels() {}

  public static Map<String, String> forService(HostPlan host, Service service, String planHash) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (service.labels() != null) {
      labels.putAll(service.labels());
    }
    labels.put(NODE, host.name());
    labels.put(ROLE, service.role().id());
    labels.put(SERVICE, service.name());
    labels.put(ITERATION, Integer.toString(host.iteration()));
    labels.put(PLAN_HASH, planHash);
    return labels;
  }

  public static Map<String, String> forNetwork(HostPlan host) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NODE, host.name());
    labels.put(ITERATION, Integer.toString(host.iteration()));
    labels.put(PLAN_HASH, PlanHash.ofNetwork(host));
    return labels;
  }

  public static Map<String, String> forHelper(String node, String purpose) {
    return Map.of(NODE, node, HELPER, purpose);
  }

  /** The {@code label=} filter values that select one node's objects. */
  public static List<String> nodeFilter(String node) {
    return List.of(NODE + "=" + node);
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
