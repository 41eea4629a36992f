package dev.ephemery.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Plan;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Which hosts a runtime command acts on ({@code --host NAME}, {@code --all}), how many at once, and
 * where their plan comes from.
 */
final class HostScope {

  List<String> hosts = new ArrayList<>();
  boolean all;
  int parallel = 8;
  Path planFile;
  String helperImage;

  /** Adds the host selection options to a runtime command. */
  void addTo(CommandSpec spec) {
    spec.addOption(
        Specs.list(String.class, () -> hosts, v -> hosts = v, "--host")
            .paramLabel("NAME")
            .description("Act on this inventory host; repeat for more.")
            .build());
    spec.addOption(
        Specs.flag(() -> all, v -> all = v, "--all")
            .description("Act on every host of the inventory.")
            .build());
    spec.addOption(
        Specs.option(int.class, () -> parallel, v -> parallel = v, "--parallel")
            .paramLabel("N")
            .defaultValue("8")
            .description("Hosts worked on at once with --all (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        Specs.option(Path.class, () -> planFile, v -> planFile = v, "--plan")
            .paramLabel("FILE")
            .description(
                "Use this plan (JSON, the shape of 'plan --output json') instead of planning.")
            .build());
    spec.addOption(
        Specs.option(String.class, () -> helperImage, v -> helperImage = v, "--helper-image")
            .paramLabel("IMAGE")
            .description(
                "Image of the short-lived helper containers (default: $EPHEMERY_HELPER_IMAGE or "
                    + RuntimeOptions.DEFAULT_HELPER_IMAGE
                    + ").")
            .build());
  }

  String helperImage() {
    return helperImage != null ? helperImage : RuntimeOptions.helperImageFromEnvironment();
  }

  /** The selected hosts; one host needs no selection, several need --host or --all. */
  List<Host> select(Inventory inventory) {
    if (all && !hosts.isEmpty()) {
      throw InvalidInputException.of("--all", "--all and --host exclude each other", "use one");
    }
    if (all) {
      return inventory.hosts();
    }
    if (hosts.isEmpty()) {
      if (inventory.hosts().size() == 1) {
        return inventory.hosts();
      }
      throw InvalidInputException.of(
          "--host",
          "the inventory has " + inventory.hosts().size() + " hosts",
          "choose one with --host NAME, or --all");
    }
    List<Host> selected = new ArrayList<>();
    for (String name : hosts) {
      selected.add(
          inventory
              .host(name)
              .orElseThrow(
                  () ->
                      InvalidInputException.of(
                          "--host",
                          "no host named '" + name + "' in " + inventory.source(),
                          "known hosts: "
                              + String.join(
                                  ", ", inventory.hosts().stream().map(Host::name).toList()))));
    }
    return selected;
  }

  Optional<Plan> plan() {
    if (planFile == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ObjectMapper()
              .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
              .readValue(Files.readString(planFile), Plan.class));
    } catch (IOException e) {
      throw InvalidInputException.of(
          planFile.toString(), "cannot read the plan: " + e.getMessage(), "");
    }
  }

  static Optional<HostPlan> hostPlan(Optional<Plan> plan, String host) {
    return plan.flatMap(p -> p.hosts().stream().filter(h -> h.name().equals(host)).findFirst());
  }

  static HostTarget target(Host host) {
    return HostTarget.of(host);
  }
}
