package dev.ephemery.plan;

import dev.ephemery.network.Release;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises checkpoint-sync URLs of other networks (a Holesky URL once reached production), and
 * judges what a checkpoint endpoint answered. Pure: the HTTP probe lives in an adapter.
 */
public final class CheckpointUrls {
  private static final Pattern URL = Pattern.compile("^(https?)://([^/:?#@]+)(:\\d+)?([/?#].*)?$");

  /** Networks whose name appears in their checkpoint providers' host names. */
  private static final List<String> OTHER_NETWORKS =
      List.of("mainnet", "holesky", "sepolia", "hoodi", "goerli", "gnosis", "chiado");

  /** Providers of another network whose host name does not say which. */
  private static final List<String> KNOWN_OTHER_HOSTS =
      List.of(
          "sync.invis.tools=mainnet",
          "beaconstate.info=mainnet",
          "mainnet.checkpoint.sigp.io=mainnet",
          "beaconstate.ethstaker.cc=mainnet",
          "sync-mainnet.beaconcha.in=mainnet");

  /** Ephemery providers, for the hint (ephemery-resources README). */
  public static final List<String> EPHEMERY_PROVIDERS =
      List.of(
          "https://checkpoint-sync.ephemery.ethpandaops.io",
          "https://ephemery.beaconstate.ethstaker.cc",
          "https://checkpointz.bordel.wtf",
          "https://beaconstate-ephemery.chainsafe.dev");

  /** The host name of an http(s) URL, lower-cased; empty when it is not one. */
  public static Optional<String> hostName(String url) {
    Matcher matcher = URL.matcher(url.trim());
    return matcher.matches()
        ? Optional.of(matcher.group(2).toLowerCase(Locale.ROOT))
        : Optional.empty();
  }

  /** The other network a URL serves, judged by its host name. */
  public static Optional<String> otherNetwork(String url) {
    Optional<String> host = hostName(url);
    if (host.isEmpty() || host.get().contains("ephemery")) {
      return Optional.empty();
    }
    for (String known : KNOWN_OTHER_HOSTS) {
      String[] parts = known.split("=");
      if (host.get().equals(parts[0])) {
        return Optional.of(parts[1]);
      }
    }
    for (String token : host.get().split("[.-]")) {
      if (OTHER_NETWORKS.contains(token)) {
        return Optional.of(token);
      }
    }
    return Optional.empty();
  }

  /**
   * Compares the genesis_validators_root a checkpoint endpoint answered with the release's: a
   * different one means another network, or a server still on the previous iteration.
   */
  public static Optional<dev.ephemery.common.Problem> compareGenesisRoot(
      String where, String url, String answeredRoot, Release release) {
    if (answeredRoot == null || answeredRoot.equalsIgnoreCase(release.genesisValidatorsRoot())) {
      return Optional.empty();
    }
    return Optional.of(
        dev.ephemery.common.Problem.at(
            where,
            0,
            "checkpoint endpoint "
                + url
                + " serves genesis_validators_root "
                + answeredRoot
                + ", not iteration "
                + release.iteration()
                + "'s "
                + release.genesisValidatorsRoot()
                + " (another network, or a server still on an earlier iteration)",
            "use a checkpoint provider on the current iteration, e.g. "
                + EPHEMERY_PROVIDERS.get(0)
                + ", or remove checkpointSyncUrl to sync from genesis"));
  }

  private CheckpointUrls() {}
}
