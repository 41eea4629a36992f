package dev.ephemery.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LabelKeysTest {

  @Test
  void keysAreTheOnesExistingContainersCarry() {
    // Containers already running carry these strings: a renamed key would orphan them.
    assertThat(
            List.of(
                LabelKeys.NODE,
                LabelKeys.ROLE,
                LabelKeys.CLIENT,
                LabelKeys.SERVICE,
                LabelKeys.ITERATION,
                LabelKeys.FLAVOR,
                LabelKeys.PLAN_HASH,
                LabelKeys.INPUTS_HASH,
                LabelKeys.HELPER))
        .containsExactly(
            "ephemery.node",
            "ephemery.role",
            "ephemery.client",
            "ephemery.service",
            "ephemery.iteration",
            "ephemery.flavor",
            "ephemery.plan-hash",
            "ephemery.inputs-hash",
            "ephemery.helper");
  }

  @Test
  void noOtherMainSourceSpellsOutALabelKey() throws IOException {
    Pattern key =
        Pattern.compile(
            "\"ephemery\\.(node|role|client|service|iteration|flavor|plan-hash|inputs-hash|helper)"
                + "[\"=]");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (file.endsWith(Path.of("dev/ephemery/plan/LabelKeys.java"))) {
          continue;
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          // Comments may show a key; only code must name it through LabelKeys.
          boolean comment = line.startsWith("*") || line.startsWith("/*") || line.startsWith("//");
          if (!comment && key.matcher(line).find()) {
            found.add(file + ":" + (i + 1));
          }
        }
      }
    }
    assertThat(found).as("label keys belong in LabelKeys").isEmpty();
  }
}
