package dev.ephemery.release;

import java.nio.file.Path;
import java.util.Optional;

/** One place a release can come from. The fetcher tries them in order. */
public interface ReleaseSource {

  /** Short name for reports: {@code github-api}, {@code asset-url}, {@code ephemery.dev}, ... */
  String name();

  /**
   * Puts the release into {@code workDir} (a tar.gz or a folder) and says what it got.
   *
   * @param tag the release tag wanted, or empty for the latest
   */
  Fetched fetch(Optional<String> tag, Path workDir) throws SourceException;

  /**
   * A release as a source delivered it, not yet verified.
   *
   * @param path a tar.gz or a folder
   * @param tag the tag the source says this is, if it says
   * @param origin URL or path it came from
   * @param sha256 of the tar.gz, or of the folder's files (name and content, sorted)
   */
  record Fetched(Path path, Optional<String> tag, String origin, String sha256, long bytes) {}
}
