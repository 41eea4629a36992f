package dev.ephemery.cli;

import dev.ephemery.common.ExitCode;
import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.Plural;
import dev.ephemery.common.Problem;
import dev.ephemery.network.ReleaseFiles;
import dev.ephemery.network.ReleaseVerification;
import dev.ephemery.network.ReleaseVerifier;
import dev.ephemery.release.ReleaseReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

final class GenesisVerifyCommand extends BaseCommand {

  Path path;

  String tag;

  @Override
  public CommandSpec declare() {
    command(
        "verify",
        "Check that a release's files agree with each other and that every file the supported"
            + " clients read is there.",
        "Exit 0 when the release is valid, 2 when it is not.");
    spec.addPositional(
        Specs.positional(Path.class, () -> path, v -> path = v, "PATH")
            .description("A release folder or testnet-all.tar.gz.")
            .build());
    spec.addOption(
        Specs.option(String.class, () -> tag, v -> tag = v, "--tag")
            .paramLabel("TAG")
            .description("The release tag the files should be, e.g. ephemery-153.")
            .build());
    return spec;
  }

  @Override
  public Integer call() throws IOException {
    ReleaseVerification verification;
    List<String> problems;
    try {
      ReleaseFiles files = ReleaseReader.read(path);
      verification = ReleaseVerifier.verify(files, Optional.ofNullable(tag));
      problems = verification.problemTexts();
    } catch (InvalidInputException e) {
      verification = null;
      problems = e.problems().stream().map(Problem::describe).toList();
    }
    boolean valid = verification != null && verification.valid();
    Printer printer = printer();
    if (printer.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("path", path.toString());
      json.put("valid", valid);
      json.put("iteration", verification == null ? null : verification.iteration());
      json.put("chainId", verification == null ? null : verification.chainId());
      json.put("elGenesisTime", verification == null ? null : verification.elGenesisTime());
      json.put("clGenesisTime", verification == null ? null : verification.clGenesisTime());
      json.put("resetPeriod", verification == null ? null : verification.resetPeriod());
      json.put(
          "genesisValidatorsRoot",
          verification == null ? null : verification.genesisValidatorsRoot());
      json.put("problems", problems);
      printer.printJson(json);
    } else if (valid) {
      var release = verification.release();
      printer.line(
          "valid: iteration "
              + release.iteration()
              + ", chain id "
              + release.chainId()
              + ", EL genesis "
              + release.elGenesisTime()
              + ", CL genesis "
              + release.clGenesisTime()
              + ", reset period "
              + release.resetPeriod().toSeconds()
              + " s");
    } else {
      printer.line("invalid: " + path + " (" + Plural.of(problems.size(), "problem") + ")");
      for (String problem : problems) {
        err().println("error: " + problem);
      }
    }
    return valid ? ExitCode.OK.code() : ExitCode.BAD_INPUT.code();
  }
}
