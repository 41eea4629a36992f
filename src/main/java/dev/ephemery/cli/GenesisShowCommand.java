package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.network.IterationFormula;
import dev.ephemery.network.IterationInfo;
import dev.ephemery.network.Release;
import dev.ephemery.network.ReleaseVerifier;
import dev.ephemery.release.ReleaseReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

final class GenesisShowCommand extends BaseCommand {

  static Clock clock = Clock.systemUTC();

  String at;

  Path release;

  @Override
  public CommandSpec declare() {
    command(
        "show",
        "Show the iteration running at an instant (default: now): number, chain id, genesis times,"
            + " next reset.",
        "From a release folder or tar.gz when --release is given, otherwise predicted from the"
            + " schedule formula (a published release can differ).");
    spec.addOption(
        Specs.option(String.class, () -> at, v -> at = v, "--at")
            .paramLabel("INSTANT")
            .description("ISO-8601 instant, e.g. 2025-11-21T00:00:00Z (default: now).")
            .build());
    spec.addOption(
        Specs.option(Path.class, () -> release, v -> release = v, "--release")
            .paramLabel("PATH")
            .description("A release folder or testnet-all.tar.gz; it is verified first.")
            .build());
    return spec;
  }

  @Override
  public Integer call() throws IOException {
    Instant instant = instant();
    Optional<String> unsupported = IterationFormula.unsupported(instant);
    IterationInfo info;
    Optional<IterationInfo> ranInstead = Optional.empty();
    if (release == null) {
      if (unsupported.isPresent()) {
        throw InvalidInputException.of(
            "--at",
            instant + " is " + unsupported.get(),
            "give an instant from " + IterationFormula.WEEKLY_START + " on");
      }
      info = IterationFormula.predict(instant);
    } else {
      Release verified =
          ReleaseVerifier.verify(ReleaseReader.read(release)).requireValid(release.toString());
      if (instant.isAfter(IterationFormula.LATEST)) {
        throw InvalidInputException.of("--at", instant + " is " + unsupported.orElseThrow(), "");
      }
      try {
        info = IterationInfo.at(verified, instant);
      } catch (IllegalArgumentException e) {
        throw InvalidInputException.of("--at", e.getMessage(), "");
      }
      if (instant.isBefore(verified.elGenesisTime()) && unsupported.isEmpty()) {
        // The release cannot say what ran before it; the schedule can, as a prediction.
        ranInstead = Optional.of(IterationFormula.predict(instant));
      }
    }
    print(info, instant, ranInstead, unsupported);
    return 0;
  }

  private Instant instant() {
    if (at == null) {
      return clock.instant();
    }
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw InvalidInputException.of(
          "--at", "not an ISO-8601 instant: " + at, "write it like 2025-11-21T00:00:00Z");
    }
  }

  private void print(
      IterationInfo info,
      Instant instant,
      Optional<IterationInfo> ranInstead,
      Optional<String> unknownBefore) {
    Printer printer = printer();
    boolean started = !instant.isBefore(info.elGenesisTime());
    String source = info.source().name().toLowerCase(java.util.Locale.ROOT);
    if (printer.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("at", instant.toString());
      json.put("iteration", info.iteration().number());
      json.put("releaseTag", info.iteration().releaseTag());
      json.put("chainId", info.chainId().value());
      json.put("elGenesisTime", info.elGenesisTime().toString());
      json.put("clGenesisTime", info.clGenesisTime().toString());
      json.put("resetPeriod", info.resetPeriod().toSeconds());
      json.put("nextReset", info.nextReset().toString());
      json.put("source", source);
      json.put("started", started);
      if (release != null) {
        json.put("release", release.toString());
      }
      if (!started) {
        json.put("ranInstead", ranInstead.map(GenesisShowCommand::brief).orElse(null));
      }
      printer.printJson(json);
      return;
    }
    String origin =
        switch (info.source()) {
          case PREDICTED -> "predicted from the schedule formula (the published release decides)";
          case RELEASE -> "from release " + release;
          case PROJECTED -> "projected from release " + release + " with its reset period";
        };
    if (!started) {
      printer.line(
          "release "
              + release
              + " (iteration "
              + info.iteration()
              + ") had not started at "
              + instant
              + ": its EL genesis is "
              + info.elGenesisTime());
      printer.line(
          ranInstead
              .map(
                  ran ->
                      "running then: iteration "
                          + ran.iteration()
                          + " (chain id "
                          + ran.chainId()
                          + ", EL genesis "
                          + ran.elGenesisTime()
                          + "), predicted from the schedule formula")
              .orElse(
                  "running then: not known (" + instant + " is " + unknownBefore.orElse("") + ")"));
    }
    printer.line(
        "iteration    " + info.iteration() + " (chain id " + info.chainId() + "), " + origin);
    printer.line("EL genesis   " + info.elGenesisTime());
    printer.line("CL genesis   " + info.clGenesisTime());
    printer.line("reset period " + info.resetPeriod().toSeconds() + " s");
    printer.line("next reset   " + info.nextReset());
  }

  private static Map<String, Object> brief(IterationInfo info) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("iteration", info.iteration().number());
    json.put("chainId", info.chainId().value());
    json.put("elGenesisTime", info.elGenesisTime().toString());
    json.put("source", info.source().name().toLowerCase(java.util.Locale.ROOT));
    return json;
  }
}
