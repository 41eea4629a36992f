package dev.ephemery.runtime.kubernetes;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.release.GitHubReleases;
import dev.ephemery.release.ReleaseSources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A verified release as a cluster gets it: its small files for a ConfigMap, and where the pod's
 * init container fetches {@code genesis.ssz} with the SHA-256 it must have (taken from the copy
 * this machine verified). Why not the whole release in ConfigMaps: genesis.ssz is several MiB, over
 * the 1 MiB an object may hold (see docs/kubernetes.md).
 *
 * @param text file name to content, for files that are UTF-8
 * @param binary file name to base64 content, for the others
 */
record ReleaseFiles(
    int iteration,
    Map<String, String> text,
    Map<String, String> binary,
    String genesisUrl,
    String genesisSha256) {

  static final String GENESIS = "genesis.ssz";

  /** Files too large for a ConfigMap and not read by any client (the parsed state is a copy). */
  private static final List<String> LEFT_OUT = List.of(GENESIS, "parsedBeaconState.json");

  /** What one ConfigMap may hold, with room for its metadata (the API's limit is 1 MiB). */
  static final int CONFIG_MAP_BUDGET = 900 * 1024;

  /** The release's download that holds genesis.ssz: the asset the release cache fetched too. */
  static String genesisUrl(int iteration) {
    return ReleaseSources.GITHUB
        + "/"
        + ReleaseSources.REPOSITORY
        + "/releases/download/ephemery-"
        + iteration
        + "/"
        + GitHubReleases.ASSET;
  }

  /** Reads the release folder's top-level regular files (sub-folders hold no client input). */
  static ReleaseFiles read(Path dir, int iteration) {
    Map<String, String> text = new TreeMap<>();
    Map<String, String> binary = new TreeMap<>();
    long total = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
            || LEFT_OUT.contains(name)) {
          continue;
        }
        byte[] bytes = Files.readAllBytes(file);
        total += bytes.length;
        try {
          text.put(
              name,
              StandardCharsets.UTF_8
                  .newDecoder()
                  .decode(java.nio.ByteBuffer.wrap(bytes))
                  .toString());
        } catch (CharacterCodingException e) {
          binary.put(name, Base64.getEncoder().encodeToString(bytes));
        }
      }
      if (total > CONFIG_MAP_BUDGET) {
        throw InvalidInputException.of(
            dir.toString(),
            "the release's small files take " + total + " bytes, more than a ConfigMap holds",
            "check that the folder is an Ephemery release");
      }
      return new ReleaseFiles(iteration, text, binary, genesisUrl(iteration), sha256(dir));
    } catch (IOException e) {
      throw new OperationalException(
          dir.toString(), "cannot read the release files: " + e.getMessage(), "", e);
    }
  }

  private static String sha256(Path dir) throws IOException {
    Path genesis = dir.resolve(GENESIS);
    if (!Files.isRegularFile(genesis)) {
      throw InvalidInputException.of(
          genesis.toString(), "the release has no genesis.ssz", "fetch the release again");
    }
    try (InputStream in =
        new DigestInputStream(
            Files.newInputStream(genesis), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
