package dev.ephemery.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real execution client checks Engine API JWTs: the right secret is accepted, another secret is
 * refused with HTTP 401. The token is built here with javax.crypto.Mac on purpose, independent of
 * the main code's JWT helper, so this test validates the peer and not our own code.
 */
class EthereumJsEngineIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dir;
  private static byte[] secret;
  private static EthereumJsNode node;

  @BeforeAll
  static void startNode() throws Exception {
    secret = randomSecret();
    Path secretFile = dir.resolve("jwt.hex");
    Files.writeString(secretFile, "0x" + HexFormat.of().formatHex(secret));
    node = EthereumJsNode.start(secretFile);
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void exchangeCapabilitiesWithTheRightSecret() throws Exception {
    HttpResponse<String> response = exchangeCapabilities(jwt(secret, Instant.now()));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode result = JSON.readTree(response.body()).get("result");
    assertThat(result).as(response.body()).isNotNull();
    assertThat(result.isArray()).isTrue();
    assertThat(result.toString()).contains("engine_newPayloadV1");
  }

  @Test
  void tokenSignedWithAnotherSecretIsRefused() throws Exception {
    HttpResponse<String> response = exchangeCapabilities(jwt(randomSecret(), Instant.now()));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
  }

  @Test
  void missingTokenIsRefused() throws Exception {
    HttpResponse<String> response = exchangeCapabilities(null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
  }

  private static HttpResponse<String> exchangeCapabilities(String token) throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine_exchangeCapabilities\","
            + "\"params\":[[\"engine_newPayloadV1\",\"engine_forkchoiceUpdatedV1\"]]}";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(node.engineUri())
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** HS256 JWT with only {@code iat}, as the Engine API authentication spec requires. */
  static String jwt(byte[] key, Instant issuedAt) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        b64.encodeToString(
            ("{\"iat\":" + issuedAt.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    String signature =
        b64.encodeToString(
            mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
    return header + "." + payload + "." + signature;
  }

  private static byte[] randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
