package dev.ephemery.release;

import dev.ephemery.network.ReleaseParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What is read from an installed release's genesis.ssz without reading all of it. */
public final class GenesisFile {

  private GenesisFile() {}

  /**
   * The genesis_validators_root of the chain a testnet folder holds, from its genesis.ssz (only the
   * head is read; {@link ReleaseParser#sszHead(byte[])} parses it, for the release checks too).
   */
  public static String genesisValidatorsRoot(Path testnetDir) throws IOException {
    Path ssz = testnetDir.resolve("genesis.ssz");
    try (InputStream in = Files.newInputStream(ssz)) {
      return ReleaseParser.sszHead(in.readNBytes(ReleaseParser.SSZ_HEAD_BYTES))
          .orElseThrow(() -> new IOException(ssz + " is too short"))
          .genesisValidatorsRoot();
    }
  }
}
