package dev.ephemery.health.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request NodeHttp writes: the Host it is given, extra headers, never a smuggled line. */
class NodeHttpRequestTest {

  @Test
  void aRequestNamesItsHostAndCarriesItsHeadersAndBody() {
    String request =
        new String(
            NodeHttp.request(
                "el", 8551, "POST", "/", "{}", Map.of("Authorization", "Bearer abc.def.ghi")),
            StandardCharsets.US_ASCII);

    assertThat(request)
        .startsWith("POST / HTTP/1.0\r\nHost: el:8551\r\n")
        .contains("\r\nAuthorization: Bearer abc.def.ghi\r\n")
        .contains("\r\nContent-Length: 2\r\n")
        .endsWith("\r\n\r\n{}");
  }

  @Test
  void aHeaderWithALineBreakIsRefused() {
    assertThatThrownBy(
            () -> NodeHttp.request("el", 1, "GET", "/", null, Map.of("X", "a\r\nInjected: 1")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
