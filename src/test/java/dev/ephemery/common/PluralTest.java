package dev.ephemery.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTest {
  @Test
  void oneIsSingularEverythingElsePlural() {
    assertThat(Plural.of(1, "problem")).isEqualTo("1 problem");
    assertThat(Plural.of(0, "problem")).isEqualTo("0 problems");
    assertThat(Plural.of(2, "container")).isEqualTo("2 containers");
  }
}
