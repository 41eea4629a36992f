package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.ssh.HostTrust;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ephemery hosts}: host-level chores. */
final class HostsCommand implements Runnable, DeclaredCommand {

  CommandSpec spec;

  @Override
  public CommandSpec declare() {
    spec =
        Specs.command(
            this, "hosts", "Host chores: trusting a host's SSH key, preparing a host for a node.");
    spec.addSubcommand("trust", new Trust().declare());
    spec.addSubcommand("prepare", new HostsPrepareCommand().declare());
    return spec;
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: trust, prepare");
  }

  static final class Trust extends BaseCommand {

    String name;

    boolean yes;

    @Override
    public CommandSpec declare() {
      command(
          "trust",
          "Fetch a host's SSH key, show its fingerprint and add it to known_hosts (the host's",
          "knownHostsFile or ~/.ssh/known_hosts) after confirmation or with --yes.");
      spec.addPositional(
          Specs.positional(String.class, () -> name, v -> name = v, "NAME")
              .description("The inventory host.")
              .build());
      spec.addOption(
          Specs.flag(() -> yes, v -> yes = v, "--yes")
              .description("Add the key without asking.")
              .build());
      return spec;
    }

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
      HostTarget target = HostTarget.of(host);
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
