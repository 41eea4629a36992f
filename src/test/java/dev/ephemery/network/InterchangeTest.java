package dev.ephemery.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.Problem;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class InterchangeTest {

  static final String ROOT = "0x" + "ab".repeat(32);
  static final String OTHER_ROOT = "0x" + "cd".repeat(32);
  static final String KEY = "0x" + "a1".repeat(48);
  static final String STRANGER = "0x" + "b2".repeat(48);

  static String file(String version, String root, String data) {
    return "{\"metadata\":{\"interchange_format_version\":"
        + version
        + ",\"genesis_validators_root\":\""
        + root
        + "\"},\"data\":"
        + data
        + "}";
  }

  static String record(String pubkey, String blocks, String attestations) {
    return "{\"pubkey\":\""
        + pubkey
        + "\",\"signed_blocks\":"
        + blocks
        + ",\"signed_attestations\":"
        + attestations
        + "}";
  }

  static final String VALID =
      file(
          "\"5\"",
          ROOT,
          "["
              + record(
                  KEY,
                  "[{\"slot\":\"81952\",\"signing_root\":\"0x" + "11".repeat(32) + "\"}]",
                  "[{\"source_epoch\":\"2290\",\"target_epoch\":\"3007\"}]")
              + "]");

  static List<String> problems(String text) {
    return Interchange.check("in.json", text, ROOT, List.of(KEY)).stream()
        .map(Problem::describe)
        .toList();
  }

  @Test
  void aValidFileForTheRunningChainAndHeldKeysHasNoProblem() {
    assertThat(problems(VALID)).isEmpty();
    assertThat(Interchange.summary(VALID).pubkeys()).containsExactly(KEY);
  }

  @Test
  void refusesAFileOfAnotherChain() {
    assertThat(problems(VALID.replace(ROOT, OTHER_ROOT)))
        .singleElement()
        .asString()
        .contains("metadata.genesis_validators_root", "not the running iteration's " + ROOT);
  }

  @Test
  void refusesWhatIsNotJsonWithItsLine() {
    List<Problem> found = Interchange.check("in.json", "{\n\"metadata\": [", ROOT, List.of(KEY));
    assertThat(found)
        .singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("not JSON"));
    assertThat(problems("[1,2]")).singleElement().asString().contains("not an EIP-3076");
  }

  @Test
  void refusesAnotherFormatVersionAndANumberForIt() {
    assertThat(problems(VALID.replace("\"5\"", "\"4\"")))
        .singleElement()
        .asString()
        .contains("interchange_format_version", "must be \"5\"");
    assertThat(problems(VALID.replace("\"5\"", "5")))
        .singleElement()
        .asString()
        .contains("interchange_format_version", "missing");
  }

  @Test
  void refusesMissingFields() {
    assertThat(problems("{\"metadata\":{}}"))
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).contains("genesis_validators_root: missing"))
        .anySatisfy(p -> assertThat(p).contains("data: missing"));
    assertThat(problems(file("\"5\"", ROOT, "[{\"pubkey\":\"" + KEY + "\"}]")))
        .containsExactly(
            "in.json: data[0].signed_blocks: missing or not a list",
            "in.json: data[0].signed_attestations: missing or not a list");
    assertThat(problems(VALID.replace("\"target_epoch\":\"3007\"", "\"x\":\"1\"")))
        .containsExactly(
            "in.json: data[0].signed_attestations[0].target_epoch: missing or not a decimal string");
  }

  @Test
  void refusesBadHex() {
    assertThat(problems(VALID.replace(KEY, KEY.substring(0, 90))))
        .containsExactly("in.json: data[0].pubkey: not 0x and 96 hex digits");
    assertThat(problems(VALID.replace(ROOT, "0xzz" + ROOT.substring(4))))
        .containsExactly("in.json: metadata.genesis_validators_root: not 0x and 64 hex digits");
    assertThat(problems(VALID.replace("0x" + "11".repeat(32), "0x11")))
        .containsExactly(
            "in.json: data[0].signed_blocks[0].signing_root: not 0x and 64 hex digits");
    assertThat(problems(VALID.replace("\"81952\"", "\"-1\"")))
        .containsExactly("in.json: data[0].signed_blocks[0].slot: missing or not a decimal string");
  }

  @Test
  void refusesKeysTheNodeDoesNotHold() {
    String text = file("\"5\"", ROOT, "[" + record(STRANGER, "[]", "[]") + "]");
    assertThat(problems(text))
        .singleElement()
        .asString()
        .contains("data[0].pubkey", STRANGER + " is not a key this node holds");
  }

  @Test
  void keysCompareWithoutCase() {
    String text =
        file(
            "\"5\"",
            ROOT.toUpperCase(Locale.ROOT).replace("0X", "0x"),
            "[" + record(KEY.toUpperCase(Locale.ROOT).replace("0X", "0x"), "[]", "[]") + "]");
    assertThat(problems(text)).isEmpty();
  }

  @Test
  void aRegistrationIsAValidFileWithTheKeysAndNoHistory() {
    String registration = Interchange.registration(ROOT, List.of(KEY, KEY));
    assertThat(problems(registration)).isEmpty();
    assertThat(Interchange.summary(registration))
        .isEqualTo(new Interchange.Summary(ROOT, List.of(KEY)));
    assertThat(registration)
        .contains("\"signed_blocks\" : [ ]", "\"interchange_format_version\" : \"5\"");
    assertThatThrownBy(() -> Interchange.registration(ROOT, List.of("0x12")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
