package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./ephemery} launcher finds its checkout however it is called: by absolute path, by a
 * relative one from elsewhere, and through a symlink (e.g. in ~/bin) from any folder.
 */
class LauncherIT {

  static Path launcher;
  @TempDir Path dir;

  @BeforeAll
  static void builtJar() {
    // Run after package: the launcher then finds the jar fresh and builds nothing.
    InventoryCliIT.findJar();
    launcher = Path.of("ephemery").toAbsolutePath();
  }

  String run(Path workingDir, String launcherPath) throws Exception {
    Process process =
        new ProcessBuilder("bash", launcherPath, "--version")
            .directory(workingDir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out.strip();
  }

  @Test
  void findsItsCheckoutByAbsoluteRelativeAndSymlinkedPath() throws Exception {
    String expected = "ephemery " + BuildVersion.VERSION;
    assertThat(run(dir, launcher.toString())).isEqualTo(expected);
    assertThat(run(dir, dir.relativize(launcher).toString())).isEqualTo(expected);
    Path link = Files.createSymbolicLink(dir.resolve("ephemery-link"), launcher);
    assertThat(run(dir, link.toString())).isEqualTo(expected);
    assertThat(run(dir, "./ephemery-link")).isEqualTo(expected);
  }
}
