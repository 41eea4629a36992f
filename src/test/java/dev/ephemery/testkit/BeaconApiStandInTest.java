package dev.ephemery.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in answers in the beacon-APIs shapes, so tests built on it test the right thing. */
class BeaconApiStandInTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private BeaconApiStandIn beacon;

  @BeforeEach
  void start() {
    beacon = BeaconApiStandIn.start();
  }

  @AfterEach
  void stop() {
    beacon.close();
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(beacon.baseUri() + pathAndQuery))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void genesisHasTheSpecShape() throws Exception {
    String root = "0x" + "0".repeat(62) + "2a";
    beacon.genesis(1_638_993_340L, root, "0x1000101b");

    HttpResponse<String> response = get(BeaconApiStandIn.GENESIS);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode data = JSON.readTree(response.body()).get("data");
    // uint64 values are JSON strings in the beacon API
    assertThat(data.get("genesis_time").isTextual()).isTrue();
    assertThat(data.get("genesis_time").asText()).isEqualTo("1638993340");
    assertThat(data.get("genesis_validators_root").asText()).isEqualTo(root).hasSize(66);
    assertThat(data.get("genesis_fork_version").asText()).isEqualTo("0x1000101b");
  }

  @Test
  void genesisIs404BeforeGenesisIsKnown() throws Exception {
    beacon.noGenesis();

    HttpResponse<String> response = get(BeaconApiStandIn.GENESIS);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).get("code").asInt()).isEqualTo(404);
  }

  @Test
  void healthFollowsTheConfiguredState() throws Exception {
    assertThat(get(BeaconApiStandIn.HEALTH).statusCode()).isEqualTo(200);

    beacon.syncing(100, 20);
    assertThat(get(BeaconApiStandIn.HEALTH).statusCode()).isEqualTo(206);
    assertThat(get(BeaconApiStandIn.HEALTH + "?syncing_status=200").statusCode()).isEqualTo(200);
    assertThat(get(BeaconApiStandIn.HEALTH + "?syncing_status=99").statusCode()).isEqualTo(400);

    beacon.unhealthy();
    assertThat(get(BeaconApiStandIn.HEALTH).statusCode()).isEqualTo(503);
    // the custom code only replaces 206, never a 503
    assertThat(get(BeaconApiStandIn.HEALTH + "?syncing_status=200").statusCode()).isEqualTo(503);

    beacon.synced(120).optimistic(true);
    assertThat(get(BeaconApiStandIn.HEALTH).statusCode()).isEqualTo(206);
  }

  @Test
  void syncingHasTheSpecShape() throws Exception {
    beacon.syncing(4242, 17).elOffline(true);

    JsonNode data = JSON.readTree(get(BeaconApiStandIn.SYNCING).body()).get("data");

    assertThat(data.get("head_slot").asText()).isEqualTo("4242");
    assertThat(data.get("head_slot").isTextual()).isTrue();
    assertThat(data.get("sync_distance").asText()).isEqualTo("17");
    assertThat(data.get("is_syncing").asBoolean()).isTrue();
    assertThat(data.get("is_optimistic").isBoolean()).isTrue();
    assertThat(data.get("el_offline").asBoolean()).isTrue();
  }

  @Test
  void versionAndOverridesAndRequestLog() throws Exception {
    beacon.version("Lighthouse/v7.0.0/x86_64-linux");
    assertThat(JSON.readTree(get(BeaconApiStandIn.VERSION).body()).at("/data/version").asText())
        .isEqualTo("Lighthouse/v7.0.0/x86_64-linux");

    beacon.respond(BeaconApiStandIn.VERSION, 500, "{\"code\":500,\"message\":\"boom\"}");
    assertThat(get(BeaconApiStandIn.VERSION).statusCode()).isEqualTo(500);
    beacon.reset(BeaconApiStandIn.VERSION);
    assertThat(get(BeaconApiStandIn.VERSION).statusCode()).isEqualTo(200);

    assertThat(get("/eth/v1/unknown").statusCode()).isEqualTo(404);
    assertThat(beacon.requestCount(BeaconApiStandIn.VERSION)).isEqualTo(3);
    assertThat(beacon.requests()).contains("GET /eth/v1/unknown");
  }
}
