package dev.ephemery.ops;

import dev.ephemery.common.OperationalException;
import dev.ephemery.network.ValidatorStates;
import dev.ephemery.network.ValidatorStates.KeyState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Asks a beacon node which of some public keys its head state knows ({@code GET
 * /eth/v1/beacon/states/head/validators}); {@link ValidatorStates} judges the answer. Each id is
 * its own {@code id=} parameter, the spec's encoding of a query array (OpenAPI's default form
 * style, exploded), at most 64 a request.
 */
public final class BeaconValidators {

  private final HttpClient client;
  private final Duration timeout;

  public BeaconValidators(Duration timeout) {
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * What the head state says of {@code pubkeys}, by lower-case key; keys it does not know are
   * absent.
   *
   * @param where names the node in a problem (the host)
   * @throws OperationalException when the node does not answer or answers out of the spec
   */
  public Map<String, KeyState> ask(String where, URI beacon, List<String> pubkeys) {
    Map<String, KeyState> known = new LinkedHashMap<>();
    for (List<String> batch : ValidatorStates.batches(pubkeys)) {
      known.putAll(askOnce(where, beacon, batch));
    }
    return known;
  }

  static URI uri(URI beacon, List<String> ids) {
    String base = beacon.toString().replaceAll("/+$", "");
    return URI.create(
        base
            + "/eth/v1/beacon/states/head/validators?"
            + ids.stream().map(id -> "id=" + id).collect(Collectors.joining("&")));
  }

  private Map<String, KeyState> askOnce(String where, URI beacon, List<String> ids) {
    URI uri = uri(beacon, ids);
    String url = beacon + "/eth/v1/beacon/states/head/validators";
    String hint =
        "is the beacon node running ('ephemery status')? give another URL with --beacon-url";
    HttpResponse<String> response;
    try {
      response =
          client.send(
              HttpRequest.newBuilder(uri)
                  .timeout(timeout)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new OperationalException(
          where, "no answer from " + url + " within " + timeout.toSeconds() + " s", hint, e);
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new OperationalException(where, "cannot reach " + url + ": " + reason, hint, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationalException(where, "interrupted while asking " + url, "", e);
    }
    if (response.statusCode() != 200) {
      // A node still syncing from a checkpoint may not have the head state yet (404).
      throw new OperationalException(
          where,
          url + " answered HTTP " + response.statusCode() + message(response.body()),
          response.statusCode() == 404
              ? "the beacon node has no head state yet: wait for it to sync"
              : "see the beacon node's logs ('ephemery logs')");
    }
    try {
      return ValidatorStates.parse(response.body());
    } catch (IllegalArgumentException e) {
      throw new OperationalException(
          where, url + " answered out of the Beacon API spec: " + e.getMessage(), "");
    }
  }

  /** The spec's error body {@code {"code":N,"message":"..."}}, shortened; empty otherwise. */
  private static String message(String body) {
    int at = body == null ? -1 : body.indexOf("\"message\"");
    if (at < 0) {
      return "";
    }
    String tail = body.substring(at + 9).replaceFirst("^\\s*:\\s*\"", "");
    int end = tail.indexOf('"');
    String message = end < 0 ? tail : tail.substring(0, end);
    return ": " + (message.length() > 200 ? message.substring(0, 200) + "..." : message);
  }
}
