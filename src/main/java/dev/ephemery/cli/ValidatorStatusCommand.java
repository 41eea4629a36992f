package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.common.Plural;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.ValidatorSpec;
import dev.ephemery.network.ValidatorStates;
import dev.ephemery.network.ValidatorStates.KeyState;
import dev.ephemery.ops.BeaconValidators;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.PortBinding;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.Fleet;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ephemery validator status}: the public keys of each host's keystores and where each stands
 * on the running chain, asked of the host's own beacon node on its loopback REST port. A host
 * reached over SSH keeps both its keystores and that port to itself: it is refused, not guessed.
 */
final class ValidatorStatusCommand extends BaseCommand {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  final HostScope scope = new HostScope();
  URI beaconUrl;

  @Override
  public CommandSpec declare() {
    command(
        "status",
        "List the public keys of validator.keysDir and each key's state on the running chain",
        "(not deposited, pending, active, exiting, exited, slashed), from the host's beacon node;",
        "says where to get test ether and how to deposit when a key needs it.",
        "Exit 0 when every key is active or pending, 1 otherwise or when the beacon node cannot be",
        "asked. Local hosts only: an ssh host's keystores and beacon API are on that host.");
    scope.addTo(spec);
    spec.addOption(
        Specs.option(URI.class, () -> beaconUrl, v -> beaconUrl = v, "--beacon-url")
            .paramLabel("URL")
            .description(
                "Ask this beacon node API instead of the host's own (default: the consensus"
                    + " client's REST port on 127.0.0.1, from the plan). One host only.")
            .build());
    return spec;
  }

  /**
   * One host's keys.
   *
   * @param depositContract the running iteration's deposit contract, null when not known or not
   *     needed
   */
  record HostKeys(
      String host,
      String beacon,
      List<KeyState> keys,
      long needingDeposit,
      String depositContract,
      List<String> depositHelp,
      int exitCode) {}

  @Override
  public Integer call() {
    RuntimePlans inputs =
        beaconUrl == null
            ? RuntimePlans.optional(common.file(), scope)
            : new RuntimePlans(
                InventoryLoader.system().load(common.file()), Optional.empty(), null, null);
    List<Host> hosts = scope.select(inputs.inventory());
    if (beaconUrl != null && hosts.size() > 1) {
      throw InvalidInputException.of(
          "--beacon-url", "names one beacon node, for one host", "add --host NAME");
    }
    BeaconValidators beacon = new BeaconValidators(TIMEOUT);
    List<Fleet.Outcome<HostKeys>> outcomes =
        Fleet.run(
            hosts,
            Host::name,
            scope.parallel,
            host -> status(host, beaconUri(host, inputs.plan()), beacon));
    print(outcomes);
    FleetOutput.failures(outcomes, err());
    int code = FleetOutput.exitCode(outcomes);
    int keys =
        outcomes.stream()
            .filter(Fleet.Outcome::ok)
            .mapToInt(o -> o.value().exitCode())
            .max()
            .orElse(0);
    return Math.max(code, keys);
  }

  private HostKeys status(Host host, URI uri, BeaconValidators beacon) {
    List<String> held = keys(host);
    List<KeyState> states =
        ValidatorStates.states(
            held, held.isEmpty() ? Map.of() : beacon.ask(host.name(), uri, held));
    long needing = ValidatorStates.needingDeposit(states);
    String contract = needing == 0 ? null : depositContract(host);
    return new HostKeys(
        host.name(),
        uri.toString(),
        states,
        needing,
        contract,
        needing == 0 ? List.of() : ValidatorStates.depositHelp(contract),
        ValidatorStates.exitCode(states));
  }

  /** The keystores' public keys; refuses hosts whose keys this machine cannot list. */
  static List<String> keys(Host host) {
    ValidatorSpec validator = host.validator();
    if (OnHost.remote(host)) {
      throw InvalidInputException.of(
          host.name(),
          "is reached over SSH: its keystores and its beacon API (on the host's 127.0.0.1) are"
              + " out of reach from here",
          "run 'ephemery validator status' on the host itself");
    }
    if (validator == null || !validator.enabled()) {
      throw InvalidInputException.of(
          host.name(), "runs no validator (validator.enabled is not true)", "");
    }
    if (!validator.localKeys()) {
      throw InvalidInputException.of(
          host.name(),
          "its keys are held by the remote signer "
              + validator.remoteSigner()
              + ", not listed here",
          "ask the signer: GET /api/v1/eth2/publicKeys");
    }
    Path dir = Path.of(validator.keysDir());
    if (!Files.isDirectory(dir)) {
      throw InvalidInputException.of(
          host.name() + ".validator.keysDir",
          "'" + dir + "' is not a directory on this machine",
          "see 'ephemery check'");
    }
    try {
      return ValidatorKeyFiles.pubkeys(dir);
    } catch (IOException e) {
      throw new OperationalException(
          host.name() + ".validator.keysDir", "cannot list '" + dir + "'", "check its permissions");
    }
  }

  /** --beacon-url, else the consensus client's REST port as the plan publishes it on loopback. */
  private URI beaconUri(Host host, Optional<dev.ephemery.plan.Plan> plan) {
    if (beaconUrl != null) {
      return beaconUrl;
    }
    Optional<HostPlan> hostPlan = HostScope.hostPlan(plan, host.name());
    return hostPlan
        .flatMap(ValidatorStatusCommand::restPort)
        .map(port -> URI.create("http://127.0.0.1:" + port))
        .orElseThrow(
            () ->
                new OperationalException(
                    host.name(),
                    hostPlan.isEmpty()
                        ? "no plan to find the beacon node's REST port in (no release cached)"
                        : "the plan publishes no REST port of the beacon node",
                    "run 'ephemery up' first, or give --beacon-url URL"));
  }

  /** The host side of the beacon node's {@code http} port, published on 127.0.0.1. */
  static Optional<Integer> restPort(HostPlan plan) {
    for (Service service : plan.services()) {
      if (service.role() == Role.CONSENSUS && !service.runOnce()) {
        for (PortBinding port : service.ports()) {
          if (port.name().equals("http") && port.host() != null) {
            return Optional.of(port.host());
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The running release's deposit_contract.txt, first line; null when none is installed. */
  static String depositContract(Host host) {
    try {
      Path file =
          ValidatorCommand.ImportSlashing.installedTestnet(Path.of(host.baseDir()))
              .resolve("deposit_contract.txt");
      String text = Files.isRegularFile(file) ? Files.readString(file).strip() : "";
      String first = text.lines().findFirst().orElse("").strip();
      return first.matches("0x[0-9a-fA-F]{40}") ? first : null;
    } catch (IOException | OperationalException noneInstalled) {
      return null;
    }
  }

  private void print(List<Fleet.Outcome<HostKeys>> outcomes) {
    Printer printer = printer();
    if (printer.json()) {
      printer.printJson(outcomes.stream().map(ValidatorStatusCommand::json).toList());
      return;
    }
    for (Fleet.Outcome<HostKeys> outcome : outcomes) {
      if (!outcome.ok()) {
        printer.line(outcome.host() + ": NOT CHECKED");
        continue;
      }
      HostKeys h = outcome.value();
      printer.line(
          h.host()
              + ": "
              + (h.exitCode() == 0 ? "OK" : "ATTENTION")
              + " ("
              + Plural.of(h.keys().size(), "key")
              + ", beacon node "
              + h.beacon()
              + ")");
      for (KeyState key : h.keys()) {
        printer.line(
            String.format(
                    "  %s  %-13s %s",
                    key.pubkey(),
                    key.state().label(),
                    key.status() == null ? "" : key.status() + ", index " + key.index())
                .stripTrailing());
      }
      if (h.needingDeposit() > 0) {
        printer.line("  " + Plural.of(h.needingDeposit(), "key") + " not deposited on this chain:");
        h.depositHelp().forEach(line -> printer.line("    " + line));
      }
    }
    if (outcomes.size() > 1) {
      printer.line(FleetOutput.summary(outcomes));
    }
  }

  private static Map<String, Object> json(Fleet.Outcome<HostKeys> o) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("host", o.host());
    map.put("checked", o.ok());
    if (!o.ok()) {
      map.put("problems", o.problems().stream().map(p -> p.describe()).toList());
      return map;
    }
    HostKeys h = o.value();
    map.put("ok", h.exitCode() == 0);
    map.put("beacon", h.beacon());
    map.put(
        "keys",
        h.keys().stream()
            .map(
                k -> {
                  Map<String, Object> key = new LinkedHashMap<>();
                  key.put("pubkey", k.pubkey());
                  key.put("state", k.state().label());
                  key.put("status", k.status());
                  key.put("index", k.index());
                  return key;
                })
            .toList());
    if (h.needingDeposit() > 0) {
      Map<String, Object> deposit = new LinkedHashMap<>();
      deposit.put("keys", h.needingDeposit());
      deposit.put("faucets", ValidatorStates.FAUCETS);
      deposit.put("launchpad", ValidatorStates.LAUNCHPAD);
      deposit.put("depositContract", h.depositContract());
      map.put("deposit", deposit);
    }
    return map;
  }
}
