package dev.ephemery.cli;

import dev.ephemery.client.ClientProfile;
import dev.ephemery.client.ClientProfiles;
import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.Problem;
import dev.ephemery.inventory.Addresses;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Flavor;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.inventory.InventoryParser;
import dev.ephemery.inventory.InventoryTemplates;
import dev.ephemery.inventory.InventoryTemplates.InitOptions;
import dev.ephemery.inventory.Suggestions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ephemery init}: writes a commented inventory that {@code ephemery check} accepts. */
final class InitCommand extends BaseCommand {

  String el = "geth";

  String cl = "lighthouse";

  boolean validator;

  String flavor = "upstream";

  List<String> hosts = new ArrayList<>();

  final InventoryOutput output = new InventoryOutput();

  @Override
  public CommandSpec declare() {
    command("init", "Write a commented inventory (default ./ephemery.yaml) to start from.");
    spec.addOption(
        Specs.option(String.class, () -> el, v -> el = v, "--el")
            .paramLabel("CLIENT")
            .description("Execution client: geth, nethermind, besu, erigon, reth (default: geth).")
            .build());
    spec.addOption(
        Specs.option(String.class, () -> cl, v -> cl = v, "--cl")
            .paramLabel("CLIENT")
            .description(
                "Consensus client: lighthouse, teku, prysm, nimbus, lodestar, grandine (default:"
                    + " lighthouse).")
            .build());
    spec.addOption(
        Specs.flag(() -> validator, v -> validator = v, "--validator")
            .description("Enable a validator client.")
            .build());
    spec.addOption(
        Specs.option(String.class, () -> flavor, v -> flavor = v, "--flavor")
            .paramLabel("FLAVOR")
            .description("upstream (client images + release files) or wrapper (pk910/ephemery-*).")
            .build());
    spec.addOption(
        Specs.list(String.class, () -> hosts, v -> hosts = v, "--host")
            .paramLabel("ADDRESS")
            .description(
                "A host, ssh://user@host[:port] or local; repeat for more (default: one local host).")
            .build());
    output.addTo(spec);
    return spec;
  }

  @Override
  public Integer call() {
    List<Problem> problems = new ArrayList<>();
    Optional<ExecutionClient> execution = ExecutionClient.byId(lower(el));
    if (execution.isEmpty()) {
      problems.add(unsupported("--el", el, "execution client", ExecutionClient.ids()));
    }
    Optional<ConsensusClient> consensus = ConsensusClient.byId(lower(cl));
    if (consensus.isEmpty()) {
      problems.add(unsupported("--cl", cl, "consensus client", ConsensusClient.ids()));
    }
    Optional<Flavor> chosenFlavor = Flavor.byId(lower(flavor));
    if (chosenFlavor.isEmpty()) {
      problems.add(
          unsupported(
              "--flavor",
              flavor,
              "flavor",
              Arrays.stream(Flavor.values()).map(Flavor::id).toList()));
    }
    for (String host : hosts) {
      Addresses.Parsed parsed = Addresses.parse(host);
      if (!parsed.ok()) {
        problems.add(Problem.at("--host", 0, parsed.error(), parsed.hint()));
      }
    }
    if (problems.isEmpty() && chosenFlavor.get() == Flavor.WRAPPER) {
      problems.addAll(wrapperMissing(execution.get(), consensus.get(), validator));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    InventoryLoader loader = InventoryLoader.system();
    String text =
        InventoryTemplates.initText(
            new InitOptions(execution.get(), consensus.get(), validator, chosenFlavor.get(), hosts),
            loader.facts());
    Path target = output.target();
    // What init writes must pass check: parse it before it reaches the disk.
    Inventory inventory = InventoryParser.parse(text, target.toString());
    output.write(text);

    Printer printer = printer();
    if (printer.json()) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("written", target.toString());
      report.put("hosts", inventory.hosts().stream().map(CheckCommand::summary).toList());
      printer.printJson(report);
    } else {
      printer.line("wrote " + target);
      inventory.hosts().forEach(h -> printer.line("  " + CheckCommand.summary(h)));
      if (validator) {
        // Only the operator has keys and an address: check reports these until they are set.
        printer.line(
            "next: set validator.feeRecipient, and validator.keysDir with passwordFile or"
                + " passwordsDir (or remoteSigner) in "
                + target
                + ", then run 'ephemery check -f "
                + target
                + "'");
      } else {
        printer.line("next: review it, then run 'ephemery check -f " + target + "'");
      }
    }
    return 0;
  }

  /**
   * The wrapper flavor needs a pk910 image for every client of the stack; name each one that has
   * none.
   */
  static List<Problem> wrapperMissing(
      ExecutionClient execution, ConsensusClient consensus, boolean validator) {
    List<ClientProfile> stack = new ArrayList<>();
    stack.add(ClientProfiles.execution(execution));
    stack.add(ClientProfiles.beacon(consensus));
    if (validator) {
      ClientProfiles.validator(consensus).ifPresent(stack::add);
    }
    return stack.stream()
        .filter(profile -> profile.wrapperImage().isEmpty())
        .map(
            profile ->
                Problem.at(
                    "--flavor",
                    0,
                    "flavor wrapper is not available for "
                        + profile.id()
                        + " ("
                        + profile.wrapperUnsupportedReason()
                        + ")",
                    "use --flavor upstream, or a client with a pk910/ephemery-* image"))
        .toList();
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private static Problem unsupported(String option, String value, String what, List<String> ids) {
    return Problem.at(
        option,
        0,
        "'" + value + "' is not a supported " + what,
        Suggestions.didYouMean(lower(value), ids) + "supported: " + String.join(", ", ids));
  }
}
