package dev.ephemery.network;

import dev.ephemery.common.InvalidInputException;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of checking a release's files against each other. The values are those most files
 * agree on (null where none could be read), so a report can show them even for an invalid release.
 *
 * @param release the release, only when there are no problems
 */
public record ReleaseVerification(
    Release release,
    List<ReleaseProblem> problems,
    Integer iteration,
    Long chainId,
    Long elGenesisTime,
    Long clGenesisTime,
    Long resetPeriod,
    String genesisValidatorsRoot) {

  public ReleaseVerification {
    problems = List.copyOf(problems);
    if (release != null && !problems.isEmpty()) {
      throw new IllegalArgumentException("a release with problems is not a verified release");
    }
  }

  public boolean valid() {
    return release != null;
  }

  public Optional<Release> verified() {
    return Optional.ofNullable(release);
  }

  public List<String> problemTexts() {
    return problems.stream().map(ReleaseProblem::describe).toList();
  }

  /** The release, or an error (exit 2) listing every problem. */
  public Release requireValid(String where) {
    if (release != null) {
      return release;
    }
    throw new InvalidInputException(
        problems.stream()
            .map(
                problem ->
                    dev.ephemery.common.Problem.at(
                        where + (problem.file().isEmpty() ? "" : "/" + problem.file()),
                        0,
                        problem.kind().code() + ": " + problem.message(),
                        problem.kind().hint()))
            .toList());
  }
}
