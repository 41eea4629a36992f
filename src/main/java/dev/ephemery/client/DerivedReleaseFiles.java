package dev.ephemery.client;

import dev.ephemery.network.ReleaseFiles;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files a client needs beside the release's own, derived from them: every path that puts a
 * release on a host (up, the reset, the compose export) adds these to its copy, so the clients find
 * them wherever the release folder is mounted.
 */
public final class DerivedReleaseFiles {

  /** The release files the derivation reads. */
  public static final String SOURCE = "config.yaml";

  private DerivedReleaseFiles() {}

  /**
   * Relative name to content, for a release given by (at least) its {@link #SOURCE}; empty when the
   * release has no config.yaml (the release check refuses such a release before this is asked).
   */
  public static SortedMap<String, byte[]> of(ReleaseFiles release) {
    TreeMap<String, byte[]> files = new TreeMap<>();
    release
        .text(SOURCE)
        .ifPresent(
            config ->
                files.put(
                    PrysmChainConfig.FILE,
                    PrysmChainConfig.derive(config).getBytes(StandardCharsets.UTF_8)));
    return Collections.unmodifiableSortedMap(files);
  }
}
