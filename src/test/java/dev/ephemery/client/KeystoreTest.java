package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeystoreTest {

  static final String VALID =
      """
      {"crypto": {
        "kdf": {"function": "scrypt",
                "params": {"dklen": 32, "n": 262144, "p": 1, "r": 8,
                           "salt": "d4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3"},
                "message": ""},
        "checksum": {"function": "sha256", "params": {},
                     "message": "d2217fe5f3e9a1e34581ef8a78f7c9928e436d36dacc5e846690a5581e8ea484"},
        "cipher": {"function": "aes-128-ctr", "params": {"iv": "264daa3f303d7259501c93d997d84fe6"},
                   "message": "06ae90d55fe0a6e9c5c3bc5b170827b2e5cce3929ed3f116c2811e6366dfe20f"}},
       "pubkey": "9612D7A727C9D0A22E185A1C768478DFE919CADA9266988CB32359C11F2B7B27F4AE4040902382AE2910C15E2B420D07",
       "path": "m/12381/60/3141592653/589793238",
       "uuid": "1d85ae20-35c5-4611-98e8-aa14a633906f",
       "version": 4}
      """;

  @Test
  void readsThePublicPartOfAnEip2335Keystore() {
    Keystore.Parsed parsed = Keystore.parse(VALID);
    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.keystore())
        .isEqualTo(
            new Keystore(
                "9612d7a727c9d0a22e185a1c768478dfe919cada9266988cb32359c11f2b7b27f4ae4040902382ae2910c15e2b420d07",
                "m/12381/60/3141592653/589793238",
                "scrypt",
                "1d85ae20-35c5-4611-98e8-aa14a633906f"));
  }

  @Test
  void reportsEveryProblemByFieldAndNeverItsValue() {
    String broken =
        VALID
            .replace("\"version\": 4", "\"version\": 3")
            .replace("\"scrypt\"", "\"argon2\"")
            .replace("\"aes-128-ctr\"", "\"aes-256-gcm\"")
            .replace("\"path\": \"m/12381/60/3141592653/589793238\",", "")
            .replace("9612D7A7", "")
            .replace("264daa3f303d7259501c93d997d84fe6", "264daa")
            .replace("1d85ae20-35c5", "not-a-uuid");
    Keystore.Parsed parsed = Keystore.parse(broken);
    assertThat(parsed.valid()).isFalse();
    assertThat(parsed.problems())
        .containsExactlyInAnyOrder(
            "version is not 4 (an EIP-2335 keystore; version 3 is an execution-layer wallet)",
            "crypto.kdf.function is neither scrypt nor pbkdf2",
            "crypto.cipher.function is not aes-128-ctr",
            "crypto.cipher.params.iv is not 16 bytes long",
            "pubkey is not a 48-byte BLS public key (96 hex digits)",
            "path is missing",
            "uuid is not a UUID");
    assertThat(String.join(" ", parsed.problems()))
        .doesNotContain("06ae90d5")
        .doesNotContain("d2217fe5")
        .doesNotContain("264daa");
  }

  @Test
  void missingModulesAndChecksumAreNamed() {
    Keystore.Parsed parsed =
        Keystore.parse(
            "{\"crypto\": {\"kdf\": {\"function\": \"pbkdf2\", \"params\": {\"dklen\": 32,"
                + " \"c\": 0, \"salt\": \"00\"}, \"message\": \"\"}}, \"pubkey\": \"\","
                + " \"path\": \"\", \"uuid\": \"1d85ae20-35c5-4611-98e8-aa14a633906f\","
                + " \"version\": 4}");
    assertThat(parsed.problems())
        .containsExactlyInAnyOrder(
            "crypto.kdf.params.c is not a positive integer",
            "crypto.kdf.params.prf is not hmac-sha256",
            "crypto.checksum is missing",
            "crypto.cipher is missing",
            "pubkey is not a 48-byte BLS public key (96 hex digits)");
  }

  @Test
  void notJsonSaysWhereButNotWhat() {
    Keystore.Parsed parsed = Keystore.parse("{\"a\": 1}\nsupersecretpassword");
    assertThat(parsed.problems()).hasSize(1);
    assertThat(parsed.problems().get(0)).startsWith("not valid JSON").doesNotContain("supersecret");
    assertThat(Keystore.parse("supersecretpassword\n").problems().get(0))
        .isEqualTo("not valid JSON (line 1, column 1)");
    assertThat(Keystore.parse("[1, 2]").problems()).containsExactly("not a JSON object");
    assertThat(Keystore.parse("").problems()).containsExactly("not valid JSON");
  }
}
