package dev.ephemery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.client.Keystore;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The keystores tests use are real EIP-2335: the EIP's test vectors come out of them. */
class TestKeystoresTest {

  static final String PASSWORD = "𝔱𝔢𝔰𝔱𝔭𝔞𝔰𝔰𝔴𝔬𝔯𝔡🔑";
  static final String SECRET = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";
  static final String SALT = "d4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3";
  static final String IV = "264daa3f303d7259501c93d997d84fe6";
  static final String PUBKEY =
      "9612d7a727c9d0a22e185a1c768478dfe919cada9266988cb32359c11f2b7b27f4ae4040902382ae2910c15e2b420d07";

  /** EIP-2335's scrypt test vector. */
  public static final String SCRYPT_VECTOR =
      vector(
          "scrypt",
          "{\"dklen\": 32, \"n\": 262144, \"p\": 1, \"r\": 8, \"salt\": \"" + SALT + "\"}",
          "d2217fe5f3e9a1e34581ef8a78f7c9928e436d36dacc5e846690a5581e8ea484",
          "06ae90d55fe0a6e9c5c3bc5b170827b2e5cce3929ed3f116c2811e6366dfe20f",
          "m/12381/60/3141592653/589793238",
          "1d85ae20-35c5-4611-98e8-aa14a633906f");

  /** EIP-2335's PBKDF2 test vector. */
  public static final String PBKDF2_VECTOR =
      vector(
          "pbkdf2",
          "{\"dklen\": 32, \"c\": 262144, \"prf\": \"hmac-sha256\", \"salt\": \"" + SALT + "\"}",
          "8a9f5d9912ed7e75ea794bc5a89bca5f193721d30868ade6f73043c6ea6febf1",
          "cee03fde2af33149775b7223e7845e4fb2c8ae1792e5f99fe9ecf474cc8c16ad",
          "m/12381/60/0/0",
          "64625def-3331-4eea-ab6f-782f3ed16a83");

  static String vector(
      String kdf, String params, String checksum, String cipher, String path, String uuid) {
    return """
        {"crypto": {
          "kdf": {"function": "%s", "params": %s, "message": ""},
          "checksum": {"function": "sha256", "params": {}, "message": "%s"},
          "cipher": {"function": "aes-128-ctr", "params": {"iv": "%s"}, "message": "%s"}},
         "description": "test vector", "pubkey": "%s", "path": "%s", "uuid": "%s", "version": 4}
        """
        .formatted(kdf, params, checksum, IV, cipher, PUBKEY, path, uuid);
  }

  @Test
  void thePasswordIsNormalisedAsTheEipEncodesIt() {
    assertThat(HexFormat.of().formatHex(TestKeystores.normalize(PASSWORD)))
        .isEqualTo("7465737470617373776f7264f09f9491");
    assertThat(TestKeystores.normalize("a\u0000b\u007fc\u0085d e"))
        .isEqualTo("abcd e".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decryptsBothVectorsToTheirSecret() {
    assertThat(HexFormat.of().formatHex(TestKeystores.decrypt(SCRYPT_VECTOR, PASSWORD)))
        .isEqualTo(SECRET);
    assertThat(HexFormat.of().formatHex(TestKeystores.decrypt(PBKDF2_VECTOR, PASSWORD)))
        .isEqualTo(SECRET);
    assertThatThrownBy(() -> TestKeystores.decrypt(PBKDF2_VECTOR, "testpassword"))
        .hasMessageContaining("wrong password");
  }

  @Test
  void encryptingWithTheVectorsSaltAndIvGivesTheirChecksumAndCipher() {
    HexFormat hex = HexFormat.of();
    String scrypt =
        TestKeystores.encrypt(
            TestKeystores.Kdf.scrypt(262144),
            hex.parseHex(SECRET),
            PASSWORD,
            hex.parseHex(SALT),
            hex.parseHex(IV),
            PUBKEY,
            "m/12381/60/3141592653/589793238",
            "1d85ae20-35c5-4611-98e8-aa14a633906f");
    assertThat(scrypt)
        .contains("d2217fe5f3e9a1e34581ef8a78f7c9928e436d36dacc5e846690a5581e8ea484")
        .contains("06ae90d55fe0a6e9c5c3bc5b170827b2e5cce3929ed3f116c2811e6366dfe20f");
    String pbkdf2 =
        TestKeystores.encrypt(
            TestKeystores.Kdf.pbkdf2(262144),
            hex.parseHex(SECRET),
            PASSWORD,
            hex.parseHex(SALT),
            hex.parseHex(IV),
            PUBKEY,
            "m/12381/60/0/0",
            "64625def-3331-4eea-ab6f-782f3ed16a83");
    assertThat(pbkdf2)
        .contains("8a9f5d9912ed7e75ea794bc5a89bca5f193721d30868ade6f73043c6ea6febf1")
        .contains("cee03fde2af33149775b7223e7845e4fb2c8ae1792e5f99fe9ecf474cc8c16ad");
  }

  @Test
  void generatedKeystoresDecryptWithTheirPasswordAndParse() {
    for (TestKeystores.Kdf kdf :
        new TestKeystores.Kdf[] {TestKeystores.Kdf.fastScrypt(), TestKeystores.Kdf.fastPbkdf2()}) {
      TestKeystores.Generated generated = TestKeystores.generate(kdf, "hunter2-ephemery", 7);
      assertThat(TestKeystores.decrypt(generated.json(), "hunter2-ephemery"))
          .isEqualTo(generated.secret());
      assertThatThrownBy(() -> TestKeystores.decrypt(generated.json(), "hunter3"))
          .hasMessageContaining("wrong password");
      Keystore.Parsed parsed = Keystore.parse(generated.json());
      assertThat(parsed.problems()).isEmpty();
      assertThat(parsed.keystore().kdf()).isEqualTo(kdf.function());
      assertThat(parsed.keystore().pubkey()).isEqualTo(generated.pubkey()).hasSize(96);
      assertThat(parsed.keystore().path()).isEqualTo("m/12381/3600/7/0/0");
    }
    assertThat(TestKeystores.generate(TestKeystores.Kdf.fastPbkdf2(), "x", 1).json())
        .isEqualTo(TestKeystores.generate(TestKeystores.Kdf.fastPbkdf2(), "x", 1).json())
        .isNotEqualTo(TestKeystores.generate(TestKeystores.Kdf.fastPbkdf2(), "x", 2).json());
  }
}
