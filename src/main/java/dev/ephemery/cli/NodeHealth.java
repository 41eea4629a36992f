package dev.ephemery.cli;

import dev.ephemery.health.Expected;
import dev.ephemery.health.Observed;
import dev.ephemery.health.probe.HostProbe;
import dev.ephemery.health.probe.LocalStreams;
import dev.ephemery.health.probe.NodeHttp;
import dev.ephemery.inventory.Host;
import dev.ephemery.network.ValidatorStates;
import dev.ephemery.ops.BeaconValidators;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.runtime.HostRuntime;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.ssh.SshSessions;
import dev.ephemery.runtime.ssh.SshStreams;
import dev.ephemery.wiring.Runtimes;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Probes one host for {@code status} and {@code doctor}: its Docker, and its EL and CL ports as the
 * host sees them (this machine's loopback for a local host, SSH {@code direct-tcpip} for a remote
 * one).
 */
final class NodeHealth {

  static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);

  private NodeHealth() {}

  static HostProbe.Result probe(Host host, RuntimePlans inputs, String helperImage, Clock clock) {
    try (HostRuntime runtime = Runtimes.open(host, line -> {})) {
      return probe(host, inputs, helperImage, clock, runtime);
    }
  }

  /** {@link #probe(Host, RuntimePlans, String, Clock)} through a runtime the caller holds open. */
  static HostProbe.Result probe(
      Host host, RuntimePlans inputs, String helperImage, Clock clock, HostRuntime runtime) {
    Optional<HostPlan> plan =
        HostScope.hostPlan(inputs.plan(), host.name())
            .map(p -> AutoCheckpoints.asDeployed(host, p, inputs.release(), runtime));
    Expected expected = expected(inputs, plan);
    HostTarget target = HostScope.target(host);
    NodeHttp.Streams streams =
        OnHost.remote(host)
            ? new SshStreams(() -> SshSessions.open(target), target.address().uri())
            : new LocalStreams();
    try (NodeHttp http = new NodeHttp(streams, clock, HTTP_TIMEOUT)) {
      return new HostProbe(runtime, http, clock)
          .probe(
              new HostProbe.Target(
                  host.name(),
                  plan.orElse(null),
                  host.baseDir(),
                  expected,
                  helperImage,
                  validator(host, plan)));
    }
  }

  /** The release's facts when one is known, else the schedule's for the plan's iteration. */
  static Expected expected(RuntimePlans inputs, Optional<HostPlan> plan) {
    if (inputs.release() != null) {
      return Expected.of(inputs.release());
    }
    try {
      return plan.map(p -> Expected.predicted(p.iteration().number())).orElse(null);
    } catch (IllegalArgumentException unknownSchedule) {
      return null;
    }
  }

  /** The validator's keys and their chain state (as 'validator status' finds them), or null. */
  static Observed.Validator validator(Host host, Optional<HostPlan> plan) {
    if (host.validator() == null || !host.validator().enabled()) {
      return null;
    }
    if (OnHost.remote(host) || !host.validator().localKeys()) {
      return new Observed.Validator(
          null, 0, 0, "keys are not listed from here (remote host or remote signer)");
    }
    List<String> keys;
    try {
      keys = ValidatorStatusCommand.keys(host);
    } catch (RuntimeException e) {
      return new Observed.Validator(null, 0, 0, e.getMessage());
    }
    if (keys.isEmpty()) {
      return new Observed.Validator(0, 0, 0, null);
    }
    Optional<Integer> port = plan.flatMap(ValidatorStatusCommand::restPort);
    if (port.isEmpty()) {
      return new Observed.Validator(keys.size(), 0, 0, "the plan publishes no Beacon API port");
    }
    try {
      var states =
          ValidatorStates.states(
              keys,
              new BeaconValidators(HTTP_TIMEOUT)
                  .ask(host.name(), URI.create("http://127.0.0.1:" + port.get()), keys));
      return new Observed.Validator(
          keys.size(),
          ValidatorStates.needingDeposit(states),
          ValidatorStates.exitCode(states),
          null);
    } catch (RuntimeException e) {
      return new Observed.Validator(keys.size(), 0, 0, e.getMessage());
    }
  }
}
