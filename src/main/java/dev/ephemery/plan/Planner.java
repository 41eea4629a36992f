package dev.ephemery.plan;

import dev.ephemery.client.ClientContext;
import dev.ephemery.client.ClientKind;
import dev.ephemery.client.ClientProfile;
import dev.ephemery.client.ClientProfiles;
import dev.ephemery.client.ContainerPaths;
import dev.ephemery.client.InitStep;
import dev.ephemery.client.PortSpec;
import dev.ephemery.client.Tuning;
import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.Problem;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.Flavor;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.inventory.ValidatorSpec;
import dev.ephemery.network.Release;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns an inventory and a verified release into the desired state of every host. Pure: the same
 * input always gives the same plan, and every runtime (Docker, compose, Kubernetes) reads it.
 */
public final class Planner {
  public static final String ENGINE_PORT_NAME = "engine";

  /** The EL's JSON-RPC HTTP API, the port {@code execution.rpcPort} publishes. */
  public static final String RPC_PORT_NAME = "http";

  /** The CL's beacon REST API, the port {@code consensus.restPort} publishes. */
  public static final String REST_PORT_NAME = "http";

  static final String RESTART = "unless-stopped";

  /** A pinned public JRE for the on-host supervisor (Java 17, the tool's minimum). */
  public static final String SUPERVISOR_IMAGE = "eclipse-temurin:17.0.15_6-jre";

  /** Where the supervisor container sees its folder: the tool's jar and the inventory. */
  public static final String SUPERVISOR_DIR = "/opt/ephemery-supervisor";

  public static final String SUPERVISOR_JAR = "ephemery.jar";
  public static final String SUPERVISOR_INVENTORY = "ephemery.yaml";

  /** {@code ephemery run}'s default status port, published on 127.0.0.1 only. */
  public static final int SUPERVISOR_PORT = 9777;

  /** The host's Docker socket, which the supervisor needs to stop and start the node. */
  public static final String DOCKER_SOCKET = "/var/run/docker.sock";

  public Plan plan(Inventory inventory, Release release) {
    return plan(inventory, release, PlanOptions.all());
  }

  public Plan plan(Inventory inventory, Release release, PlanOptions options) {
    List<HostPlan> hosts = new ArrayList<>();
    for (Host host : inventory.hosts()) {
      if (options.host() == null || options.host().equals(host.name())) {
        hosts.add(planHost(host, release));
      }
    }
    if (options.host() != null && hosts.isEmpty()) {
      throw InvalidInputException.of(
          "--host",
          "no host named '" + options.host() + "' in " + inventory.source(),
          "hosts: " + String.join(", ", inventory.hosts().stream().map(Host::name).toList()));
    }
    return new Plan(hosts);
  }

  public HostPlan planHost(Host host, Release release) {
    return planHost(host, release, CheckpointChoice.UNRESOLVED);
  }

  /**
   * The host's plan; {@code checkpoint} is where its consensus client starts from when its {@code
   * checkpointSyncUrl} is {@code auto} (ignored otherwise).
   */
  public HostPlan planHost(Host host, Release release, CheckpointChoice checkpoint) {
    Stack stack = Stack.of(host);
    Layout layout = new Layout(host, release);
    List<Service> services = new ArrayList<>(execution(host, stack, layout));
    Service consensus = consensus(host, stack, layout, enginePort(stack.el()), checkpoint);
    services.add(consensus);
    List<Service> validator = validator(stack, layout, consensus);
    services.addAll(validator);

    List<PlannedPath> paths = new ArrayList<>(layout.paths(host.flavor(), stack.profiles()));
    if (host.supervisor().enabled()) {
      paths.add(supervisorFolder(host));
      Service last = validator.isEmpty() ? consensus : validator.get(validator.size() - 1);
      services.add(supervisor(host, release.iteration().number(), last.name()));
    }
    MonitoringPlan.Addition monitoring =
        MonitoringPlan.of(host, release.iteration().number(), services);
    paths.addAll(monitoring.paths());
    services.addAll(monitoring.services());

    return new HostPlan(
        host.name(),
        host.address().uri(),
        host.baseDir(),
        release.iteration(),
        layout.network(),
        paths,
        services,
        host.flavor() == Flavor.WRAPPER ? HostPlan.ResetOwner.WRAPPER : HostPlan.ResetOwner.TOOL);
  }

  /**
   * The clients a host runs: the execution client, the beacon node and the validator client (null
   * without a validator, or when the beacon node runs its validator itself).
   *
   * @param validator the host's validator settings when it runs one, else null
   * @param builtInValidator true when the beacon node runs the validator (grandine)
   */
  record Stack(
      ClientProfile el,
      ClientProfile cl,
      ClientProfile vc,
      ValidatorSpec validator,
      boolean builtInValidator) {

    /** The host's profiles; refuses a combination no plan can run. */
    static Stack of(Host host) {
      ValidatorSpec validator =
          host.validator() != null && host.validator().enabled() ? host.validator() : null;
      ConsensusClient vcClient =
          validator == null
              ? null
              : Objects.requireNonNullElse(validator.client(), host.consensus().client());
      boolean builtIn = vcClient != null && ClientProfiles.builtInValidator(vcClient);
      if (builtIn && vcClient != host.consensus().client()) {
        throw new InvalidInputException(
            Problem.at(
                "hosts." + host.name() + ".validator.client",
                0,
                vcClient.id()
                    + " has no separate validator client: its validator runs inside its"
                    + " beacon node",
                "set validator.client to " + host.consensus().client().id() + " or omit it"));
      }
      Stack stack =
          new Stack(
              ClientProfiles.execution(host.execution().client()),
              ClientProfiles.beacon(host.consensus().client()),
              vcClient == null || builtIn ? null : ClientProfiles.validator(vcClient).orElseThrow(),
              validator,
              builtIn);
      for (ClientProfile profile : stack.profiles()) {
        if (profile != null
            && host.flavor() == Flavor.WRAPPER
            && profile.wrapperImage().isEmpty()) {
          throw new InvalidInputException(Preflight.unsupportedFlavor(host, profile));
        }
      }
      return stack;
    }

    /** EL, CL and VC, in that order; the VC may be null. */
    ClientProfile[] profiles() {
      return new ClientProfile[] {el, cl, vc};
    }

    ClientContext.ValidatorSettings validatorSettings() {
      return validator == null ? null : ClientContext.ValidatorSettings.of(validator);
    }
  }

  /** The execution client, after its genesis init step when its profile has one. */
  private static List<Service> execution(Host host, Stack stack, Layout layout) {
    ClientProfile el = stack.el();
    Flavor flavor = host.flavor();
    int p2p = Objects.requireNonNullElse(host.execution().p2pPort(), el.defaultP2pPort());
    ClientContext context = ClientContext.forExecution(layout.release(), flavor, p2p);
    Optional<InitStep> init = el.init(context);
    String initName = layout.serviceName(el.id() + "-init");
    List<Service> services = new ArrayList<>();
    init.ifPresent(
        step ->
            services.add(
                Service.builder(initName, Role.INIT, el.id())
                    .image(image(host.execution().image(), el, flavor))
                    .entrypoint(step.entrypoint())
                    .command(step.command())
                    .mounts(layout.mounts(el, flavor, false))
                    .labels(layout.labels(Role.INIT, el.id()))
                    .runOnce(true)
                    .restartPolicy("no")
                    .memoryLimit("2g")
                    .build()));
    String initStep = init.isPresent() ? initName : null;
    services.add(
        clientService(
                layout,
                Role.EXECUTION,
                el,
                host.execution().image(),
                context,
                host.execution().extraArgs())
            .ports(bindings(el.ports(p2p), rpcHostPort(host)))
            .mounts(layout.mounts(el, flavor, true))
            .dependsOn(initStep == null ? List.of() : List.of(initStep))
            .layout(DataLayout.of(el, layout.dataDir(el), initStep))
            .build());
    return services;
  }

  /**
   * The checkpoint endpoint the consensus client is given: the configured one, or with {@code auto}
   * the picked one; null for genesis sync.
   */
  public static String checkpointUrl(Host host, CheckpointChoice checkpoint) {
    if (!host.consensus().checkpointAuto()) {
      return host.consensus().checkpointSyncUrl();
    }
    return checkpoint == null ? null : checkpoint.url();
  }

  /** The beacon node, on the EL's Engine API; with the validator keys when it runs them. */
  private static Service consensus(
      Host host, Stack stack, Layout layout, int enginePort, CheckpointChoice checkpoint) {
    ClientProfile cl = stack.cl();
    Flavor flavor = host.flavor();
    int p2p = Objects.requireNonNullElse(host.consensus().p2pPort(), cl.defaultP2pPort());
    String elName = layout.serviceName(stack.el().id());
    ClientContext context =
        ClientContext.forBeacon(
            layout.release(),
            flavor,
            p2p,
            "http://" + elName + ":" + enginePort,
            checkpointUrl(host, checkpoint),
            stack.builtInValidator() ? stack.validatorSettings() : null);
    List<Mount> mounts = new ArrayList<>(layout.mounts(cl, flavor, true));
    if (stack.builtInValidator()) {
      mounts.addAll(keyMounts(stack.validator()));
    }
    Map<String, String> labels = new LinkedHashMap<>(layout.labels(Role.CONSENSUS, cl.id()));
    if (host.consensus().checkpointAuto()) {
      // The pick is part of the container: the label says which endpoint it was made with.
      labels.put(LabelKeys.CHECKPOINT, checkpoint.label());
    }
    return clientService(
            layout,
            Role.CONSENSUS,
            cl,
            host.consensus().image(),
            context,
            host.consensus().extraArgs())
        .labels(labels)
        .ports(bindings(cl.ports(p2p), restHostPort(host)))
        .mounts(mounts)
        .dependsOn(List.of(elName))
        .layout(DataLayout.of(cl, layout.dataDir(cl), null))
        .build();
  }

  /**
   * The validator client, after its key import when it has one; empty without a validator client.
   */
  private static List<Service> validator(Stack stack, Layout layout, Service consensus) {
    ClientProfile vc = stack.vc();
    if (vc == null) {
      return List.of();
    }
    ValidatorSpec validator = stack.validator();
    ClientContext context =
        ClientContext.forValidator(
            layout.release(),
            layout.flavor(),
            "http://" + consensus.name() + ":" + restPort(stack.cl()),
            consensus.name(),
            stack.validatorSettings());
    List<Mount> mounts = new ArrayList<>(layout.mounts(vc, layout.flavor(), false));
    mounts.addAll(keyMounts(validator));
    List<Service> services = new ArrayList<>();
    List<String> after = new ArrayList<>(List.of(consensus.name()));
    keyImport(layout, vc, context, validator, mounts)
        .ifPresent(
            step -> {
              services.add(step);
              after.add(step.name());
            });
    services.add(
        clientService(layout, Role.VALIDATOR, vc, validator.image(), context, validator.extraArgs())
            .ports(bindings(vc.ports(context.p2pPort())))
            .mounts(mounts)
            .dependsOn(after)
            .layout(DataLayout.of(vc, layout.dataDir(vc), null))
            .build());
    return services;
  }

  /**
   * The validator client's own import of the keystores as a one-shot step with the validator's
   * mounts, run again by the runtime whenever the keys folder's content changes ({@link
   * Service#inputs}); empty when the client reads its keys in place.
   */
  private static Optional<Service> keyImport(
      Layout layout,
      ClientProfile vc,
      ClientContext context,
      ValidatorSpec validator,
      List<Mount> mounts) {
    if (validator.keysDir() == null) {
      return Optional.empty();
    }
    return vc.keyImport(context)
        .map(
            step ->
                Service.builder(layout.serviceName(vc.id() + "-import-keys"), Role.INIT, vc.id())
                    .image(
                        step.image() != null
                            ? step.image()
                            : image(validator.image(), vc, Flavor.UPSTREAM))
                    .entrypoint(step.entrypoint())
                    .command(step.command())
                    .mounts(mounts)
                    .labels(layout.labels(Role.INIT, vc.id()))
                    .runOnce(true)
                    .restartPolicy("no")
                    .memoryLimit("2g")
                    .inputs(List.of(validator.keysDir()))
                    .build());
  }

  /** The keystores and their passwords, read-only: the validator never writes them. */
  static List<Mount> keyMounts(ValidatorSpec validator) {
    List<Mount> mounts = new ArrayList<>();
    if (validator.keysDir() != null) {
      mounts.add(new Mount(validator.keysDir(), ContainerPaths.KEYS, true));
    }
    if (validator.passwordFile() != null) {
      mounts.add(new Mount(validator.passwordFile(), ContainerPaths.PASSWORD_FILE, true));
    }
    if (validator.passwordsDir() != null) {
      mounts.add(new Mount(validator.passwordsDir(), ContainerPaths.PASSWORDS_DIR, true));
    }
    return mounts;
  }

  /** The folder {@code up} copies the supervisor's jar and inventory into. */
  public static PlannedPath supervisorFolder(Host host) {
    return new PlannedPath(
        new Layout(host, null).supervisorDir(), PlannedPath.Kind.DIRECTORY, 0700, null);
  }

  /**
   * The supervisor JVM's options: the launcher's for {@code run} (a small serial heap sized to the
   * live set, C1 only, small stacks and code cache, native memory trimmed; see the launcher for
   * why), so the container is as lean as a supervisor started by hand. The image is a pinned
   * 17.0.15 JRE, which has {@code TrimNativeHeapInterval}.
   */
  public static final List<String> SUPERVISOR_JVM_OPTIONS =
      List.of(
          "-XX:+UseSerialGC",
          "-Xms8m",
          "-Xmx64m",
          "-Xmn2m",
          "-XX:MinHeapFreeRatio=10",
          "-XX:MaxHeapFreeRatio=30",
          "-XX:TieredStopAtLevel=1",
          "-Xss256k",
          "-XX:ReservedCodeCacheSize=16m",
          "-XX:MaxMetaspaceSize=64m",
          "-XX:CICompilerCount=1",
          "-XX:+UseCompressedOops",
          "-XX:TrimNativeHeapInterval=10000");

  private static List<String> supervisorArgs(String... args) {
    List<String> all = new ArrayList<>(SUPERVISOR_JVM_OPTIONS);
    all.addAll(List.of(args));
    return all;
  }

  /**
   * {@code ephemery run} next to the node, so resets happen while the operator's machine is off. It
   * sees baseDir at the same path (its journal and the reset's wipes work on the files directly)
   * and the Docker socket (to stop and start the node), which makes it root-equivalent on the host.
   * Only its iteration label depends on the iteration, and runtimes leave that out of its plan
   * hash: a reset never recreates the supervisor doing it.
   */
  public static Service supervisor(Host host, int iteration, String after) {
    Layout layout = new Layout(host, null);
    String jar = SUPERVISOR_DIR + "/" + SUPERVISOR_JAR;
    String inventory = SUPERVISOR_DIR + "/" + SUPERVISOR_INVENTORY;
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LabelKeys.NODE, host.name());
    labels.put(LabelKeys.ROLE, Role.SUPERVISOR.id());
    labels.put(LabelKeys.CLIENT, "ephemery");
    labels.put(LabelKeys.ITERATION, Integer.toString(iteration));
    String image = host.supervisor().image();
    return Service.builder(layout.serviceName("supervisor"), Role.SUPERVISOR, "ephemery")
        .image(image != null && !image.isBlank() ? image : SUPERVISOR_IMAGE)
        .entrypoint(List.of("java"))
        .command(
            supervisorArgs(
                "-jar",
                jar,
                "run",
                "-f",
                inventory,
                "--host",
                host.name(),
                "--bind",
                "0.0.0.0",
                "--port",
                Integer.toString(SUPERVISOR_PORT)))
        // It listens on 9777 in its own network namespace; the host side is the inventory's.
        .ports(
            List.of(
                new PortBinding(
                    SUPERVISOR_PORT, host.supervisor().port(), "127.0.0.1", "tcp", "status")))
        .mounts(
            List.of(
                new Mount(layout.supervisorDir(), SUPERVISOR_DIR, true),
                new Mount(host.baseDir(), host.baseDir(), false),
                new Mount(DOCKER_SOCKET, DOCKER_SOCKET, false)))
        .env(Map.of("EPHEMERY_RELEASE_CACHE", layout.supervisorDir() + "/releases"))
        .labels(labels)
        .dependsOn(List.of(after))
        .restartPolicy(RESTART)
        .memoryLimit("192m")
        .build();
  }

  /**
   * A client's long-running container as its profile describes it, named after the client ({@code
   * -vc} for a validator client); the caller adds ports, mounts, order and data layout.
   */
  private static Service.Builder clientService(
      Layout layout,
      Role role,
      ClientProfile profile,
      String imageOverride,
      ClientContext context,
      List<String> extraArgs) {
    String suffix = profile.kind() == ClientKind.VALIDATOR ? profile.id() + "-vc" : profile.id();
    return Service.builder(layout.serviceName(suffix), role, profile.id())
        .image(image(imageOverride, profile, context.flavor()))
        .entrypoint(profile.entrypoint(context.flavor()))
        .command(Tuning.command(profile, profile.command(context), extraArgs))
        .labels(layout.labels(role, profile.id()))
        .restartPolicy(RESTART)
        .memoryLimit(profile.memoryLimit())
        .stopSignal(profile.stopSignal(context.flavor()))
        .health(profile.health());
  }

  /** Container names double as host names on the node network: the CL calls the EL by it. */
  static String serviceName(Host host, String suffix) {
    return host.stackName() + "-" + suffix;
  }

  static String image(String override, ClientProfile profile, Flavor flavor) {
    return override != null && !override.isBlank() ? override : profile.image(flavor);
  }

  /**
   * The host port of the EL's JSON-RPC API from {@code execution.rpcPort}; the client keeps
   * listening on its own port inside the container, so only the published side moves.
   */
  private static Map<String, Integer> rpcHostPort(Host host) {
    Integer rpcPort = host.execution().rpcPort();
    return rpcPort == null ? Map.of() : Map.of(RPC_PORT_NAME, rpcPort);
  }

  /**
   * The host port of the beacon REST API from {@code consensus.restPort}, as {@link #rpcHostPort}
   * for the EL's: two nodes on one machine each publish it on their own.
   */
  private static Map<String, Integer> restHostPort(Host host) {
    Integer restPort = host.consensus().restPort();
    return restPort == null ? Map.of() : Map.of(REST_PORT_NAME, restPort);
  }

  /** P2P on all interfaces, the operator's ports on loopback, the rest never published. */
  static List<PortBinding> bindings(List<PortSpec> ports) {
    return bindings(ports, Map.of());
  }

  /**
   * As {@link #bindings(List)}, with the host side of the named loopback ports moved. Only loopback
   * ports move: P2P ports are announced to peers with the port the client listens on, and the
   * Engine API is never published.
   */
  static List<PortBinding> bindings(List<PortSpec> ports, Map<String, Integer> hostPorts) {
    for (String name : hostPorts.keySet()) {
      if (ports.stream()
          .noneMatch(p -> p.name().equals(name) && p.exposure() == PortSpec.Exposure.LOCAL)) {
        throw new IllegalArgumentException("no loopback port named " + name + " to move");
      }
    }
    return ports.stream()
        .map(
            p ->
                switch (p.exposure()) {
                  case PUBLIC ->
                      new PortBinding(
                          p.container(), p.container(), "0.0.0.0", p.protocol(), p.name());
                  case LOCAL ->
                      new PortBinding(
                          p.container(),
                          hostPorts.getOrDefault(p.name(), p.container()),
                          "127.0.0.1",
                          p.protocol(),
                          p.name());
                  case NETWORK_ONLY ->
                      new PortBinding(p.container(), null, null, p.protocol(), p.name());
                })
        .toList();
  }

  static int enginePort(ClientProfile el) {
    return port(el, ENGINE_PORT_NAME);
  }

  static int restPort(ClientProfile cl) {
    return port(cl, REST_PORT_NAME);
  }

  private static int port(ClientProfile profile, String name) {
    return profile.ports(profile.defaultP2pPort()).stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow()
        .container();
  }

  /** Where things go on the host and what they are called. */
  static final class Layout {
    private final Host host;
    private final Release release;

    Layout(Host host, Release release) {
      this.host = host;
      this.release = release;
    }

    String network() {
      return host.stackName();
    }

    Release release() {
      return release;
    }

    Flavor flavor() {
      return host.flavor();
    }

    String serviceName(String suffix) {
      return Planner.serviceName(host, suffix);
    }

    String path(String relative) {
      String base = host.baseDir().endsWith("/") ? host.baseDir() : host.baseDir() + "/";
      return base + relative;
    }

    String jwt() {
      return path("secrets/jwt.hex");
    }

    String supervisorDir() {
      return path("supervisor");
    }

    String testnet() {
      return path("testnet/" + release.iteration().releaseTag());
    }

    String dataDir(ClientProfile profile) {
      return path(
          "data/"
              + profile.id()
              + (profile.kind() == dev.ephemery.client.ClientKind.VALIDATOR ? "-vc" : ""));
    }

    List<Mount> mounts(ClientProfile profile, Flavor flavor, boolean jwt) {
      List<Mount> mounts = new ArrayList<>();
      mounts.add(new Mount(dataDir(profile), ContainerPaths.DATA, false));
      if (flavor != Flavor.WRAPPER) {
        // The wrapper images download and manage their own copy in /ephemery_config.
        mounts.add(new Mount(testnet(), ContainerPaths.TESTNET, true));
      }
      if (jwt) {
        mounts.add(new Mount(jwt(), ContainerPaths.JWT, true));
      }
      return mounts;
    }

    Map<String, String> labels(Role role, String client) {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put(LabelKeys.NODE, host.name());
      labels.put(LabelKeys.ROLE, role.id());
      labels.put(LabelKeys.CLIENT, client);
      labels.put(LabelKeys.ITERATION, Integer.toString(release.iteration().number()));
      labels.put(LabelKeys.FLAVOR, host.flavor().id());
      return labels;
    }

    List<PlannedPath> paths(Flavor flavor, ClientProfile... profiles) {
      // The JWT is read by the EL and the CL; a client that runs as uid 1000 cannot read a
      // root-owned 0600 file, and root can read one owned by 1000.
      String jwtOwner = null;
      for (int i = 0; i < 2; i++) {
        if (profiles[i].owner() != null) {
          jwtOwner = profiles[i].owner();
        }
      }
      List<PlannedPath> paths = new ArrayList<>();
      paths.add(new PlannedPath(host.baseDir(), PlannedPath.Kind.DIRECTORY, 0755, null));
      paths.add(new PlannedPath(path("secrets"), PlannedPath.Kind.DIRECTORY, 0700, jwtOwner));
      paths.add(new PlannedPath(jwt(), PlannedPath.Kind.JWT_SECRET, 0600, jwtOwner));
      if (flavor != Flavor.WRAPPER) {
        paths.add(new PlannedPath(path("testnet"), PlannedPath.Kind.DIRECTORY, 0755, null));
        paths.add(new PlannedPath(testnet(), PlannedPath.Kind.RELEASE_FILES, 0755, null));
      }
      paths.add(new PlannedPath(path("data"), PlannedPath.Kind.DIRECTORY, 0755, null));
      for (ClientProfile profile : profiles) {
        if (profile != null) {
          paths.add(
              new PlannedPath(
                  dataDir(profile),
                  PlannedPath.Kind.DIRECTORY,
                  profile.dataDirMode(),
                  profile.owner()));
          for (String secret : profile.generatedSecrets()) {
            paths.add(
                new PlannedPath(
                    dataDir(profile) + "/" + secret,
                    PlannedPath.Kind.SECRET,
                    0600,
                    profile.owner()));
          }
        }
      }
      return paths;
    }
  }
}
