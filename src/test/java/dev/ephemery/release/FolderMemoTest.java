package dev.ephemery.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderMemoTest {

  @TempDir Path root;
  Path folder;
  final AtomicInteger computed = new AtomicInteger();
  final Function<Path, String> count =
      f -> {
        computed.incrementAndGet();
        try {
          return Files.readString(f.resolve("genesis.json")).strip();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      };

  @BeforeEach
  void release() throws Exception {
    folder = Files.createDirectories(root.resolve("ephemery-153"));
    Files.writeString(folder.resolve("genesis.json"), "one\n");
  }

  @Test
  void aFolderWithoutAVerifiedStampIsComputedEveryTimeAndNothingIsWritten() throws Exception {
    assertThat(FolderMemo.get(folder, "digest", count)).isEqualTo("one");
    assertThat(FolderMemo.get(folder, "digest", count)).isEqualTo("one");

    assertThat(computed).hasValue(2);
    try (var files = Files.list(root)) {
      assertThat(files).containsExactly(folder);
    }
  }

  @Test
  void anInstalledFolderIsComputedOnceWhileItsFilesAreUnchanged() throws Exception {
    Files.writeString(VerifiedStamp.of(folder), "");

    assertThat(FolderMemo.get(folder, "digest", count)).isEqualTo("one");
    assertThat(FolderMemo.get(folder, "digest", count)).isEqualTo("one");

    assertThat(computed).hasValue(1);
    assertThat(FolderMemo.of(folder, "digest")).exists();
  }

  @Test
  void aChangedFileEvenWithItsOldSizeAndTimeIsComputedAgain() throws Exception {
    Files.writeString(VerifiedStamp.of(folder), "");
    FolderMemo.get(folder, "digest", count);
    var modified = Files.getLastModifiedTime(folder.resolve("genesis.json"));

    Files.writeString(folder.resolve("genesis.json"), "two\n");
    Files.setLastModifiedTime(folder.resolve("genesis.json"), modified);

    assertThat(FolderMemo.get(folder, "digest", count)).isEqualTo("two");
    assertThat(computed).hasValue(2);
  }

  @Test
  void anUnreadableMemoIsComputedAgainAndPruningRemovesIt() throws Exception {
    Files.writeString(VerifiedStamp.of(folder), "");
    Files.writeString(FolderMemo.of(folder, "digest"), "files=\\u00zz broken");

    assertThat(FolderMemo.get(folder, "digest", count)).isEqualTo("one");
    assertThat(computed).hasValue(1);

    FolderMemo.delete(folder);
    assertThat(FolderMemo.of(folder, "digest")).doesNotExist();
  }
}
