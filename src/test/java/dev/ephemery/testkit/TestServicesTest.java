package dev.ephemery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.testkit.TestServices.Service;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class TestServicesTest {

  @Test
  void returnsTheValueWhenPresent() {
    assertThat(TestServices.require(Service.SSH_PORT, Map.of("EPHEMERY_IT_SSH_PORT", "2222")))
        .isEqualTo("2222");
  }

  @Test
  void missingServiceFailsUnderCiAndAbortsElsewhere() {
    // the same code path runs with and without -Pci; each asserts its own mode
    Class<? extends Throwable> expected =
        TestServices.isCi() ? AssertionFailedError.class : TestAbortedException.class;
    assertThatThrownBy(() -> TestServices.require(Service.PROMTOOL, Map.of()))
        .isInstanceOf(expected)
        .hasMessageContaining("EPHEMERY_IT_PROMTOOL is not set");
    assertThatThrownBy(
            () ->
                TestServices.require(
                    Service.PROMTOOL, Map.of("EPHEMERY_IT_PROMTOOL", "/nonexistent/promtool")))
        .isInstanceOf(expected)
        .hasMessageContaining("does not exist");
  }
}
