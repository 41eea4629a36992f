package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.runtime.DockerTarget;
import dev.ephemery.runtime.HostTrust;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ephemery hosts}: host-level chores. */
@Command(
    name = "hosts",
    mixinStandardHelpOptions = true,
    description = "Host chores, e.g. trusting a host's SSH key.",
    subcommands = {HostsCommand.Trust.class})
final class HostsCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: trust");
  }

  @Command(
      name = "trust",
      mixinStandardHelpOptions = true,
      description = {
        "Fetch a host's SSH key, show its fingerprint and add it to known_hosts (the host's",
        "knownHostsFile or ~/.ssh/known_hosts) after confirmation or with --yes."
      })
  static final class Trust extends BaseCommand {

    @Parameters(paramLabel = "NAME", description = "The inventory host.")
    String name;

    @Option(names = "--yes", description = "Add the key without asking.")
    boolean yes;

    @Override
    public Integer call() {
      Inventory inventory = InventoryLoader.system().load(common.file());
      Host host =
          inventory
              .host(name)
              .orElseThrow(
                  () ->
                      InvalidInputException.of(
                          "NAME", "no host named '" + name + "' in " + inventory.source(), ""));
      DockerTarget target = DockerTarget.of(host);
      HostTrust.Presented key = HostTrust.inspect(target);
      Printer printer = printer();
      if (!printer.json()) {
        printer.line(
            name
                + " ("
                + key.host()
                + ":"
                + key.port()
                + ") presents "
                + key.keyType()
                + " "
                + key.fingerprint());
      }
      boolean added = false;
      if (key.known() == HostTrust.Known.UNKNOWN) {
        printer.writer().flush();
        Confirm.ask(err(), "Add it to " + target.knownHostsOrDefault() + "?", yes);
        HostTrust.trust(target, key);
        added = true;
      } else if (key.known() == HostTrust.Known.CHANGED) {
        HostTrust.trust(target, key); // throws: a changed key is never replaced here
      }
      if (printer.json()) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("host", name);
        map.put("keyType", key.keyType());
        map.put("fingerprint", key.fingerprint());
        map.put("added", added);
        map.put("knownHosts", target.knownHostsOrDefault().toString());
        printer.printJson(map);
      } else {
        printer.line(added ? "added to " + target.knownHostsOrDefault() : "already trusted");
      }
      return 0;
    }
  }
}
