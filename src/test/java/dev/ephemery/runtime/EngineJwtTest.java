package dev.ephemery.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class EngineJwtTest {

  static final String SECRET_HEX =
      "0x7365637265747365637265747365637265747365637265747365637265747365";

  @Test
  void tokenCarriesHs256HeaderAndIssuedAtClaim() {
    byte[] secret = EngineJwt.parseSecret("jwt.hex", SECRET_HEX + "\n");
    String[] parts = EngineJwt.token(secret, Instant.ofEpochSecond(1_700_000_000L)).split("\\.");

    assertThat(parts).hasSize(3);
    assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8))
        .isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    assertThat(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
        .isEqualTo("{\"iat\":1700000000}");
    assertThat(parts[2]).doesNotContain("=");
  }

  @Test
  void signatureIsHmacSha256OfHeaderAndPayloadWithTheSecret() throws Exception {
    byte[] secret = EngineJwt.parseSecret("jwt.hex", SECRET_HEX);
    String token = EngineJwt.token(secret, Instant.ofEpochSecond(1));
    String signingInput = token.substring(0, token.lastIndexOf('.'));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(HexFormat.of().parseHex(SECRET_HEX.substring(2)), "HmacSHA256"));

    assertThat(token.substring(token.lastIndexOf('.') + 1))
        .isEqualTo(
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void rejectsASecretThatIsNot32BytesOfHex() {
    assertThatThrownBy(() -> EngineJwt.parseSecret("jwt.hex", "abc123"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("32 bytes of hex");
  }
}
