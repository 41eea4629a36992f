package dev.ephemery.release;

import dev.ephemery.network.ReleaseVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The release sources: GitHub API, release asset URL, ephemery.dev copy, a URL, a local path. */
public final class ReleaseSources {

  public static final String REPOSITORY = "ephemery-testnet/ephemery-genesis";
  public static final URI GITHUB_API = URI.create("https://api.github.com");
  public static final URI GITHUB = URI.create("https://github.com");
  public static final URI EPHEMERY_DEV = URI.create("https://ephemery.dev");

  /** Files the ephemery.dev copy is fetched as, one by one; the required ones must be there. */
  static final List<String> OPTIONAL_FILES =
      List.of(
          "boot_enode.txt",
          "enodes.txt",
          "bootnode.txt",
          "boot_enr.txt",
          "bootstrap_nodes.yaml",
          "validator-names.yaml");

  private ReleaseSources() {}

  /** Asks the API for the tag and asset URL, then downloads the asset. */
  public static ReleaseSource gitHubApi(GitHubReleases api, Downloader downloader) {
    return new ReleaseSource() {
      @Override
      public String name() {
        return "github-api";
      }

      @Override
      public Fetched fetch(Optional<String> tag, Path workDir) throws SourceException {
        GitHubReleases.ReleaseInfo info = tag.isPresent() ? api.byTag(tag.get()) : api.latest();
        return archive(downloader, info.assetUrl(), Optional.of(info.tag()), workDir);
      }
    };
  }

  /**
   * The release asset by its URL, without the API (no rate limit): {@code
   * <base>/<repo>/releases/download/<tag>/testnet-all.tar.gz}, or {@code releases/latest/download}.
   */
  public static ReleaseSource assetUrl(URI base, String repository, Downloader downloader) {
    return new ReleaseSource() {
      @Override
      public String name() {
        return "asset-url";
      }

      @Override
      public Fetched fetch(Optional<String> tag, Path workDir) throws SourceException {
        String prefix = strip(base) + "/" + repository + "/releases/";
        URI uri =
            URI.create(
                tag.map(t -> prefix + "download/" + t + "/").orElse(prefix + "latest/download/")
                    + GitHubReleases.ASSET);
        return archive(downloader, uri, tag, workDir);
      }
    };
  }

  /** One tarball URL given by the user. */
  public static ReleaseSource url(URI uri, Downloader downloader) {
    return new ReleaseSource() {
      @Override
      public String name() {
        return "url";
      }

      @Override
      public Fetched fetch(Optional<String> tag, Path workDir) throws SourceException {
        return archive(downloader, uri, Optional.empty(), workDir);
      }
    };
  }

  /**
   * The copy on ephemery.dev, file by file from {@code <base>/latest/}. It only has the latest
   * release: a tag asked for is checked by verification.
   */
  public static ReleaseSource ephemeryDev(URI base, Downloader downloader) {
    return new ReleaseSource() {
      @Override
      public String name() {
        return "ephemery.dev";
      }

      @Override
      public Fetched fetch(Optional<String> tag, Path workDir) throws SourceException {
        Path folder = workDir.resolve("ephemery.dev");
        try {
          Files.createDirectories(folder);
        } catch (IOException e) {
          throw new SourceException("cannot write " + folder + ": " + e.getMessage(), false, e);
        }
        long bytes = 0;
        String latest = strip(base) + "/latest/";
        List<String> names = new ArrayList<>(ReleaseVerifier.REQUIRED_FILES);
        names.addAll(OPTIONAL_FILES);
        for (String name : names) {
          try {
            bytes +=
                downloader
                    .download(URI.create(latest + name), folder.resolve(name), Map.of())
                    .bytes();
          } catch (SourceException e) {
            if (ReleaseVerifier.REQUIRED_FILES.contains(name)) {
              throw e;
            }
          }
        }
        return new Fetched(folder, Optional.empty(), latest, folderSha256(folder), bytes);
      }
    };
  }

  /** A release folder or tar.gz on this machine. */
  public static ReleaseSource local(Path path) {
    return new ReleaseSource() {
      @Override
      public String name() {
        return "local";
      }

      @Override
      public Fetched fetch(Optional<String> tag, Path workDir) throws SourceException {
        try {
          if (Files.isDirectory(path)) {
            return new Fetched(
                path, Optional.empty(), path.toString(), folderSha256(path), folderBytes(path));
          }
          if (Files.isRegularFile(path)) {
            return new Fetched(
                path, Optional.empty(), path.toString(), fileSha256(path), Files.size(path));
          }
        } catch (IOException e) {
          throw new SourceException(path + ": " + e.getMessage(), false, e);
        }
        throw new SourceException(path + ": no such folder or file", false);
      }
    };
  }

  private static ReleaseSource.Fetched archive(
      Downloader downloader, URI uri, Optional<String> tag, Path workDir) throws SourceException {
    Downloader.Download download =
        downloader.download(uri, workDir.resolve(GitHubReleases.ASSET), Map.of());
    return new ReleaseSource.Fetched(
        download.file(), tag, uri.toString(), download.sha256(), download.bytes());
  }

  static String fileSha256(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** SHA-256 over the folder's regular files, sorted by name: name, NUL, content. */
  static String folderSha256(Path folder) throws SourceException {
    MessageDigest digest = sha256();
    try (var paths = Files.walk(folder, 3)) {
      List<Path> files =
          paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
      for (Path file : files) {
        digest.update(
            folder.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new SourceException(folder + ": " + e.getMessage(), false, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static long folderBytes(Path folder) throws IOException {
    long total = 0;
    try (var paths = Files.walk(folder, 3)) {
      for (Path file : (Iterable<Path>) paths::iterator) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          total += Files.size(file);
        }
      }
    }
    return total;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String strip(URI base) {
    String text = base.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
