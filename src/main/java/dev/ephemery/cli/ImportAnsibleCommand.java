package dev.ephemery.cli;

import dev.ephemery.client.ClientProfiles;
import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.Problem;
import dev.ephemery.inventory.AnsibleImport;
import dev.ephemery.inventory.Host;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ephemery import ansible FILE}: an Ansible YAML inventory to a commented ephemery.yaml. */
final class ImportAnsibleCommand extends BaseCommand {

  Path ansibleFile;

  final InventoryOutput output = new InventoryOutput();

  @Override
  public CommandSpec declare() {
    command(
        "ansible",
        "Convert a YAML Ansible inventory of the earlier Ansible deployment into an ephemery.yaml.",
        "Lists every key it did not map; exit 2 when a value cannot be mapped.");
    spec.addPositional(
        Specs.positional(Path.class, () -> ansibleFile, v -> ansibleFile = v, "ANSIBLE_INVENTORY")
            .description("The Ansible inventory (YAML).")
            .build());
    output.addTo(spec);
    return spec;
  }

  @Override
  public Integer call() {
    String name = ansibleFile.toString();
    Path target = output.target();
    AnsibleImport.Result result;
    try {
      result =
          AnsibleImport.convert(
              InventoryLoader.readText(ansibleFile, name), name, ClientProfiles::renamedFlags);
    } catch (InvalidInputException e) {
      result = new AnsibleImport.Result(null, List.of(), List.of(), List.of(), e.problems());
    }
    List<Problem> problems =
        result.problems().stream()
            .map(p -> p.where().isEmpty() ? Problem.at(name, p.line(), p.message(), p.hint()) : p)
            .toList();
    if (problems.isEmpty()) {
      try {
        output.write(result.yaml());
      } catch (InvalidInputException e) {
        problems = e.problems();
      }
    }
    Printer printer = printer();
    if (printer.json()) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("ok", problems.isEmpty());
      report.put("source", name);
      report.put("written", problems.isEmpty() ? target.toString() : null);
      report.put("hosts", result.hosts().stream().map(Host::name).toList());
      report.put(
          "unmapped",
          result.unmapped().stream()
              .map(u -> Map.of("origin", u.origin(), "key", u.key(), "reason", u.reason()))
              .toList());
      report.put("notes", result.notes());
      report.put("problems", problems.stream().map(CheckCommand::json).toList());
      printer.printJson(report);
      return problems.isEmpty() ? 0 : 2;
    }
    if (!problems.isEmpty()) {
      // Everything at once: what was left out and the notes come with the errors, so fixing the
      // errors brings no new surprises.
      printLeftOut(printer, result);
      throw new InvalidInputException(problems);
    }
    printer.line("wrote " + target + " from " + name);
    result.hosts().forEach(h -> printer.line("  " + CheckCommand.summary(h)));
    printLeftOut(printer, result);
    printer.line("next: review it, then run 'ephemery check -f " + target + "'");
    return 0;
  }

  private static void printLeftOut(Printer printer, AnsibleImport.Result result) {
    if (result.unmapped().isEmpty()) {
      printer.line("every key was mapped");
    } else {
      printer.line("not mapped (" + result.unmapped().size() + "):");
      result.unmapped().forEach(u -> printer.line("  " + u.describe()));
    }
    result.notes().forEach(n -> printer.line("note: " + n));
  }
}
