package dev.ephemery.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArgSplitterTest {

  @Test
  void splitsOnWhitespaceAndKeepsQuotedSpaces() {
    assertThat(
            ArgSplitter.split(
                    "  --a=1 --graffiti 'hello world' --x=\"two words\" --p=a\\ b --empty ''")
                .args())
        .containsExactly(
            "--a=1", "--graffiti", "hello world", "--x=two words", "--p=a b", "--empty", "");
  }

  @Test
  void keepsBackslashesInsideSingleQuotesAndUnescapesInsideDoubleQuotes() {
    assertThat(ArgSplitter.split("'a\\b' \"c\\\"d\\\\e\"").args())
        .containsExactly("a\\b", "c\"d\\e");
  }

  @Test
  void reportsAnUnterminatedQuote() {
    assertThat(ArgSplitter.split("--graffiti 'oops").error()).contains("unterminated single quote");
    assertThat(ArgSplitter.split("--x=\"oops").error()).contains("unterminated double quote");
  }

  @Test
  void emptyStringHasNoArguments() {
    assertThat(ArgSplitter.split("   ").args()).isEmpty();
  }
}
