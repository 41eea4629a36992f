package dev.ephemery.plan;

import dev.ephemery.common.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order a host's services start in, from the plan alone: each after the services it depends on.
 * Every runtime starts them in this order (and stops them in its reverse).
 */
public final class StartOrder {

  private StartOrder() {}

  /** Services in an order where each comes after what it depends on; plan order otherwise. */
  public static List<Service> of(HostPlan plan) {
    Map<String, Service> byName = new LinkedHashMap<>();
    for (Service service : plan.services()) {
      if (byName.put(service.name(), service) != null) {
        throw InvalidInputException.of(
            plan.name(), "service '" + service.name() + "' is planned twice", "");
      }
    }
    List<Service> ordered = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    Set<String> visiting = new LinkedHashSet<>();
    for (Service service : plan.services()) {
      visit(plan.name(), service, byName, done, visiting, ordered);
    }
    return ordered;
  }

  private static void visit(
      String host,
      Service service,
      Map<String, Service> byName,
      Set<String> done,
      Set<String> visiting,
      List<Service> ordered) {
    if (done.contains(service.name())) {
      return;
    }
    if (!visiting.add(service.name())) {
      throw InvalidInputException.of(
          host, "services depend on each other in a cycle: " + visiting, "break the cycle");
    }
    for (String dependency :
        service.dependsOn() == null ? List.<String>of() : service.dependsOn()) {
      Service needed = byName.get(dependency);
      if (needed == null) {
        throw InvalidInputException.of(
            host,
            "service '" + service.name() + "' depends on unknown service '" + dependency + "'",
            "");
      }
      visit(host, needed, byName, done, visiting, ordered);
    }
    visiting.remove(service.name());
    done.add(service.name());
    ordered.add(service);
  }
}
