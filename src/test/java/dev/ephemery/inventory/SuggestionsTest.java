package dev.ephemery.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void findsCloseWordsOnly() {
    List<String> keys = InventorySchema.HostKeys.SECTION.keyNames();
    assertThat(Suggestions.closest("bseDir", keys)).contains("baseDir");
    assertThat(Suggestions.closest("basedir", keys)).contains("baseDir");
    assertThat(Suggestions.closest("ssh_key_file", keys)).contains("sshKeyFile");
    assertThat(Suggestions.closest("exectuion", keys)).contains("execution");
    assertThat(Suggestions.closest("zzz", keys)).isEmpty();
    assertThat(Suggestions.closest("lighthose", ConsensusClient.ids())).contains("lighthouse");
    assertThat(Suggestions.closest("prism", ConsensusClient.ids())).contains("prysm");
  }

  @Test
  void countsATranspositionAsOneEdit() {
    assertThat(Suggestions.distance("tkeu", "teku")).isEqualTo(1);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
  }
}
