package dev.ephemery.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.network.ValidatorStates.KeyState;
import dev.ephemery.network.ValidatorStates.State;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ValidatorStatesTest {

  static final String A = "0x" + "aa".repeat(48);
  static final String B = "0x" + "bb".repeat(48);

  @Test
  void everySpecStatusFoldsIntoTheOperatorsSix() {
    assertThat(ValidatorStates.of("pending_initialized", false)).isEqualTo(State.PENDING);
    assertThat(ValidatorStates.of("pending_queued", false)).isEqualTo(State.PENDING);
    // the spec's newer names for the same two
    assertThat(ValidatorStates.of("pending_minBalance", false)).isEqualTo(State.PENDING);
    assertThat(ValidatorStates.of("pending_lookahead", false)).isEqualTo(State.PENDING);
    assertThat(ValidatorStates.of("active_ongoing", false)).isEqualTo(State.ACTIVE);
    assertThat(ValidatorStates.of("active_exiting", false)).isEqualTo(State.EXITING);
    assertThat(ValidatorStates.of("active_slashed", true)).isEqualTo(State.SLASHED);
    assertThat(ValidatorStates.of("exited_unslashed", false)).isEqualTo(State.EXITED);
    assertThat(ValidatorStates.of("exited_slashed", true)).isEqualTo(State.SLASHED);
    assertThat(ValidatorStates.of("withdrawal_possible", false)).isEqualTo(State.EXITED);
    assertThat(ValidatorStates.of("withdrawal_done", false)).isEqualTo(State.EXITED);
    // withdrawal_* says nothing of slashing: the validator's own flag does
    assertThat(ValidatorStates.of("withdrawal_possible", true)).isEqualTo(State.SLASHED);
    assertThat(ValidatorStates.of("active", false)).isEqualTo(State.UNKNOWN);
  }

  @Test
  void onlyActiveAndPendingAreFine() {
    assertThat(List.of(State.values()).stream().filter(State::fine))
        .containsExactlyInAnyOrder(State.ACTIVE, State.PENDING);
  }

  @Test
  void aKeyTheAnswerLeavesOutIsNotDeposited() {
    String body =
        """
        {"execution_optimistic":false,"finalized":false,"data":[
          {"index":"7","balance":"32000000000","status":"active_ongoing",
           "validator":{"pubkey":"%s","slashed":false}}]}
        """
            .formatted(A.toUpperCase(Locale.ROOT).replace("0X", "0x"));
    Map<String, KeyState> known = ValidatorStates.parse(body);
    List<KeyState> states = ValidatorStates.states(List.of(A, B), known);
    assertThat(states)
        .containsExactly(
            new KeyState(A, State.ACTIVE, "active_ongoing", "7"),
            new KeyState(B, State.NOT_DEPOSITED, null, null));
    assertThat(ValidatorStates.needingDeposit(states)).isEqualTo(1);
    assertThat(ValidatorStates.exitCode(states)).isEqualTo(1);
  }

  @Test
  void exitCodeIsZeroOnlyWhenEveryKeyIsActiveOrPending() {
    KeyState active = new KeyState(A, State.ACTIVE, "active_ongoing", "1");
    KeyState pending = new KeyState(B, State.PENDING, "pending_queued", "2");
    assertThat(ValidatorStates.exitCode(List.of(active, pending))).isZero();
    for (State bad :
        List.of(State.NOT_DEPOSITED, State.EXITING, State.EXITED, State.SLASHED, State.UNKNOWN)) {
      assertThat(ValidatorStates.exitCode(List.of(active, new KeyState(B, bad, "x", "2"))))
          .as(bad.label())
          .isEqualTo(1);
    }
    assertThat(ValidatorStates.exitCode(List.of())).as("no key validates nothing").isEqualTo(1);
  }

  @Test
  void anAnswerOutOfTheSpecIsRefused() {
    assertThatThrownBy(() -> ValidatorStates.parse("<html>")).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> ValidatorStates.parse("{\"data\":{}}"))
        .hasMessageContaining("no data array");
    assertThatThrownBy(() -> ValidatorStates.parse("{\"data\":[{\"status\":\"active_ongoing\"}]}"))
        .hasMessageContaining("validator.pubkey");
  }

  @Test
  void requestsCarryAtMost64Ids() {
    List<String> keys = IntStream.range(0, 130).mapToObj(i -> "0x" + i).toList();
    assertThat(ValidatorStates.batches(keys)).extracting(List::size).containsExactly(64, 64, 2);
    assertThat(ValidatorStates.batches(List.of())).isEmpty();
  }

  @Test
  void depositHelpNamesFaucetsLaunchpadAndTheReleasesContract() {
    String contract = "0x00000000219ab540356cBB839Cbe05303d7705Fa";
    String help = String.join("\n", ValidatorStates.depositHelp(contract));
    assertThat(help)
        .contains("https://faucet.bordel.wtf/")
        .contains("https://ephemery-faucet.pk910.de/")
        .contains("https://launchpad.ephemery.dev/")
        .contains(contract);
    assertThat(String.join("\n", ValidatorStates.depositHelp(null)))
        .contains("https://launchpad.ephemery.dev/")
        .doesNotContain("deposit contract of this iteration");
  }
}
