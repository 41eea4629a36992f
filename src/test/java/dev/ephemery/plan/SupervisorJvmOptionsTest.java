package dev.ephemery.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The supervisor container runs with the options the launcher gives `ephemery run`. */
class SupervisorJvmOptionsTest {

  @Test
  void theContainerAndTheLauncherStartTheSupervisorAlike() throws Exception {
    String launcher = Files.readString(Path.of("ephemery"));
    Matcher block =
        Pattern.compile(
                "if \\[ \"\\$\\{1:-}\" = \"run\" \\]; then.*?\\n  opts=\\(([^)]*)\\)",
                Pattern.DOTALL)
            .matcher(launcher);
    assertThat(block.find()).as("the launcher's run options").isTrue();
    List<String> launcherOptions = new ArrayList<>(List.of(block.group(1).trim().split("\\s+")));
    assertThat(launcher).contains("opts+=(-XX:TrimNativeHeapInterval=10000)");
    launcherOptions.add("-XX:TrimNativeHeapInterval=10000");

    assertThat(Planner.SUPERVISOR_JVM_OPTIONS).containsExactlyElementsOf(launcherOptions);
  }
}
