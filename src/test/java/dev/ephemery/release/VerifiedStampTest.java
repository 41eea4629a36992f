package dev.ephemery.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.testing.ReleaseFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedStampTest {

  @TempDir Path temp;
  ReleaseCache cache;
  InstalledRelease installed;
  Path stamp;

  @BeforeEach
  void install() throws Exception {
    cache = new ReleaseCache(temp.resolve("cache"));
    Path archive =
        ReleaseFixtures.writeTarGz(ReleaseFixtures.release153(), temp.resolve("in.tar.gz"));
    installed = cache.install(archive, Optional.empty(), "test", "sha");
    stamp = temp.resolve("cache/.verified-ephemery-153.properties");
  }

  /** Rewrites the stamp's chain id: only a load that believes the stamp reports it. */
  void plantChainIdInStamp(long chainId) throws Exception {
    String text = Files.readString(stamp);
    Files.writeString(stamp, text.replace("chainId=39438153", "chainId=" + chainId));
  }

  @Test
  void theInstallStampsWhatItVerifiedAndTheNextLoadBelievesIt() throws Exception {
    assertThat(stamp).exists();
    assertThat(cache.latestInstalled()).get().isEqualTo(installed);

    plantChainIdInStamp(42);

    assertThat(cache.latestInstalled().orElseThrow().release().chainId().value()).isEqualTo(42);
  }

  @Test
  void aFileWrittenAgainWithItsOldSizeAndTimeIsVerifiedAgain() throws Exception {
    plantChainIdInStamp(42);
    Path config = installed.folder().resolve("config.yaml");
    FileTime modified = Files.getLastModifiedTime(config);
    Thread.sleep(20);
    Files.write(config, Files.readAllBytes(config));
    Files.setLastModifiedTime(config, modified);

    InstalledRelease loaded = cache.latestInstalled().orElseThrow();

    assertThat(loaded.release().chainId().value()).isEqualTo(39_438_153L);
    assertThat(loaded).isEqualTo(installed);
    assertThat(Files.readString(stamp)).contains("chainId=39438153");
  }

  @Test
  void anAddedFileOrAnUnreadableStampMeansVerifyingAgain() throws Exception {
    plantChainIdInStamp(42);
    Files.writeString(installed.folder().resolve("extra.txt"), "x");
    assertThat(cache.latestInstalled().orElseThrow().release().chainId().value())
        .isEqualTo(39_438_153L);

    Files.writeString(stamp, "files=garbage\n\\u00");
    assertThat(cache.latestInstalled().orElseThrow().release().chainId().value())
        .isEqualTo(39_438_153L);
  }

  @Test
  void aFileChangedInASubfolderMeansVerifyingAgain() throws Exception {
    plantChainIdInStamp(42);
    Path nested = Files.createDirectories(installed.folder().resolve("enodes"));
    Files.writeString(nested.resolve("notes.txt"), "x");

    assertThat(cache.latestInstalled().orElseThrow().release().chainId().value())
        .isEqualTo(39_438_153L);
  }

  @Test
  void aFolderThatNoLongerVerifiesIsIgnoredWhateverItsStampSays() throws Exception {
    Path config = installed.folder().resolve("config.yaml");
    Files.writeString(
        config,
        Files.readString(config).replace("DEPOSIT_CHAIN_ID: 39438153", "DEPOSIT_CHAIN_ID: 1"));

    assertThat(cache.installedReleases()).isEmpty();
  }
}
