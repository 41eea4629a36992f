package dev.ephemery.plan;

import dev.ephemery.client.Args;
import dev.ephemery.client.ClientProfile;
import dev.ephemery.client.Tuning;
import dev.ephemery.common.Problem;
import dev.ephemery.inventory.Flavor;
import dev.ephemery.network.Release;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pre-flight checks of one container's {@code extraArgs} against the command its profile
 * generates: the binary repeated, {@code --network ephemery}, a wrong network id, flags the wrapper
 * manages, removed flags, arguments a shell would split, and flags that repeat the plan's wiring. A
 * flag that tunes one of the profile's defaults is not refused: it replaces the plan's value
 * ({@link Tuning}, which the planner asks too). Pure.
 */
final class ExtraArgsCheck {
  private static final Set<String> NETWORK_ID_FLAGS = Set.of("--networkid", "--network-id");

  private final String where;
  private final ClientProfile profile;
  private final Flavor flavor;
  private final String image;
  private final Release release;
  private final List<String> generated;

  /** Flags already reported, so one flag gets one problem. */
  private final Set<String> reported = new HashSet<>();

  private final List<Problem> problems = new ArrayList<>();

  /**
   * @param where the key path of the extraArgs, e.g. {@code hosts[0].execution.extraArgs}
   * @param image the image the container runs
   * @param generated the command the profile generates for this host
   */
  ExtraArgsCheck(
      String where,
      ClientProfile profile,
      Flavor flavor,
      String image,
      Release release,
      List<String> generated) {
    this.where = where;
    this.profile = profile;
    this.flavor = flavor;
    this.image = image;
    this.release = release;
    this.generated = generated;
  }

  List<Problem> check(List<String> extraArgs) {
    binaryRepeated(extraArgs);
    networkEphemery(extraArgs);
    networkIds(extraArgs);
    wrapperManaged(extraArgs);
    removed(extraArgs);
    shellSplit(extraArgs);
    wiring(extraArgs);
    return List.copyOf(problems);
  }

  private void binaryRepeated(List<String> extraArgs) {
    String entrypointBinary = profile.entrypointBinary(flavor);
    String binary = entrypointBinary != null ? entrypointBinary : generated.get(0);
    for (int j = 0; j < extraArgs.size(); j++) {
      String token = extraArgs.get(j);
      if (!token.equals(binary) && !token.endsWith("/" + binary)) {
        continue;
      }
      problems.add(
          Problem.at(
              where + "[" + j + "]",
              0,
              "extraArgs repeat the binary name '"
                  + token
                  + "': "
                  + image
                  + (entrypointBinary != null
                      ? "'s entrypoint already runs " + binary
                      : " gets '" + String.join(" ", generated.subList(0, 2)) + "' from the plan")
                  + ", so the container would run '"
                  + binary
                  + " "
                  + token
                  + " ...' and fail (invalid command: \""
                  + token
                  + "\")",
              "remove '" + token + "' from " + where + "; give only the options"));
    }
  }

  private void networkEphemery(List<String> extraArgs) {
    Optional<String> network = Args.valueOf(extraArgs, "--network");
    if (network.isEmpty() || !network.get().equalsIgnoreCase("ephemery")) {
      return;
    }
    reported.add("--network");
    problems.add(
        Problem.at(
            where,
            0,
            profile.builtInEphemery()
                ? profile.id()
                    + "'s built-in Ephemery network (--network ephemery) can be"
                    + " stale (older reset period and forks) and contradicts the release files"
                    + " the plan passes"
                : profile.id()
                    + " has no built-in Ephemery network: --network ephemery fails"
                    + " with \"invalid value 'ephemery' for '--network'\"",
            "remove --network ephemery from "
                + where
                + ": the plan already points "
                + profile.id()
                + " at the release files of iteration "
                + release.iteration()
                + wiringNote()));
  }

  private void networkIds(List<String> extraArgs) {
    Set<String> flags = new LinkedHashSet<>(profile.networkIdFlags());
    flags.addAll(NETWORK_ID_FLAGS);
    for (String flag : flags) {
      Optional<String> value = Args.valueOf(extraArgs, flag);
      if (value.isEmpty() || value.get().equals(release.chainId().toString())) {
        continue;
      }
      reported.add(flag);
      problems.add(
          Problem.at(
              where,
              0,
              "network id "
                  + value.get()
                  + " ("
                  + flag
                  + ") is not iteration "
                  + release.iteration()
                  + "'s chain id "
                  + release.chainId()
                  + ": the node would find no peers",
              "remove "
                  + flag
                  + " from "
                  + where
                  + ": the plan sets it from the release"
                  + " (it changes every iteration)"));
    }
  }

  private void wrapperManaged(List<String> extraArgs) {
    if (flavor != Flavor.WRAPPER) {
      return;
    }
    for (String flag : profile.wrapperManagedFlags()) {
      if (!reported.contains(flag) && Args.flagNames(extraArgs).contains(flag)) {
        reported.add(flag);
        problems.add(
            Problem.at(
                where,
                0,
                "the wrapper image sets "
                    + flag
                    + " itself for each iteration; a value given"
                    + " here wins silently and goes stale at the next reset",
                "remove " + flag + " from " + where));
      }
    }
  }

  private void removed(List<String> extraArgs) {
    Map<String, String> removed = profile.removedFlags();
    for (String flag : Args.flagNames(extraArgs)) {
      if (removed.containsKey(flag) && reported.add(flag)) {
        String replacement = removed.get(flag);
        problems.add(
            Problem.at(
                where,
                0,
                flag
                    + " was removed from "
                    + profile.id()
                    + " (or no longer works) and "
                    + image
                    + " fails to start with it",
                replacement.isEmpty()
                    ? "remove " + flag + " from " + where
                    : "use " + replacement + " instead of " + flag));
      }
    }
  }

  private void shellSplit(List<String> extraArgs) {
    if (!profile.argumentsPassThroughShell()) {
      return;
    }
    for (int j = 0; j < extraArgs.size(); j++) {
      String token = extraArgs.get(j);
      if (token.equals("*") || token.chars().anyMatch(Character::isWhitespace)) {
        problems.add(
            Problem.at(
                where + "[" + j + "]",
                0,
                "'"
                    + token
                    + "': "
                    + profile.id()
                    + "'s entry script re-joins arguments"
                    + " through a shell, so "
                    + (token.equals("*")
                        ? "a bare * is expanded to file names"
                        : "a value with spaces is split"),
                "write each option as one token without spaces, e.g. --host-allowlist=*"));
      }
    }
  }

  /** A generated flag given again, unless it is a tunable default the user's value replaces. */
  private void wiring(List<String> extraArgs) {
    Map<String, String> generatedValues = new LinkedHashMap<>();
    for (String flag : Args.flagNames(generated)) {
      generatedValues.putIfAbsent(flag, Args.valueOf(generated, flag).orElse(""));
    }
    Set<String> tuned = Tuning.replaced(profile, generated, extraArgs);
    for (String flag : new LinkedHashSet<>(Args.flagNames(extraArgs))) {
      if (reported.contains(flag)
          || !generatedValues.containsKey(flag)
          || tuned.contains(flag)
          || profile.repeatableFlags().contains(flag)) {
        continue;
      }
      String planned = generatedValues.get(flag);
      boolean same = planned.equals(Args.valueOf(extraArgs, flag).orElse(""));
      problems.add(
          Problem.at(
              where,
              0,
              flag
                  + (same ? " duplicates" : " contradicts")
                  + " what the plan sets ("
                  + flag
                  + (planned.isEmpty() ? "" : "=" + planned)
                  + ")"
                  + (same ? "" : ": the client would get both values"),
              "remove "
                  + flag
                  + " from "
                  + where
                  + "; the plan owns it (ports: use p2pPort, execution.rpcPort for the"
                  + " JSON-RPC host port or consensus.restPort for the beacon API's; endpoints"
                  + " and paths are wired between the node's containers)"));
    }
  }

  /** Where the plan already points the client at the release, for the hint. */
  private String wiringNote() {
    for (String flag :
        List.of(
            "--testnet-dir",
            "--network",
            "--genesis-file",
            "--Init.ChainSpecPath",
            "--chain",
            "--networkid",
            "--paramsFile",
            "--chain-config-file",
            "--configuration-directory")) {
      Optional<String> value = Args.valueOf(generated, flag);
      if (value.isPresent()) {
        return " (" + flag + "=" + value.get() + ")";
      }
    }
    return "";
  }
}
