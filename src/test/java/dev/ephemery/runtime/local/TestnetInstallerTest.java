package dev.ephemery.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.client.PrysmChainConfig;
import dev.ephemery.ops.FaultInjector;
import dev.ephemery.ops.NodeLayout;
import dev.ephemery.runtime.ReleaseMarker;
import dev.ephemery.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestnetInstallerTest {

  @Test
  void theInstalledReleaseCarriesPrysmsDerivedConfigAndUpsMarker(@TempDir Path tmp)
      throws Exception {
    Path release = Fixtures.releaseFolder(tmp.resolve("release"));
    Path base = Files.createDirectories(tmp.resolve("base"));
    Path testnet = base.resolve("testnet/ephemery-153");
    var installer = new TestnetInstaller(new NodeLayout("node1", base, testnet, false, List.of()));

    installer.install(release, 153, 153, FaultInjector.NONE);

    assertThat(testnet.resolve(PrysmChainConfig.FILE))
        .hasContent(PrysmChainConfig.derive(Files.readString(release.resolve("config.yaml"))));
    assertThat(testnet.resolve("config.yaml"))
        .hasSameTextualContentAs(release.resolve("config.yaml"));
    // The marker up compares: the digest covers the derived file, as up's own copy does.
    assertThat(testnet.resolve(ReleaseMarker.FILE)).hasContent(ReleaseMarker.digest(release));
  }
}
