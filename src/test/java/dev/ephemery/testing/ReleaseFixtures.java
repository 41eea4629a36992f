package dev.ephemery.testing;

import dev.ephemery.network.ReleaseFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * The real iteration-153 release from the shared fixtures, plus what it lacks: a placeholder
 * genesis.ssz whose first 40 bytes (genesis_time, genesis_validators_root) are the real ones.
 */
public final class ReleaseFixtures {

  public static final int ITERATION = 153;
  public static final long EL_GENESIS = 1_763_665_200L;
  public static final long CL_GENESIS = 1_763_665_800L;
  public static final long CHAIN_ID = 39_438_153L;
  public static final String VALIDATORS_ROOT =
      "0x3befd678a85f6b7e056b3520fac8660955a87bb2006d88a49cba99b25752c668";

  /**
   * The placeholder genesis.ssz's size: above the least a Fulu BeaconState with the fixture's 30201
   * genesis validators (validator-names.yaml) can have, 6,935,748 bytes (GenesisStateSize).
   */
  public static final int GENESIS_SSZ_SIZE = 7_000_000;

  private ReleaseFixtures() {}

  public static Path fixtureDir() {
    String configured = System.getProperty("ephemery.fixtures");
    Path base =
        configured != null && Files.isDirectory(Path.of(configured))
            ? Path.of(configured)
            : Path.of("/work/shared/fixtures");
    Path dir = base.resolve("ephemery-153");
    if (!Files.isRegularFile(dir.resolve("config.yaml"))) {
      throw new IllegalStateException("release fixture not found at " + dir);
    }
    return dir;
  }

  /** The fixture's files as they are (no genesis.ssz). */
  public static ReleaseFiles fixtureFiles() {
    Map<String, byte[]> contents = new TreeMap<>();
    Path dir = fixtureDir();
    try (var paths = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) paths::iterator) {
        if (Files.isRegularFile(file)) {
          contents.put(dir.relativize(file).toString(), Files.readAllBytes(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ReleaseFiles.of(contents);
  }

  /** The fixture with a placeholder genesis.ssz: a complete, valid iteration-153 release. */
  public static ReleaseFiles release153() {
    return fixtureFiles()
        .with("genesis.ssz", sszPlaceholder(CL_GENESIS, VALIDATORS_ROOT, GENESIS_SSZ_SIZE));
  }

  /** A BeaconState stand-in: the real header fields, then zeros up to {@code size} bytes. */
  public static byte[] sszPlaceholder(long genesisTime, String validatorsRoot, int size) {
    ByteBuffer buffer = ByteBuffer.allocate(Math.max(size, 40)).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putLong(genesisTime);
    buffer.put(HexFormat.of().parseHex(validatorsRoot.substring(2)));
    return buffer.array();
  }

  /**
   * The 153 release rewritten, consistently, as iteration {@code n}: chain id, iteration, tag and
   * timestamps in every file (validators root and bootnodes stay).
   */
  public static ReleaseFiles releaseFor(int n) {
    long el = 1_393_527_600L + n * 2_419_200L;
    long cl = el + 600;
    long chainId = 39_438_000L + n;
    ReleaseFiles original = release153();
    Map<String, byte[]> contents = new TreeMap<>();
    for (String name : original.names()) {
      if (name.equals("genesis.ssz")) {
        contents.put(name, sszPlaceholder(cl, VALIDATORS_ROOT, GENESIS_SSZ_SIZE));
        continue;
      }
      String text = original.text(name).orElseThrow();
      text =
          text.replace("39438153", Long.toString(chainId))
              .replace("0x259c749", "0x" + Long.toHexString(chainId))
              .replace("1763665200", Long.toString(el))
              .replace("1763665800", Long.toString(cl))
              .replace("0x691f6530", "0x" + Long.toHexString(el))
              .replace("ITERATION_NUMBER=\"153\"", "ITERATION_NUMBER=\"" + n + "\"")
              .replace("ephemery-153", "ephemery-" + n);
      contents.put(name, text.getBytes(StandardCharsets.UTF_8));
    }
    return ReleaseFiles.of(contents);
  }

  public static Path writeFolder(ReleaseFiles files, Path dir) throws IOException {
    for (String name : files.names()) {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.write(file, files.bytes(name).orElseThrow());
    }
    return dir;
  }

  public static Path writeFolderUnchecked(ReleaseFiles files, Path dir) {
    try {
      return writeFolder(files, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A flat testnet-all.tar.gz like the published asset. */
  public static Path writeTarGz(ReleaseFiles files, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      writeTarGz(files, out);
    }
    return file;
  }

  public static void writeTarGz(ReleaseFiles files, OutputStream out) throws IOException {
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (String name : files.names()) {
        byte[] bytes = files.bytes(name).orElseThrow();
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
  }

  public static byte[] tarGzBytes(ReleaseFiles files) {
    var out = new java.io.ByteArrayOutputStream();
    try {
      writeTarGz(files, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
