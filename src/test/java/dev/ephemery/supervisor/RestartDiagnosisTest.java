package dev.ephemery.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestartDiagnosisTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "error: invalid value 'ephemery' for '--network <network>'|--testnet-dir",
        "flag provided but not defined: -txlookuplimit|--history.transactions",
        "Fatal: invalid command: \"geth\"|drop the binary name",
        "WARN Error during execution payload call error: Auth(InvalidToken)|jwt.hex",
        "ERRO Failed jwt authorization|jwt.hex",
        "CRIT Snapshot state appears to be from the wrong network. Genesis validators root is 0x1|--checkpoint-sync-url",
        "A network with deposit contract should specify the deposit contract deployment block hash in a file name deposit_contract_block_hash.txt|reinstall the verified release",
        "The specified --data-dir contains data for a different network|ephemery reset --force",
        "Execution Client request failed. Check the same JWT secret is configured for Teku and the Execution Client.|jwt.hex",
        "Unknown option: '--Xv5-discovery-enabled'|remove the option",
      })
  void namesCauseAndFixFromTheClientsOwnErrorText(String line, String fixContains) {
    var found = RestartDiagnosis.diagnose(List.of("INFO starting", line, "INFO shutting down"));
    assertThat(found).isPresent();
    assertThat(found.get().fix()).contains(fixContains);
    assertThat(found.get().line()).isEqualTo(line);
  }

  @Test
  void theNewestMatchingLineDecides() {
    var found =
        RestartDiagnosis.diagnose(
            List.of("flag provided but not defined: -x", "ERRO Failed jwt authorization"));
    assertThat(found.orElseThrow().cause()).contains("JWT");
  }

  @Test
  void unknownTextsAreNotGuessed() {
    assertThat(RestartDiagnosis.diagnose(List.of("INFO all good", "panic: something new")))
        .isEmpty();
    assertThat(RestartDiagnosis.diagnose(List.of())).isEmpty();
  }
}
