package dev.ephemery.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.ops.ResetLock;
import dev.ephemery.ops.ResetState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's reset in a child process, with real children (a shell stands in for {@code
 * ephemery reset}: it writes the journal the way the reset would leave it) and the real lock.
 */
class ChildResetsTest {

  static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  @TempDir Path temp;

  JournalStore journals() {
    return new JournalStore(temp.resolve("node"));
  }

  ResetJournal begun(JournalStore store) {
    ResetJournal journal = ResetJournal.start("node", 152, 153, false, false, T0);
    store.save(journal);
    return journal;
  }

  static ResetJournal done(ResetJournal journal) {
    ResetJournal j = journal;
    for (ResetState s :
        List.of(
            ResetState.FETCHED,
            ResetState.STOPPING,
            ResetState.WIPING,
            ResetState.INSTALLING,
            ResetState.INITIALISING,
            ResetState.STARTING,
            ResetState.VERIFYING,
            ResetState.DONE)) {
      // Only needs a distinct, increasing time per state: the declaration order gives one.
      @SuppressWarnings("EnumOrdinal")
      long second = s.ordinal();
      j = j.moveTo(s, "", T0.plusSeconds(second));
    }
    return j;
  }

  /** A child that replaces the journal file with {@code after}, then exits with {@code code}. */
  List<String> childWriting(JournalStore store, ResetJournal after, int code) throws Exception {
    JournalStore staging = new JournalStore(temp.resolve("staging"));
    staging.save(after);
    Path from = staging.dir().resolve(after.id() + ".json");
    Path to = store.dir().resolve(after.id() + ".json");
    Path ran = temp.resolve("ran");
    return List.of(
        "sh",
        "-c",
        "touch \"$3\"; cp \"$1\" \"$2\"; exit " + code,
        "child",
        from.toString(),
        to.toString(),
        ran.toString());
  }

  @Test
  void returnsTheJournalAsTheChildLeftIt() throws Exception {
    JournalStore store = journals();
    ResetJournal journal = begun(store);
    ResetJournal finished = done(journal);
    ChildResets resets =
        new ChildResets(childWriting(store, finished, 0), store, CLOCK, Duration.ofSeconds(30));

    Optional<ResetJournal> end = resets.run(journal);

    assertThat(end).contains(finished);
    assertThat(end.get().state()).isEqualTo(ResetState.DONE);
  }

  @Test
  void aChildThatFailsBeforeChangingTheJournalLeavesItUnfinishedForTheNextTick() throws Exception {
    JournalStore store = journals();
    ResetJournal journal = begun(store);
    ChildResets resets =
        new ChildResets(List.of("sh", "-c", "exit 1"), store, CLOCK, Duration.ofSeconds(30));

    Optional<ResetJournal> end = resets.run(journal);

    assertThat(end).contains(journal);
    assertThat(store.unfinished()).contains(journal);
  }

  @Test
  void whileAnotherResetHoldsTheLockNoChildStarts() throws Exception {
    JournalStore store = journals();
    ResetJournal journal = begun(store);
    ChildResets resets =
        new ChildResets(
            childWriting(store, done(journal), 0), store, CLOCK, Duration.ofSeconds(30));

    Optional<ResetJournal> end;
    try (ResetLock held = store.lock("ephemery reset", T0)) {
      end = resets.run(journal);
    }

    assertThat(end).isEmpty();
    assertThat(temp.resolve("ran")).doesNotExist();
    assertThat(store.unfinished()).contains(journal);
  }

  @Test
  void aStoppingSupervisorStopsItsChildAndTheJournalStaysToResume() throws Exception {
    JournalStore store = journals();
    ResetJournal journal = begun(store);
    Path pidFile = temp.resolve("pid");
    ChildResets resets =
        new ChildResets(
            List.of("sh", "-c", "echo $$ > \"$1\"; exec sleep 60", "child", pidFile.toString()),
            store,
            CLOCK,
            Duration.ofMinutes(5));
    Thread[] worker = new Thread[1];
    CompletableFuture<Optional<ResetJournal>> result = new CompletableFuture<>();
    worker[0] =
        new Thread(
            () -> {
              try {
                result.complete(resets.run(journal));
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
              }
            });
    worker[0].start();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
    long pid = Long.parseLong(Files.readString(pidFile).strip());

    worker[0].interrupt();
    Optional<ResetJournal> end = result.get(20, TimeUnit.SECONDS);

    assertThat(end).contains(journal);
    Optional<ProcessHandle> child = ProcessHandle.of(pid);
    child.ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    assertThat(store.unfinished()).contains(journal);
  }
}
