package dev.ephemery.runtime;

import dev.ephemery.common.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Engine API's authentication: an HS256 JWT with claim {@code iat} (accepted within +-60 s by
 * the execution clients), signed with the 32-byte secret shared by the EL and the CL.
 */
public final class EngineJwt {

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER =
      URL.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

  private EngineJwt() {}

  /** The secret from the file's text: 64 hex digits, an optional 0x, surrounding whitespace. */
  public static byte[] parseSecret(String where, String text) {
    String hex = text.strip();
    if (hex.startsWith("0x") || hex.startsWith("0X")) {
      hex = hex.substring(2);
    }
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw InvalidInputException.of(
          where, "the JWT secret is not 32 bytes of hex", "it must be 64 hex digits");
    }
    return HexFormat.of().parseHex(hex);
  }

  /** A bearer token for one request: {@code Authorization: Bearer <token>}. */
  public static String token(byte[] secret, Instant issuedAt) {
    String payload =
        URL.encodeToString(
            ("{\"iat\":" + issuedAt.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
    String signingInput = HEADER + "." + payload;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return signingInput
          + "."
          + URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
