package dev.ephemery.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.client.WipeRules;
import dev.ephemery.plan.DataLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wipe Job's script, run by this machine's POSIX sh on a folder laid out like a volume. */
class WipeScriptTest {

  @TempDir Path volume;

  private void run(String script) throws Exception {
    Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(out).isZero();
  }

  private void file(String path) throws Exception {
    Path file = volume.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, path);
  }

  @Test
  void deletesTheChainDataKeepsIdentityAndArchivesTheSlashingDbOnce() throws Exception {
    file("geth/nodekey");
    file("geth/chaindata/000001.ldb");
    file("geth/.hidden");
    file("validators/slashing_protection.sqlite");
    file("validators/0xabc/voting-keystore.json");
    DataLayout rules =
        DataLayout.of(
            volume.toString(),
            new WipeRules(
                List.of("geth/nodekey", "validators"),
                List.of("geth/*"),
                List.of("validators/slashing_protection.sqlite"),
                false));
    String script = WipeScript.of(volume.toString(), rules, "153");

    run(script);
    run(script);

    assertThat(volume.resolve("geth/nodekey")).exists();
    assertThat(volume.resolve("geth/chaindata")).doesNotExist();
    assertThat(volume.resolve("geth/.hidden")).doesNotExist();
    assertThat(volume.resolve("validators/0xabc/voting-keystore.json")).exists();
    assertThat(volume.resolve("validators/slashing_protection.sqlite")).doesNotExist();
    assertThat(
            Files.readString(
                volume.resolve(WipeScript.ARCHIVE + "/153/validators/slashing_protection.sqlite")))
        .isEqualTo("validators/slashing_protection.sqlite");
  }

  @Test
  void aRuleLeavingTheVolumeIsRefused() {
    assertThatThrownBy(
            () ->
                WipeScript.of(
                    "/wipe/x",
                    DataLayout.of(
                        "/wipe/x",
                        new WipeRules(List.of(), List.of("../other/*"), List.of(), false)),
                    "1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
