package dev.ephemery.plan;

import dev.ephemery.client.ClientContext;
import dev.ephemery.client.ClientProfile;
import dev.ephemery.client.ClientProfiles;
import dev.ephemery.client.Wrappers;
import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.Problem;
import dev.ephemery.inventory.Addresses;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.Flavor;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.inventory.ValidatorChecks;
import dev.ephemery.inventory.ValidatorSpec;
import dev.ephemery.network.Release;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks run before anything changes: each finds one way a node would fail to join the
 * iteration (all failures of the deployment this tool replaces among them) and names cause and fix.
 * Pure; the checkpoint endpoint probe is an adapter whose answer {@link CheckpointUrls} judges.
 */
public final class Preflight {
  private Preflight() {}

  public static List<Problem> check(Inventory inventory, Release release) {
    // A validator without keys, password or fee recipient would run and sign nothing (or pay the
    // rewards to nobody): plan and up refuse it, as check does.
    List<Problem> problems = new ArrayList<>(ValidatorChecks.required(inventory));
    for (int i = 0; i < inventory.hosts().size(); i++) {
      problems.addAll(checkHost("hosts[" + i + "]", inventory.hosts().get(i), release));
    }
    if (problems.isEmpty()) {
      problems.addAll(checkPlan(inventory, new Planner().plan(inventory, release)));
    }
    return List.copyOf(problems);
  }

  /** Throws the problems found, exit 2, so nothing is changed. */
  public static void require(Inventory inventory, Release release) {
    List<Problem> problems = check(inventory, release);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  static Problem unsupportedFlavor(Host host, ClientProfile profile) {
    return Problem.at(
        "hosts." + host.name() + ".flavor",
        0,
        "flavor wrapper is not available for "
            + profile.id()
            + ": "
            + profile.wrapperUnsupportedReason(),
        "set flavor: upstream for host "
            + host.name()
            + ", or choose a client with a wrapper"
            + " image");
  }

  private static List<Problem> checkHost(String where, Host host, Release release) {
    List<Problem> problems = new ArrayList<>();
    ClientProfile el = ClientProfiles.execution(host.execution().client());
    ClientProfile cl = ClientProfiles.beacon(host.consensus().client());
    problems.addAll(
        component(
            where + ".execution",
            host,
            el,
            host.execution().image(),
            host.execution().extraArgs(),
            release));
    problems.addAll(
        component(
            where + ".consensus",
            host,
            cl,
            host.consensus().image(),
            host.consensus().extraArgs(),
            release));
    ValidatorSpec validator = host.validator();
    if (validator != null && validator.enabled()) {
      ConsensusClient vcClient =
          Objects.requireNonNullElse(validator.client(), host.consensus().client());
      Optional<ClientProfile> vc = ClientProfiles.validator(vcClient);
      if (vc.isEmpty() && vcClient != host.consensus().client()) {
        problems.add(
            Problem.at(
                where + ".validator.client",
                0,
                vcClient.id()
                    + " has no separate validator client: its validator runs inside"
                    + " its beacon node",
                "set validator.client to "
                    + host.consensus().client().id()
                    + ", or consensus.client to "
                    + vcClient.id()));
      } else if (vcClient == ConsensusClient.PRYSM
          && host.consensus().client() != ConsensusClient.PRYSM) {
        problems.add(
            Problem.at(
                where + ".validator.client",
                0,
                "prysm's validator client talks gRPC to a prysm beacon node, and this host's"
                    + " beacon node is "
                    + host.consensus().client().id(),
                "set validator.client to " + host.consensus().client().id()));
      } else if (vc.isPresent()) {
        problems.addAll(
            component(
                where + ".validator",
                host,
                vc.get(),
                validator.image(),
                validator.extraArgs(),
                release));
      } else if (!validator.extraArgs().isEmpty()) {
        problems.add(
            Problem.at(
                where + ".validator.extraArgs",
                0,
                vcClient.id()
                    + "'s validator runs inside its beacon node, so validator"
                    + " extraArgs have no container to go to",
                "move them to consensus.extraArgs"));
      }
    }
    if (validator != null && validator.enabled()) {
      problems.addAll(keysFitTheSigner(where + ".validator", host));
    }
    String checkpoint = host.consensus().configuredCheckpointUrl();
    if (checkpoint != null) {
      problems.addAll(checkpoint(where + ".consensus.checkpointSyncUrl", checkpoint));
    }
    problems.addAll(p2pCollisions(where, host, el, cl));
    return problems;
  }

  private static List<Problem> checkpoint(String where, String url) {
    if (CheckpointUrls.hostName(url).isEmpty()) {
      return List.of(
          Problem.at(
              where,
              0,
              "'" + url + "' is not an http(s) URL",
              "give the beacon API base URL, e.g. " + CheckpointUrls.EPHEMERY_PROVIDERS.get(0)));
    }
    return CheckpointUrls.otherNetwork(url)
        .map(
            network ->
                List.of(
                    Problem.at(
                        where,
                        0,
                        "checkpoint URL "
                            + url
                            + " serves "
                            + network
                            + ", not Ephemery: the"
                            + " beacon node would reject its state (wrong genesis validators"
                            + " root)",
                        "use an Ephemery provider, e.g. "
                            + CheckpointUrls.EPHEMERY_PROVIDERS.get(0)
                            + ", or remove checkpointSyncUrl to sync from genesis")))
        .orElse(List.of());
  }

  /** The checks of one container's settings against its profile. */
  private static List<Problem> component(
      String where,
      Host host,
      ClientProfile profile,
      String imageOverride,
      List<String> extraArgs,
      Release release) {
    List<Problem> problems = new ArrayList<>();
    Flavor flavor = host.flavor();
    if (flavor == Flavor.WRAPPER && profile.wrapperImage().isEmpty()) {
      problems.add(
          Problem.at(
              where + ".client",
              0,
              "flavor wrapper is not available for "
                  + profile.id()
                  + ": "
                  + profile.wrapperUnsupportedReason(),
              "set flavor: upstream for host " + host.name()));
      return problems;
    }
    if (imageOverride != null) {
      boolean wrapperImage = Wrappers.isWrapperImage(imageOverride);
      if (flavor == Flavor.UPSTREAM && wrapperImage) {
        problems.add(
            Problem.at(
                where + ".image",
                0,
                imageOverride
                    + " is a wrapper image that downloads releases and resets by"
                    + " itself; with flavor upstream the tool would reset it a second time"
                    + " and run its init steps through the wrapper",
                "set flavor: wrapper for host "
                    + host.name()
                    + ", or use the upstream image "
                    + profile.image()));
      } else if (flavor == Flavor.WRAPPER && !wrapperImage) {
        problems.add(
            Problem.at(
                where + ".image",
                0,
                imageOverride
                    + " is not a pk910/ephemery-* wrapper image, but the host's"
                    + " flavor is wrapper: nothing would put it on the current iteration",
                "use " + profile.wrapperImage().orElseThrow() + ", or set flavor: upstream"));
      }
    }
    problems.addAll(
        new ExtraArgsCheck(
                where + ".extraArgs",
                profile,
                flavor,
                Planner.image(imageOverride, profile, flavor),
                release,
                profile.command(context(profile, host, release)))
            .check(extraArgs));
    return problems;
  }

  /**
   * A remote signer only for the clients that take one by URL, and one password file per keystore
   * only for the clients that read keystores that way: the others' imports take one password for
   * all (see each profile's keyImport).
   */
  private static List<Problem> keysFitTheSigner(String where, Host host) {
    ValidatorSpec validator = host.validator();
    ClientProfile signer = ClientProfiles.signer(host);
    if (validator.remoteSigner() != null && !signer.takesRemoteSigner()) {
      return List.of(
          Problem.at(
              where + ".remoteSigner",
              0,
              signer.id()
                  + "'s validator client takes a Web3Signer only as one validator_definitions.yml"
                  + " entry per key, which the tool does not write",
              "use local keys (keysDir with passwordFile), or a validator client that lists the"
                  + " signer's keys itself (teku, prysm, nimbus, lodestar)"));
    }
    if (validator.passwordsDir() == null || signer.passwordPerKeystore()) {
      return List.of();
    }
    return List.of(
        Problem.at(
            where + ".passwordsDir",
            0,
            signer.id()
                + " imports keystores with one password for all of them; it has no use for a"
                + " password file per keystore",
            "put the keystores' one password in a file and set validator.passwordFile to it"
                + " instead"));
  }

  private static ClientContext context(ClientProfile profile, Host host, Release release) {
    int p2p =
        switch (profile.kind()) {
          case EXECUTION ->
              Objects.requireNonNullElse(host.execution().p2pPort(), profile.defaultP2pPort());
          case BEACON ->
              Objects.requireNonNullElse(host.consensus().p2pPort(), profile.defaultP2pPort());
          case VALIDATOR -> 0;
        };
    ValidatorSpec v = host.validator();
    ClientContext.ValidatorSettings settings =
        v == null || !v.enabled() ? null : ClientContext.ValidatorSettings.of(v);
    ClientProfile el = ClientProfiles.execution(host.execution().client());
    ClientProfile cl = ClientProfiles.beacon(host.consensus().client());
    String clName = Planner.serviceName(host, cl.id());
    return new ClientContext(
        release,
        host.flavor(),
        p2p,
        "http://" + Planner.serviceName(host, el.id()) + ":" + Planner.enginePort(el),
        "http://" + clName + ":" + Planner.restPort(cl),
        clName,
        Planner.checkpointUrl(host, null),
        settings);
  }

  /** A P2P port that lands on another port of the same container (the Engine API above all). */
  private static List<Problem> p2pCollisions(
      String where, Host host, ClientProfile el, ClientProfile cl) {
    List<Problem> problems = new ArrayList<>();
    Integer[] chosen = {host.execution().p2pPort(), host.consensus().p2pPort()};
    ClientProfile[] profiles = {el, cl};
    String[] keys = {".execution.p2pPort", ".consensus.p2pPort"};
    for (int i = 0; i < 2; i++) {
      if (chosen[i] == null) {
        continue;
      }
      int p2p = chosen[i];
      if (p2p < 1 || p2p > 65535) {
        problems.add(
            Problem.at(
                where + keys[i],
                0,
                "port " + p2p + " is out of range",
                "choose a port between 1024 and 65535"));
        continue;
      }
      for (var port : profiles[i].ports(p2p)) {
        if (port.exposure() != dev.ephemery.client.PortSpec.Exposure.PUBLIC
            && port.container() == p2p) {
          problems.add(
              Problem.at(
                  where + keys[i],
                  0,
                  "p2pPort "
                      + p2p
                      + " is "
                      + profiles[i].id()
                      + "'s "
                      + port.name()
                      + " port"
                      + (port.name().equals(Planner.ENGINE_PORT_NAME)
                          ? ": publishing it would expose the Engine API off the host"
                          : ""),
                  "choose another p2pPort (default " + profiles[i].defaultP2pPort() + ")"));
        }
      }
    }
    return problems;
  }

  /** Invariants of the plan itself: what a runtime would publish on each machine. */
  static List<Problem> checkPlan(Inventory inventory, Plan plan) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Map<String, Claim>> usedByMachine = new LinkedHashMap<>();
    Map<String, String> baseDirs = new LinkedHashMap<>();
    for (int i = 0; i < plan.hosts().size(); i++) {
      HostPlan hostPlan = plan.hosts().get(i);
      int index = inventory.indexOf(hostPlan.name());
      Host host = inventory.hosts().get(index);
      String where = "hosts[" + index + "]";
      // ssh://a@h and ssh://b@h are one machine: key by the machine, name it as written.
      String machineKey = Addresses.machine(host);
      String baseKey = machineKey + " " + hostPlan.baseDir();
      String otherBase = baseDirs.putIfAbsent(baseKey, hostPlan.name());
      if (otherBase != null) {
        problems.add(sharedBaseDir(where, otherBase, hostPlan));
      }
      Map<String, Claim> used =
          usedByMachine.computeIfAbsent(machineKey, m -> new LinkedHashMap<>());
      claimServicePorts(problems, used, where, hostPlan);
    }
    return problems;
  }

  private static Problem sharedBaseDir(String where, String otherHost, HostPlan hostPlan) {
    return Problem.at(
        where + ".baseDir",
        0,
        "hosts "
            + otherHost
            + " and "
            + hostPlan.name()
            + " share "
            + hostPlan.address()
            + " and baseDir "
            + hostPlan.baseDir()
            + ": their data would mix",
        "give each node on one machine its own baseDir");
  }

  /** The host ports a node's services publish; the Engine API must never be one of them. */
  private static void claimServicePorts(
      List<Problem> problems, Map<String, Claim> used, String where, HostPlan hostPlan) {
    for (Service service : hostPlan.services()) {
      for (PortBinding port : service.ports()) {
        if (port.name().equals(Planner.ENGINE_PORT_NAME) && port.host() != null) {
          problems.add(
              Problem.at(
                  where,
                  0,
                  service.name()
                      + " would publish the Engine API ("
                      + port.container()
                      + ") on "
                      + port.bind(),
                  "the Engine API is only for the node's beacon node, on the node network"));
        }
        if (port.host() != null) {
          claim(
              problems,
              used,
              port.host() + "/" + port.protocol(),
              portClaim(where, hostPlan.name(), service, port));
        }
      }
    }
  }

  /**
   * Who publishes a host port and the inventory key that moves it, or null when no key does (a
   * beacon node's REST API).
   *
   * @param where the host's path in the inventory
   * @param note how the port follows from the key, when it is not the key's value itself
   */
  private record Claim(String where, String user, String key, String note) {
    String described() {
      return user + (note == null ? "" : " (" + note + ")");
    }
  }

  private static Claim portClaim(String where, String hostName, Service service, PortBinding port) {
    String user = hostName + " " + service.name() + " " + port.name();
    String section =
        switch (service.role()) {
          case EXECUTION -> "execution";
          case CONSENSUS -> "consensus";
          case SUPERVISOR -> "supervisor";
          case MONITORING -> "monitoring";
          default -> null;
        };
    if (section == null) {
      return new Claim(where, user, null, null);
    }
    if (section.equals("supervisor")) {
      return new Claim(where, user, where + ".supervisor.port", null);
    }
    if (section.equals("monitoring")) {
      String key =
          switch (service.client()) {
            case "prometheus" -> "prometheusPort";
            case "grafana" -> "grafanaPort";
            default -> "nodeExporterPort";
          };
      return new Claim(where, user, where + ".monitoring." + key, null);
    }
    if ("0.0.0.0".equals(port.bind())) {
      // P2P: every port a client opens for peers follows its p2pPort, some at an offset
      // (lighthouse's QUIC at p2pPort + 1, prysm's discovery at p2pPort - 1000).
      String key = section + ".p2pPort";
      int base =
          service.ports().stream()
              .filter(p -> p.name().equals("p2p") && p.host() != null)
              .mapToInt(PortBinding::host)
              .findFirst()
              .orElse(port.host());
      int offset = port.host() - base;
      String note =
          offset == 0
              ? null
              : service.client()
                  + " publishes its "
                  + port.name()
                  + " port at "
                  + key
                  + (offset > 0 ? " + " : " - ")
                  + Math.abs(offset);
      return new Claim(where, user, where + "." + key, note);
    }
    if (section.equals("execution") && port.name().equals(Planner.RPC_PORT_NAME)) {
      return new Claim(where, user, where + ".execution.rpcPort", null);
    }
    if (section.equals("consensus") && port.name().equals(Planner.REST_PORT_NAME)) {
      return new Claim(where, user, where + ".consensus.restPort", null);
    }
    return new Claim(
        where,
        user,
        null,
        service.client() + "'s " + port.name() + " port " + port.container() + " has no key");
  }

  private static void claim(
      List<Problem> problems, Map<String, Claim> used, String port, Claim claim) {
    Claim other = used.putIfAbsent(port, claim);
    if (other == null) {
      return;
    }
    List<String> keys = new ArrayList<>();
    for (Claim c : List.of(claim, other)) {
      if (c.key() != null && !keys.contains(c.key())) {
        keys.add(c.key());
      }
    }
    String where =
        claim.key() != null ? claim.key() : other.key() != null ? other.key() : claim.where();
    problems.add(
        Problem.at(
            where,
            0,
            "host port "
                + port
                + " is used twice on the same machine: by "
                + other.described()
                + " and by "
                + claim.described(),
            keys.isEmpty()
                ? "neither port has an inventory key: run these nodes on different machines"
                : "change " + String.join(" or ", keys)));
  }
}
