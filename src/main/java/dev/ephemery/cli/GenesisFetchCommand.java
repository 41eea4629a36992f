package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.release.Downloader;
import dev.ephemery.release.InstalledRelease;
import dev.ephemery.release.ReleaseCache;
import dev.ephemery.release.ReleaseFetcher;
import dev.ephemery.release.ReleaseSource;
import dev.ephemery.release.ReleaseSources;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

final class GenesisFetchCommand extends BaseCommand {

  String iteration;

  String url;

  Path from;

  Path dest;

  String githubApi;

  String downloadBase;

  String mirror;

  int attempts;

  @Override
  public CommandSpec declare() {
    command(
        "fetch",
        "Download a release, verify it and install it into the release cache; prints its folder.",
        "Sources, in order: the GitHub releases API, the release asset URL, the ephemery.dev copy"
            + " (or only --url / --from when given). A release that fails verification is never"
            + " installed.");
    spec.addOption(
        Specs.option(String.class, () -> iteration, v -> iteration = v, "--iteration")
            .paramLabel("N|latest")
            .defaultValue("latest")
            .description("Which iteration (default: ${DEFAULT-VALUE}).")
            .build());
    spec.addOption(
        Specs.option(String.class, () -> url, v -> url = v, "--url")
            .paramLabel("URL")
            .description("Fetch this testnet-all.tar.gz only.")
            .build());
    spec.addOption(
        Specs.option(Path.class, () -> from, v -> from = v, "--from")
            .paramLabel("PATH")
            .description("Install from a local release folder or tar.gz instead of the network.")
            .build());
    spec.addOption(
        Specs.option(Path.class, () -> dest, v -> dest = v, "--dest")
            .paramLabel("DIR")
            .description(
                "Release cache folder (default: $EPHEMERY_RELEASE_CACHE, else"
                    + " $XDG_CACHE_HOME/ephemery/releases, else ~/.cache/ephemery/releases).")
            .build());
    spec.addOption(
        Specs.option(String.class, () -> githubApi, v -> githubApi = v, "--github-api")
            .paramLabel("URL")
            .description(
                "GitHub API base (default: $EPHEMERY_GITHUB_API or https://api.github.com).")
            .build());
    spec.addOption(
        Specs.option(String.class, () -> downloadBase, v -> downloadBase = v, "--download-base")
            .paramLabel("URL")
            .description(
                "Release asset host (default: $EPHEMERY_DOWNLOAD_BASE or https://github.com).")
            .build());
    spec.addOption(
        Specs.option(String.class, () -> mirror, v -> mirror = v, "--mirror")
            .paramLabel("URL")
            .description(
                "The ephemery.dev copy (default: $EPHEMERY_MIRROR or https://ephemery.dev).")
            .build());
    spec.addOption(
        Specs.option(int.class, () -> attempts, v -> attempts = v, "--attempts")
            .paramLabel("N")
            .defaultValue("4")
            .description(
                "Tries per URL on 5xx, timeouts and truncation (default: ${DEFAULT-VALUE}).")
            .build());
    return spec;
  }

  @Override
  public Integer call() {
    Map<String, String> env = System.getenv();
    Optional<String> tag = tag();
    if (attempts < 1 || attempts > 10) {
      throw InvalidInputException.of("--attempts", "must be 1 to 10: " + attempts, "");
    }
    Downloader.Settings settings =
        new Downloader.Settings(
            attempts,
            Duration.ofSeconds(2),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            Downloader.Settings.DEFAULT.maxBytes());
    Path root =
        dest != null ? dest : ReleaseCache.defaultRoot(env, System.getProperty("user.home"));
    ReleaseCache cache = new ReleaseCache(root);

    List<ReleaseSource> sources = new ArrayList<>();
    if (from != null) {
      sources.add(ReleaseSources.local(from));
    } else {
      // Draw a progress bar only for a person watching; scripts and logs get none.
      // On Java 17, which the tool targets, console() is null without a terminal (JDK 22 changed
      // that).
      @SuppressWarnings("SystemConsoleNull")
      PrintStream progress = System.console() != null && !common.json() ? System.err : null;
      if (url != null) {
        var client = Downloader.defaultClient(Duration.ofSeconds(15));
        sources.add(
            ReleaseSources.url(
                NetworkSources.uri("--url", url), new Downloader(client, settings, progress)));
      } else {
        sources.addAll(
            new NetworkSources(githubApi, downloadBase, mirror)
                .create(env, root, settings, progress));
      }
    }
    InstalledRelease installed = new ReleaseFetcher(sources, cache).fetch(tag);
    Printer printer = printer();
    if (printer.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("folder", installed.folder().toString());
      json.put("iteration", installed.release().iteration().number());
      json.put("chainId", installed.release().chainId().value());
      json.put("elGenesisTime", installed.release().elGenesisTime().toString());
      json.put("clGenesisTime", installed.release().clGenesisTime().toString());
      json.put("sha256", installed.sha256());
      json.put("origin", installed.origin());
      printer.printJson(json);
    } else {
      printer.line(installed.folder().toString());
    }
    return 0;
  }

  private Optional<String> tag() {
    if (iteration == null || iteration.equalsIgnoreCase("latest")) {
      return Optional.empty();
    }
    try {
      int number = Integer.parseInt(iteration);
      if (number < 0) {
        throw new NumberFormatException();
      }
      return Optional.of("ephemery-" + number);
    } catch (NumberFormatException e) {
      throw InvalidInputException.of(
          "--iteration",
          "not an iteration number or 'latest': " + iteration,
          "e.g. --iteration 153");
    }
  }
}
