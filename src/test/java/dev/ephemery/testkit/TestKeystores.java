package dev.ephemery.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Real EIP-2335 keystores for tests: encrypted with scrypt or PBKDF2-SHA-256 and AES-128-CTR
 * exactly as the EIP says, so a validator client can decrypt them with their password, and checked
 * against the EIP's own test vectors.
 *
 * <p>The secret is random and the {@code pubkey} is NOT its BLS12-381 public key (no BLS library
 * here): it is 48 bytes derived from the secret by SHA-256. Clients that derive the public key from
 * the secret and compare will reject such a keystore; everything that only reads or decrypts it
 * (the tool's checks, the clients' import of the file) sees a well-formed keystore.
 */
public final class TestKeystores {

  private static final HexFormat HEX = HexFormat.of();
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestKeystores() {}

  /** The key derivation and its cost; the EIP's own values are slow (256 MiB for scrypt). */
  public record Kdf(String function, int cost, int r, int p) {
    public static Kdf scrypt(int n) {
      return new Kdf("scrypt", n, 8, 1);
    }

    public static Kdf pbkdf2(int c) {
      return new Kdf("pbkdf2", c, 0, 0);
    }

    /** Cheap enough for a unit test, still accepted by the clients. */
    public static Kdf fastScrypt() {
      return scrypt(1 << 14);
    }

    public static Kdf fastPbkdf2() {
      return pbkdf2(1 << 14);
    }
  }

  /**
   * One keystore and what it was made from.
   *
   * @param checksum {@code crypto.checksum.message}, hex
   * @param cipherMessage {@code crypto.cipher.message} (the encrypted secret), hex
   */
  // The secret stays raw bytes, as the keystore derives it; tests compare its fields, never
  // records.
  @SuppressWarnings("ArrayRecordComponent")
  public record Generated(
      String json,
      String password,
      byte[] secret,
      String pubkey,
      String checksum,
      String cipherMessage,
      String fileName) {}

  /** A keystore of a random secret; {@code seed} makes it the same on every run. */
  public static Generated generate(Kdf kdf, String password, long seed) {
    Random random = new Random(seed);
    byte[] secret = bytes(random, 32);
    secret[0] &= 0x3F; // below the BLS12-381 group order, as a real secret key is
    byte[] salt = bytes(random, 32);
    byte[] iv = bytes(random, 16);
    byte[] digest = sha256(secret);
    byte[] pubkey = Arrays.copyOf(digest, 48);
    System.arraycopy(sha256(digest), 0, pubkey, 32, 16);
    String uuid = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    int index = (int) (seed & 0xFFFF);
    String path = "m/12381/3600/" + index + "/0/0";
    String json = encrypt(kdf, secret, password, salt, iv, HEX.formatHex(pubkey), path, uuid);
    JsonNode crypto = tree(json).get("crypto");
    return new Generated(
        json,
        password,
        secret,
        HEX.formatHex(pubkey),
        crypto.get("checksum").get("message").asText(),
        crypto.get("cipher").get("message").asText(),
        "keystore-m_12381_3600_" + index + "_0_0-1700000000.json");
  }

  /** The keystore JSON of {@code secret}, with the given salt and iv (EIP-2335 encryption). */
  public static String encrypt(
      Kdf kdf,
      byte[] secret,
      String password,
      byte[] salt,
      byte[] iv,
      String pubkey,
      String path,
      String uuid) {
    byte[] key = derive(kdf, normalize(password), salt);
    byte[] cipherMessage = aes128Ctr(key, iv, secret);
    byte[] checksum = checksum(key, cipherMessage);
    String params =
        kdf.function().equals("scrypt")
            ? "{\"dklen\": 32, \"n\": %d, \"r\": %d, \"p\": %d, \"salt\": \"%s\"}"
                .formatted(kdf.cost(), kdf.r(), kdf.p(), HEX.formatHex(salt))
            : "{\"dklen\": 32, \"c\": %d, \"prf\": \"hmac-sha256\", \"salt\": \"%s\"}"
                .formatted(kdf.cost(), HEX.formatHex(salt));
    return """
        {
          "crypto": {
            "kdf": {"function": "%s", "params": %s, "message": ""},
            "checksum": {"function": "sha256", "params": {}, "message": "%s"},
            "cipher": {"function": "aes-128-ctr", "params": {"iv": "%s"}, "message": "%s"}
          },
          "description": "",
          "pubkey": "%s",
          "path": "%s",
          "uuid": "%s",
          "version": 4
        }
        """
        .formatted(
            kdf.function(),
            params,
            HEX.formatHex(checksum),
            HEX.formatHex(iv),
            HEX.formatHex(cipherMessage),
            pubkey,
            path,
            uuid);
  }

  /** The secret of a keystore; fails when the password does not match its checksum. */
  public static byte[] decrypt(String json, String password) {
    JsonNode crypto = tree(json).get("crypto");
    JsonNode kdfNode = crypto.get("kdf");
    JsonNode params = kdfNode.get("params");
    String function = kdfNode.get("function").asText();
    Kdf kdf =
        function.equals("scrypt")
            ? new Kdf(
                "scrypt", params.get("n").asInt(), params.get("r").asInt(), params.get("p").asInt())
            : Kdf.pbkdf2(params.get("c").asInt());
    byte[] key = derive(kdf, normalize(password), HEX.parseHex(params.get("salt").asText()));
    byte[] cipherMessage = HEX.parseHex(crypto.get("cipher").get("message").asText());
    byte[] expected = HEX.parseHex(crypto.get("checksum").get("message").asText());
    if (!MessageDigest.isEqual(checksum(key, cipherMessage), expected)) {
      throw new IllegalArgumentException("wrong password: the checksum does not match");
    }
    byte[] iv = HEX.parseHex(crypto.get("cipher").get("params").get("iv").asText());
    return aes128Ctr(key, iv, cipherMessage);
  }

  /** EIP-2335 password processing: NFKD, then C0, C1 and DEL removed, then UTF-8. */
  public static byte[] normalize(String password) {
    String nfkd = Normalizer.normalize(password, Normalizer.Form.NFKD);
    StringBuilder kept = new StringBuilder();
    nfkd.codePoints()
        .filter(c -> !(c <= 0x1F || c == 0x7F || (c >= 0x80 && c <= 0x9F)))
        .forEach(kept::appendCodePoint);
    return kept.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] derive(Kdf kdf, byte[] password, byte[] salt) {
    if (kdf.function().equals("scrypt")) {
      return SCrypt.generate(password, salt, kdf.cost(), kdf.r(), kdf.p(), 32);
    }
    PKCS5S2ParametersGenerator pbkdf2 = new PKCS5S2ParametersGenerator(new SHA256Digest());
    pbkdf2.init(password, salt, kdf.cost());
    return ((KeyParameter) pbkdf2.generateDerivedParameters(256)).getKey();
  }

  /** SHA-256 of the key's second half and the cipher message: the password check. */
  private static byte[] checksum(byte[] key, byte[] cipherMessage) {
    byte[] preImage = new byte[16 + cipherMessage.length];
    System.arraycopy(key, 16, preImage, 0, 16);
    System.arraycopy(cipherMessage, 0, preImage, 16, cipherMessage.length);
    return sha256(preImage);
  }

  private static byte[] aes128Ctr(byte[] key, byte[] iv, byte[] input) {
    try {
      Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
      aes.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(Arrays.copyOf(key, 16), "AES"),
          new IvParameterSpec(iv));
      return aes.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not JSON", e);
    }
  }
}
