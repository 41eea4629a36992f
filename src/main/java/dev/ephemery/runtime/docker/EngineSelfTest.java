package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.ephemery.common.Problem;
import dev.ephemery.plan.EngineApi;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Mount;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.plan.PortBinding;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.EngineJwt;
import dev.ephemery.runtime.Labels;
import dev.ephemery.runtime.SelfTestDecision;
import dev.ephemery.runtime.Wait;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The EL-CL link as the CL sees it: from a helper on the node's own network, resolve the EL by its
 * alias and make a signed {@code engine_exchangeCapabilities} call with the node's JWT secret; and
 * check from the plan that the EL and the CL mount the same secret file.
 */
public final class EngineSelfTest {

  /** Where the helper keeps the signed token of the current probe (it exists in every image). */
  private static final String TOKEN_FOLDER = "/tmp";

  private static final String TOKEN_FILE = "ephemery-engine-token";

  private final DockerClient docker;
  private final Clock clock;

  public EngineSelfTest(DockerClient docker, Clock clock) {
    this.docker = docker;
    this.clock = clock;
  }

  /**
   * The {@link SelfTestDecision#fingerprint} of the node's EL and CL containers among {@code
   * containers} (the node's, by name).
   */
  static String fingerprint(HostPlan plan, Map<String, Container> containers) {
    Map<String, String> ids = new HashMap<>();
    for (Service service : plan.services()) {
      if (service.role() == Role.EXECUTION || service.role() == Role.CONSENSUS) {
        String name = Labels.containerName(plan, service);
        Container found = containers.get(name);
        ids.put(name, found == null ? "missing" : found.getId());
      }
    }
    return SelfTestDecision.fingerprint(ids);
  }

  /** Plan-level problems: the EL and the CL must mount the one planned JWT secret. */
  public static List<Problem> sharedSecretProblems(HostPlan plan) {
    List<Problem> problems = new ArrayList<>();
    HostPaths paths = HostPaths.of(plan.baseDir());
    Optional<PlannedPath> jwt =
        plan.paths().stream().filter(p -> p.kind() == PlannedPath.Kind.JWT_SECRET).findFirst();
    if (jwt.isEmpty()) {
      problems.add(Problem.of(plan.name(), "the plan has no JWT secret"));
      return problems;
    }
    var secret = paths.onHost("jwt", jwt.get().path());
    for (Service service : plan.services()) {
      if (service.role() != Role.EXECUTION && service.role() != Role.CONSENSUS) {
        continue;
      }
      boolean mounts =
          service.mounts() != null
              && service.mounts().stream()
                  .map(Mount::source)
                  .map(s -> paths.baseDir().resolve(s).normalize())
                  .anyMatch(m -> secret.startsWith(m));
      if (!mounts) {
        problems.add(
            Problem.at(
                plan.name() + "." + service.name(),
                0,
                "does not mount the node's JWT secret " + secret,
                "mount it read-only; an EL without it makes its own and the CL gets InvalidToken"));
      }
    }
    return problems;
  }

  /** Probes until the EL answers or the timeout passes; a refused token ends it at once. */
  public EngineLinkCheck.Result run(HostPlan plan, String helperImage, Duration timeout) {
    return run(plan, helperImage, timeout, false);
  }

  /**
   * {@link #run(HostPlan, String, Duration)}, from this machine when {@code localDaemon} and it
   * reaches the node's network ({@link DirectProbes}), else through a helper on that network.
   */
  public EngineLinkCheck.Result run(
      HostPlan plan, String helperImage, Duration timeout, boolean localDaemon) {
    Optional<NodeProbes> direct = DirectProbes.of(docker, plan, clock, localDaemon);
    if (direct.isPresent()) {
      return untilConclusive(direct.get().link(), timeout);
    }
    HostPaths paths = HostPaths.of(plan.baseDir());
    try (Helper helper =
        Helper.start(docker, helperImage, plan.name(), paths, true, plan.network(), "selftest")) {
      return untilConclusive(probe(plan, helper), timeout);
    }
  }

  private static EngineLinkCheck.Result untilConclusive(
      NodeProbes.LinkProbe probe, Duration timeout) {
    AtomicReference<EngineLinkCheck.Result> last = new AtomicReference<>();
    Wait.poll(
        timeout,
        Duration.ofSeconds(1),
        waited -> {},
        () -> {
          last.set(probe.attempt());
          return conclusive(last.get());
        });
    return last.get();
  }

  /**
   * The self-test through {@code helper}, a helper on the node's network that mounts baseDir: reads
   * the node's JWT secret once, then makes one signed call per {@link Probe#attempt}.
   */
  Probe probe(HostPlan plan, Helper helper) {
    Target target = Target.of(plan);
    Helper.Result read =
        helper.exec(
            List.of("cat", HostPaths.of(plan.baseDir()).inHelper("jwt", target.jwt().path())));
    byte[] secret = EngineJwt.parseSecret(target.jwt().path(), read.out());
    return new Probe(helper, target.el().name(), target.endpoint(), secret);
  }

  /**
   * What the self-test calls, wherever it calls from: the node's EL, its Engine API port (in the
   * container) and the planned JWT secret the call is signed with.
   */
  record Target(Service el, int port, PlannedPath jwt) {
    static Target of(HostPlan plan) {
      return new Target(
          plan.services().stream()
              .filter(s -> s.role() == Role.EXECUTION)
              .findFirst()
              .orElseThrow(),
          EngineApi.port(plan).map(PortBinding::container).orElse(8551),
          plan.paths().stream()
              .filter(p -> p.kind() == PlannedPath.Kind.JWT_SECRET)
              .findFirst()
              .orElseThrow());
    }

    /** The Engine API as the CL names it: the EL's alias on the node network. */
    String endpoint() {
      return "http://" + el.name() + ":" + port;
    }
  }

  /** One node's signed Engine API call through a helper, with a fresh token at each attempt. */
  final class Probe implements NodeProbes.LinkProbe {
    private final Helper helper;
    private final String host;
    private final String url;
    private final byte[] secret;

    private Probe(Helper helper, String host, String url, byte[] secret) {
      this.helper = helper;
      this.host = host;
      this.url = url;
      this.secret = secret;
    }

    @Override
    public EngineLinkCheck.Result attempt() {
      helper.writeFile(
          TOKEN_FOLDER,
          TOKEN_FILE,
          EngineJwt.token(secret, clock.instant()).getBytes(StandardCharsets.US_ASCII));
      Helper.Result probe =
          helper.exec(EngineLinkCheck.wgetCommand(url, TOKEN_FOLDER + "/" + TOKEN_FILE));
      return EngineLinkCheck.classifyWget(url, host, probe.exitCode(), probe.out(), probe.err());
    }
  }

  /** Whether trying again cannot change the outcome: it passed, or the EL refused the token. */
  static boolean conclusive(EngineLinkCheck.Result result) {
    return result.ok()
        || (result.problem() != null && result.problem().message().contains("InvalidToken"));
  }
}
