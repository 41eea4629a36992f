package dev.ephemery.runtime.docker;

import dev.ephemery.client.HealthCheck;
import dev.ephemery.common.OperationalException;
import dev.ephemery.common.Problem;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.Labels;
import dev.ephemery.runtime.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Waits until each planned service's health endpoint answers, asked through {@link NodeProbes}:
 * from {@code up}'s helper on the node's network by service alias, or from this machine at the
 * container's address on that network.
 */
final class HealthWait {

  /** One service's first health check, as a URL on the node network. */
  record Endpoint(Service service, String container, HealthCheck check, String url) {
    String describe() {
      return url + (check.kind() == HealthCheck.Kind.JSON_RPC ? " (" + check.target() + ")" : "");
    }
  }

  private HealthWait() {}

  /** The endpoints to wait for: the first check of each long-running service that has one. */
  static List<Endpoint> endpoints(HostPlan plan, List<Service> services) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (Service service : services) {
      if (service.runOnce() || service.health().isEmpty()) {
        continue;
      }
      HealthCheck check = service.health().get(0);
      String path = check.kind() == HealthCheck.Kind.HTTP_GET ? check.target() : "/";
      endpoints.add(
          new Endpoint(
              service,
              Labels.containerName(plan, service),
              check,
              "http://" + service.name() + ":" + check.port() + path));
    }
    return endpoints;
  }

  /**
   * busybox wget: a GET, or a JSON-RPC POST. {@code timeout} bounds one attempt (wget's own {@code
   * -T} crashes some busybox builds).
   */
  static List<String> command(Endpoint endpoint) {
    List<String> command = new ArrayList<>(List.of("timeout", "10", "wget", "-q", "-O-"));
    endpoint.check().headers().forEach((k, v) -> command.addAll(List.of("--header", k + ": " + v)));
    if (endpoint.check().kind() == HealthCheck.Kind.JSON_RPC) {
      command.addAll(
          List.of(
              "--header", "Content-Type: application/json", "--post-data", jsonRpcBody(endpoint)));
    }
    command.add(endpoint.url());
    return command;
  }

  /** The JSON-RPC call of a {@link HealthCheck.Kind#JSON_RPC} check. */
  static String jsonRpcBody(Endpoint endpoint) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\""
        + endpoint.check().target()
        + "\",\"params\":[],\"id\":1}";
  }

  /**
   * Whether a probe's outcome means the endpoint answered. A beacon node that is still syncing
   * answers its health path with 206, which busybox wget reports as an error: it is up all the
   * same.
   */
  static boolean answered(long exitCode, String err) {
    return exitCode == 0 || err.contains(" 206 ");
  }

  /**
   * Waits until each endpoint answers, asked through {@code probes}; throws what did not answer
   * within {@code timeout}.
   */
  static void await(
      NodeProbes probes,
      HostPlan plan,
      List<Endpoint> endpoints,
      Duration timeout,
      Consumer<String> progress) {
    Map<Endpoint, String> pending = new LinkedHashMap<>();
    endpoints.forEach(e -> pending.put(e, "no answer yet"));
    Wait.poll(
        timeout,
        Duration.ofSeconds(1),
        waited ->
            progress.accept(
                plan.name()
                    + ": waiting for health endpoints ("
                    + waited.toSeconds()
                    + " s): "
                    + String.join(
                        ", ", pending.keySet().stream().map(e -> e.service().name()).toList())),
        () -> {
          for (Endpoint endpoint : List.copyOf(pending.keySet())) {
            String error = probes.ask(endpoint);
            if (error == null) {
              pending.remove(endpoint);
              progress.accept(plan.name() + ": " + endpoint.service().name() + " answers");
            } else {
              pending.put(endpoint, error);
            }
          }
          return pending.isEmpty();
        });
    if (pending.isEmpty()) {
      return;
    }
    List<Problem> problems = new ArrayList<>();
    pending.forEach(
        (endpoint, error) ->
            problems.add(
                Problem.at(
                    plan.name() + "." + endpoint.service().name(),
                    0,
                    "health endpoint "
                        + endpoint.describe()
                        + " did not answer within "
                        + timeout.toSeconds()
                        + " s: "
                        + error,
                    "see 'ephemery logs "
                        + endpoint.service().name()
                        + "'; wait longer with --wait-timeout, or skip with --no-wait")));
    throw new OperationalException(problems, null);
  }
}
