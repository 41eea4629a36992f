package dev.ephemery.health.probe;

import dev.ephemery.health.Expected;
import dev.ephemery.health.Finding;
import dev.ephemery.health.HealthRules;
import dev.ephemery.health.HostHealth;
import dev.ephemery.health.Observed;
import dev.ephemery.health.Verdict;
import dev.ephemery.plan.EngineApi;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.PortBinding;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.ContainerDetail;
import dev.ephemery.runtime.DiskSpace;
import dev.ephemery.runtime.HostRuntime;
import dev.ephemery.runtime.LinkCheck;
import dev.ephemery.runtime.ServiceState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gathers what the probes see on one host (containers through Docker, the EL and CL through their
 * loopback-published ports over {@link NodeHttp}, disk, the Engine API link) and lets {@link
 * HealthRules} judge it. The I/O side of {@code status}; the verdicts are not made here.
 */
public final class HostProbe {

  static final int LOG_LINES = 30;
  static final Duration LINK_TIMEOUT = Duration.ofSeconds(5);

  /**
   * What to probe on one host.
   *
   * @param plan the host's plan, or null when none could be made (containers only)
   * @param expected the chain it should be on, or null when not known
   * @param validator the validator's keys as seen elsewhere, or null when it runs none
   */
  public record Target(
      String host,
      HostPlan plan,
      String baseDir,
      Expected expected,
      String helperImage,
      Observed.Validator validator) {}

  /** The probed host: its findings and Docker's view of its containers. */
  public record Result(HostHealth health, List<ServiceState> services) {}

  private final HostRuntime runtime;
  private final NodeHttp http;
  private final Clock clock;

  public HostProbe(HostRuntime runtime, NodeHttp http, Clock clock) {
    this.runtime = runtime;
    this.http = http;
    this.clock = clock;
  }

  public Result probe(Target t) {
    List<ServiceState> states = runtime.status(t.host(), t.plan());
    List<Finding> findings = new ArrayList<>();
    for (ServiceState state : states) {
      findings.add(HealthRules.container(container(t.host(), state)));
    }
    List<Observed.ClockReading> readings = new ArrayList<>();
    if (t.plan() != null) {
      findings.addAll(endpoints(t, states, readings));
      link(t, states).ifPresent(findings::add);
    }
    if (t.validator() != null) {
      findings.add(HealthRules.validator(t.validator()));
    }
    findings.add(HealthRules.disk(disk(t)));
    findings.add(HealthRules.clock(readings));
    if (t.expected() != null) {
      findings.add(HealthRules.release(t.expected(), clock.instant()));
    }
    return new Result(
        new HostHealth(
            t.host(),
            t.expected() == null ? null : t.expected().iteration(),
            t.expected() == null ? null : t.expected().nextReset(),
            findings),
        states);
  }

  private Observed.Container container(String node, ServiceState s) {
    if ("missing".equals(s.state())) {
      return new Observed.Container(
          s.service(), s.role(), "missing", null, null, null, s.upToDate(), List.of());
    }
    Optional<ContainerDetail> found = runtime.inspect(node, s.container());
    if (found.isEmpty()) {
      return new Observed.Container(
          s.service(), s.role(), "missing", null, null, null, s.upToDate(), List.of());
    }
    ContainerDetail detail = found.get();
    boolean running = "running".equals(s.state());
    // A container that runs and never restarted has nothing to diagnose in its output.
    List<String> lines =
        running && (detail.restartCount() == null || detail.restartCount() == 0)
            ? List.of()
            : runtime.tail(node, s.container(), LOG_LINES);
    return new Observed.Container(
        s.service(),
        s.role(),
        s.state(),
        detail.exitCode(),
        detail.restartCount(),
        detail.oomKilled(),
        s.upToDate(),
        lines);
  }

  private List<Finding> endpoints(
      Target t, List<ServiceState> states, List<Observed.ClockReading> readings) {
    List<Finding> out = new ArrayList<>();
    Expected expected = t.expected();
    Optional<Service> el = service(t.plan(), Role.EXECUTION);
    Optional<PortBinding> rpc = el.flatMap(HostProbe::published);
    if (el.isPresent()) {
      if (rpc.isEmpty()) {
        out.add(notAsked("execution", "the plan publishes no JSON-RPC port on the host"));
      } else if (!running(states, el.get())) {
        out.add(notAsked("execution", "its container does not run"));
      } else if (expected == null) {
        out.add(notAsked("execution", "no release or plan says which chain it should be on"));
      } else {
        Observed.Execution seen =
            ExecutionProbe.observe(http, bind(rpc.get()), rpc.get().host(), readings);
        out.addAll(HealthRules.execution(seen, expected, clock.instant()));
      }
    }
    Optional<Service> cl = service(t.plan(), Role.CONSENSUS);
    Optional<PortBinding> rest = cl.flatMap(HostProbe::published);
    if (cl.isPresent()) {
      if (rest.isEmpty()) {
        out.add(notAsked("consensus", "the plan publishes no Beacon API port on the host"));
      } else if (!running(states, cl.get())) {
        out.add(notAsked("consensus", "its container does not run"));
      } else if (expected == null) {
        out.add(notAsked("consensus", "no release or plan says which chain it should be on"));
      } else {
        Observed.Consensus seen =
            ConsensusProbe.observe(http, bind(rest.get()), rest.get().host(), readings);
        out.addAll(HealthRules.consensus(seen, expected));
      }
    }
    return out;
  }

  private Optional<Finding> link(Target t, List<ServiceState> states) {
    if (EngineApi.port(t.plan()).isEmpty()) {
      return Optional.empty();
    }
    boolean bothRun =
        service(t.plan(), Role.EXECUTION).map(s -> running(states, s)).orElse(false)
            && service(t.plan(), Role.CONSENSUS).map(s -> running(states, s)).orElse(false);
    if (!bothRun) {
      return Optional.of(notAsked("link", "the EL or the CL does not run"));
    }
    try {
      LinkCheck result = runtime.checkEngineLink(t.plan(), t.helperImage(), LINK_TIMEOUT);
      if (!result.known()) {
        return Optional.of(
            Finding.of(
                "link",
                "engine",
                Verdict.UNKNOWN,
                "unknown",
                "not measured: " + result.unknownReason()));
      }
      return Optional.of(HealthRules.link(new Observed.Link(result.ok(), result.problem())));
    } catch (RuntimeException e) {
      return Optional.of(notAsked("link", "the self-test did not run: " + e.getMessage()));
    }
  }

  private Observed.Disk disk(Target t) {
    try {
      DiskSpace space = runtime.diskSpace(t.host(), t.baseDir(), t.helperImage());
      if (!space.known()) {
        return new Observed.Disk(t.baseDir(), null, null, space.unknownReason());
      }
      return new Observed.Disk(t.baseDir(), space.free(), space.total(), null);
    } catch (RuntimeException e) {
      return new Observed.Disk(t.baseDir(), null, null, String.valueOf(e.getMessage()));
    }
  }

  private static Finding notAsked(String component, String why) {
    return Finding.of(component, "probe", Verdict.UNKNOWN, "unknown", "not asked: " + why);
  }

  static Optional<Service> service(HostPlan plan, Role role) {
    return plan.services().stream().filter(s -> s.role() == role && !s.runOnce()).findFirst();
  }

  /** The service's HTTP API port as published on the host (127.0.0.1 for anything but P2P). */
  static Optional<PortBinding> published(Service service) {
    return service.ports() == null
        ? Optional.empty()
        : service.ports().stream()
            .filter(p -> "http".equals(p.name()) && p.host() != null)
            .findFirst();
  }

  private static String bind(PortBinding port) {
    return port.bind() == null || port.bind().equals("0.0.0.0") ? "127.0.0.1" : port.bind();
  }

  private static boolean running(List<ServiceState> states, Service service) {
    return states.stream()
        .anyMatch(s -> s.service().equals(service.name()) && "running".equals(s.state()));
  }
}
