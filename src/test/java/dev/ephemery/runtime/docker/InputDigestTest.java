package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputDigestTest {

  @TempDir Path dir;

  /** The helper's script, run by this machine's shell on folders here instead of its mounts. */
  private List<String> scriptDigests(Path... folders) throws Exception {
    String script = InputDigest.script(folders.length);
    for (int i = folders.length - 1; i >= 0; i--) {
      script = script.replace(InputDigest.MOUNT + "/" + i, folders[i].toString());
    }
    Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out.strip().lines().toList();
  }

  private Path keys() throws IOException {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Files.writeString(keys.resolve("keystore-b.json"), "{\"b\": 1}\n");
    Files.writeString(keys.resolve("keystore-a.json"), "{}");
    Files.createDirectories(keys.resolve("Z-sub"));
    Files.writeString(keys.resolve("Z-sub/keystore-c.json"), "c");
    Files.writeString(keys.resolve(".hidden"), "h");
    return keys;
  }

  @Test
  void theHelpersScriptAndThisMachineAgree() throws Exception {
    Path keys = keys();
    Path missing = dir.resolve("not-there");

    assertThat(scriptDigests(keys, missing))
        .containsExactly(InputDigest.folderDigest(keys), InputDigest.MISSING);
    assertThat(InputDigest.folderDigest(missing)).isEqualTo(InputDigest.MISSING);
  }

  @Test
  void aDigestChangesWithAFileAddedRenamedOrChangedAndOnlyThen() throws Exception {
    Path keys = keys();
    String first = InputDigest.folderDigest(keys);
    assertThat(InputDigest.folderDigest(keys)).isEqualTo(first);

    Files.setLastModifiedTime(
        keys.resolve("keystore-a.json"), java.nio.file.attribute.FileTime.fromMillis(0));
    assertThat(InputDigest.folderDigest(keys))
        .as("a touched file is the same file")
        .isEqualTo(first);

    Files.writeString(keys.resolve("keystore-d.json"), "{}");
    String added = InputDigest.folderDigest(keys);
    assertThat(added).isNotEqualTo(first);

    Files.move(keys.resolve("keystore-d.json"), keys.resolve("keystore-e.json"));
    String renamed = InputDigest.folderDigest(keys);
    assertThat(renamed).isNotIn(first, added);

    Files.writeString(keys.resolve("keystore-e.json"), "{ }");
    assertThat(InputDigest.folderDigest(keys)).isNotIn(first, added, renamed);
  }
}
