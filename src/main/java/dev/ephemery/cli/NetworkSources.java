package dev.ephemery.cli;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.release.Downloader;
import dev.ephemery.release.EtagStore;
import dev.ephemery.release.GitHubReleases;
import dev.ephemery.release.ReleaseSource;
import dev.ephemery.release.ReleaseSources;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The published release sources in their fallback order (GitHub API, release asset, ephemery.dev),
 * with base URLs from options, then the environment, then the defaults. One place for every command
 * that fetches.
 *
 * @param githubApi --github-api, or null
 * @param downloadBase --download-base, or null
 * @param mirror --mirror, or null
 */
record NetworkSources(String githubApi, String downloadBase, String mirror) {

  static final NetworkSources DEFAULTS = new NetworkSources(null, null, null);

  /** The sources, sharing one HTTP client and downloader; progress drawn on {@code progress}. */
  List<ReleaseSource> create(
      Map<String, String> env, Path cacheRoot, Downloader.Settings settings, PrintStream progress) {
    // Created only when the network is used: the JDK client loads the TLS trust store at once.
    var client = Downloader.defaultClient(Duration.ofSeconds(15));
    Downloader downloader = new Downloader(client, settings, progress);
    GitHubReleases api = gitHub(env, cacheRoot, client, settings, Clock.systemUTC());
    return List.of(
        ReleaseSources.gitHubApi(api, downloader),
        ReleaseSources.assetUrl(
            uri(
                "--download-base",
                choose(downloadBase, env.get("EPHEMERY_DOWNLOAD_BASE"), ReleaseSources.GITHUB)),
            ReleaseSources.REPOSITORY,
            downloader),
        ReleaseSources.ephemeryDev(
            uri(
                "--mirror",
                choose(mirror, env.get("EPHEMERY_MIRROR"), ReleaseSources.EPHEMERY_DEV)),
            downloader));
  }

  /** The GitHub releases API client: base URL, optional token, ETags kept beside the cache. */
  GitHubReleases gitHub(
      Map<String, String> env,
      Path cacheRoot,
      HttpClient client,
      Downloader.Settings settings,
      Clock clock) {
    return new GitHubReleases(
        client,
        uri(
            "--github-api",
            choose(githubApi, env.get("EPHEMERY_GITHUB_API"), ReleaseSources.GITHUB_API)),
        ReleaseSources.REPOSITORY,
        Optional.ofNullable(env.get("GITHUB_TOKEN")),
        EtagStore.at(cacheRoot.resolve(".github-etags.json")),
        clock,
        settings);
  }

  private static String choose(String option, String env, URI fallback) {
    if (option != null) {
      return option;
    }
    return env != null && !env.isBlank() ? env : fallback.toString();
  }

  static URI uri(String where, String text) {
    try {
      URI uri = new URI(text);
      if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
        throw new URISyntaxException(text, "only http and https are supported");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw InvalidInputException.of(where, "not a usable URL: " + text, e.getReason());
    }
  }
}
