package dev.ephemery.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.OperationalException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalStoreTest {

  @TempDir Path base;

  @Test
  void savesAtomicallyAndReadsBackTheSameJournal() throws Exception {
    JournalStore store = new JournalStore(base);
    Instant t0 = Instant.parse("2026-11-26T19:00:00Z");
    ResetJournal journal =
        ResetJournal.start("node1", 153, 154, false, false, t0)
            .moveTo(ResetState.FETCHED, "ok", t0.plusSeconds(3))
            .withReleaseDir("/cache/ephemery-154");
    store.save(journal);
    store.save(journal.moveTo(ResetState.STOPPING, "", t0.plusSeconds(4)));

    assertThat(store.all()).hasSize(1);
    ResetJournal read = store.all().get(0);
    assertThat(read.state()).isEqualTo(ResetState.STOPPING);
    assertThat(read.transitions())
        .extracting(ResetJournal.Transition::state)
        .containsExactly(ResetState.DETECTED, ResetState.FETCHED, ResetState.STOPPING);
    assertThat(read.releaseDir()).isEqualTo("/cache/ephemery-154");
    try (Stream<Path> files = Files.list(store.dir())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly(journal.id() + ".json");
    }
    assertThat(Files.readString(store.dir().resolve(journal.id() + ".json")))
        .contains("\"state\" : \"STOPPING\"");
  }

  @Test
  void failedBeforeStoppingIsNotResumableButFailedAfterIs() {
    JournalStore store = new JournalStore(base);
    Instant t0 = Instant.parse("2026-11-26T19:00:00Z");
    store.save(
        ResetJournal.start("n", 153, 154, false, false, t0)
            .moveTo(ResetState.FAILED, "bad release", t0));
    assertThat(store.unfinished()).isEmpty();
    ResetJournal touched =
        ResetJournal.start("n", 153, 155, false, false, t0.plusSeconds(1))
            .moveTo(ResetState.FETCHED, "", t0)
            .moveTo(ResetState.STOPPING, "", t0)
            .moveTo(ResetState.FAILED, "docker gone", t0);
    store.save(touched);
    assertThat(store.unfinished()).map(ResetJournal::id).contains(touched.id());
    assertThat(store.all()).extracting(ResetJournal::toIteration).containsExactly(154, 155);
  }

  @Test
  void reportsAnUnreadableJournalInsteadOfSkippingIt() throws Exception {
    JournalStore store = new JournalStore(base);
    Files.createDirectories(store.dir());
    Files.writeString(store.dir().resolve("000154-1.json"), "{ torn");
    assertThatThrownBy(store::all)
        .isInstanceOf(OperationalException.class)
        .hasMessageContaining("unreadable reset journal");
  }
}
