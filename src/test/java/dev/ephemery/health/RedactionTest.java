package dev.ephemery.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {

  static final String JWT_HEX = "7f2c1d0e9a8b7c6d5e4f30211f2e3d4c5b6a79887766554433221100ffeeddcc";

  @Test
  void secretsOfEveryShapeGo() {
    String text =
        String.join(
            "\n",
            "jwt " + JWT_HEX,
            "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJpYXQiOjF9.c2lnbmF0dXJl",
            "--validators-password=hunter2-very-secret",
            "EPHEMERY_TOKEN: tok_abcdef123456",
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA\n-----END OPENSSH PRIVATE KEY-----",
            "{\"crypto\":{\"cipher\":{\"message\":\"c0ffee00c0ffee00\"},\"checksum\":{\"message\":\"beefbeef\"},\"kdf\":{\"params\":{\"salt\":\"5a175a17\"}}}}",
            "known: my-own-known-secret");
    String out = Redaction.redact(text, List.of("my-own-known-secret"));
    assertThat(out)
        .doesNotContain(JWT_HEX)
        .doesNotContain("eyJhbGciOiJIUzI1NiJ9")
        .doesNotContain("hunter2-very-secret")
        .doesNotContain("tok_abcdef123456")
        .doesNotContain("b3BlbnNzaC1rZXktdjEAAAA")
        .doesNotContain("c0ffee00c0ffee00")
        .doesNotContain("5a175a17")
        .doesNotContain("my-own-known-secret")
        .contains(Redaction.MARK);
  }

  @Test
  void whatIsNotSecretStays() {
    String text =
        "genesis_validators_root 0x" + "ab".repeat(32) + " chain id 39438153 --network /testnet";
    assertThat(Redaction.redact(text, List.of())).isEqualTo(text);
  }
}
