package dev.ephemery.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/troubleshooting.md is what the rules generate; -Dephemery.writeDocs=true rewrites it. */
class TroubleshootingDocTest {

  static final Path DOC = Path.of("docs/troubleshooting.md");

  @Test
  void theDocIsGeneratedFromTheRules() throws IOException {
    String generated = TroubleshootingDoc.render();
    if (Boolean.getBoolean("ephemery.writeDocs")) {
      Files.writeString(DOC, generated);
    }
    assertThat(DOC).as("run this test with -Dephemery.writeDocs=true").exists();
    assertThat(Files.readString(DOC))
        .as("docs/troubleshooting.md differs from the rules: rerun with -Dephemery.writeDocs=true")
        .isEqualTo(generated);
    for (DoctorRules.Rule rule : DoctorRules.RULES) {
      assertThat(generated).contains("<a id=\"" + rule.id() + "\">").contains(rule.fix());
    }
  }
}
