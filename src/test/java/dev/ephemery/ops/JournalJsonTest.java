package dev.ephemery.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ephemery.common.OperationalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JournalJsonTest {

  /** The ObjectMapper JournalStore wrote and read journals with before the streaming codec. */
  static final ObjectMapper OLD =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  static final Instant T0 = Instant.parse("2026-11-26T19:00:00Z");

  static List<ResetJournal> journals() {
    ResetJournal fresh = ResetJournal.start("node1", null, 154, false, false, T0);
    ResetJournal allNulls =
        new ResetJournal(
            1, null, null, null, 0, false, false, null, null, null, 0, null, null, null, List.of());
    ResetJournal failed =
        ResetJournal.start("node1", 153, 154, true, true, T0)
            .moveTo(ResetState.FETCHED, "", T0.plusMillis(1_500))
            .withReleaseDir("/cache/ephemery-154")
            .moveTo(ResetState.VERIFYING, "wrapper flavor", T0.plusSeconds(2))
            .failedAttempt("beacon not synced", T0.plusSeconds(60))
            .moveTo(ResetState.FAILED, "node reports iteration 153", T0.plusNanos(61_000_000_123L));
    ResetJournal happy = ResetJournal.start("host-with-\"quotes\"", 153, 154, false, false, T0);
    String[] notes = {
      "ok", "", "say \"hi\" \\ tab\t newline\n", "ünïcödé € 🚀 \u0001", "</script>", "", "", "done"
    };
    // The upstream flavor's whole path, which is the enum's order from FETCHED to DONE.
    List<ResetState> path = List.copyOf(EnumSet.range(ResetState.FETCHED, ResetState.DONE));
    for (int i = 0; i < path.size(); i++) {
      happy = happy.moveTo(path.get(i), notes[i], T0.plusSeconds(3 + i * 7L));
    }
    return List.of(fresh, allNulls, failed, happy);
  }

  @ParameterizedTest
  @MethodSource("journals")
  void writesTheSameBytesTheOldMapperWrote(ResetJournal journal) throws IOException {
    // Bytes, not strings: the store wrote with writeValueAsBytes, whose UTF-8 generator escapes
    // characters outside the BMP where the String one would not.
    assertThat(new String(JournalJson.toBytes(journal), StandardCharsets.UTF_8))
        .isEqualTo(new String(OLD.writeValueAsBytes(journal), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @MethodSource("journals")
  void readsJournalsTheOldMapperWroteAndTheOldMapperReadsOurs(ResetJournal journal)
      throws IOException {
    assertThat(JournalJson.fromBytes(OLD.writeValueAsBytes(journal))).isEqualTo(journal);
    assertThat(OLD.readValue(JournalJson.toBytes(journal), ResetJournal.class)).isEqualTo(journal);
    assertThat(JournalJson.fromBytes(JournalJson.toBytes(journal))).isEqualTo(journal);
  }

  @Test
  void aJournalWrittenTodayReadsBackFieldByFieldAndIsWrittenAgainUnchanged() throws IOException {
    String onDisk =
        """
        {
          "version" : 1,
          "id" : "000154-1795719600000",
          "host" : "node1",
          "fromIteration" : 153,
          "toIteration" : 154,
          "wrapper" : false,
          "forced" : false,
          "state" : "FAILED",
          "failedIn" : "STOPPING",
          "reason" : "docker gone",
          "attempts" : 2,
          "releaseDir" : null,
          "startedAt" : "2026-11-26T19:00:00Z",
          "updatedAt" : "2026-11-26T19:00:05.000001Z",
          "transitions" : [ {
            "state" : "DETECTED",
            "at" : "2026-11-26T19:00:00Z",
            "note" : "release of iteration 154"
          }, {
            "state" : "FAILED",
            "at" : "2026-11-26T19:00:05.000001Z",
            "note" : "docker gone"
          } ]
        }""";

    ResetJournal read = JournalJson.fromBytes(onDisk.getBytes(StandardCharsets.UTF_8));

    assertThat(read.state()).isEqualTo(ResetState.FAILED);
    assertThat(read.failedIn()).isEqualTo(ResetState.STOPPING);
    assertThat(read.reason()).isEqualTo("docker gone");
    assertThat(read.attempts()).isEqualTo(2);
    assertThat(read.fromIteration()).isEqualTo(153);
    assertThat(read.releaseDir()).isNull();
    assertThat(read.updatedAt()).isEqualTo(Instant.parse("2026-11-26T19:00:05.000001Z"));
    assertThat(read.transitions()).hasSize(2);
    assertThat(new String(JournalJson.toBytes(read), StandardCharsets.UTF_8)).isEqualTo(onDisk);
  }

  @Test
  void ignoresFieldsItDoesNotKnowAsTheOldMapperDid() throws IOException {
    String json =
        "{\"version\":1,\"id\":\"x\",\"future\":{\"nested\":[1,{\"a\":null}]},"
            + "\"state\":\"DONE\",\"transitions\":[{\"state\":\"DONE\",\"extra\":[],"
            + "\"at\":\"2026-11-26T19:00:00Z\",\"note\":\"n\"}],\"later\":true}";
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

    assertThat(JournalJson.fromBytes(bytes))
        .isEqualTo(OLD.readValue(bytes, ResetJournal.class))
        .extracting(ResetJournal::state)
        .isEqualTo(ResetState.DONE);
  }

  @Test
  void refusesWhatTheOldMapperRefused() {
    for (String bad :
        List.of(
            "",
            "{ torn",
            "[]",
            "{\"version\":1}",
            "{\"state\":\"SLEEPING\",\"transitions\":[]}",
            "{\"startedAt\":\"yesterday\",\"transitions\":[]}",
            "{\"transitions\":[null]}")) {
      byte[] bytes = bad.getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> OLD.readValue(bytes, ResetJournal.class))
          .as("old mapper, %s", bad)
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> JournalJson.fromBytes(bytes))
          .as("codec, %s", bad)
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void theStoreReadsAFileTheOldMapperWroteAndReportsAnUnreadableOne(
      @TempDir java.nio.file.Path base) throws IOException {
    JournalStore store = new JournalStore(base);
    Files.createDirectories(store.dir());
    ResetJournal failed = journals().get(2);
    Files.write(store.dir().resolve(failed.id() + ".json"), OLD.writeValueAsBytes(failed));

    assertThat(store.all()).containsExactly(failed);
    assertThat(store.unfinished()).contains(failed);

    Files.writeString(store.dir().resolve("000155-1.json"), "{\"state\":\"DONE\"}");
    assertThatThrownBy(store::all)
        .isInstanceOf(OperationalException.class)
        .hasMessageContaining("unreadable reset journal")
        .hasMessageContaining("000155-1.json");
  }
}
