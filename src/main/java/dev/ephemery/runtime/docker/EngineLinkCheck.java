package dev.ephemery.runtime.docker;

import dev.ephemery.common.Problem;
import dev.ephemery.runtime.EngineJwt;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Proves the EL-CL link the way the CL uses it: an authenticated {@code
 * engine_exchangeCapabilities} call. Failures name the cause and the fix.
 */
public final class EngineLinkCheck {

  static final String BODY =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine_exchangeCapabilities\","
          + "\"params\":[[\"engine_newPayloadV3\",\"engine_forkchoiceUpdatedV3\","
          + "\"engine_getPayloadV3\"]]}";

  /**
   * The outcome.
   *
   * @param problem null when the EL answered the call
   */
  public record Result(boolean ok, String endpoint, String answer, Problem problem) {}

  private EngineLinkCheck() {}

  /** Calls the Engine API at {@code endpoint} directly (it must be reachable from here). */
  public static Result overHttp(URI endpoint, byte[] secret, Clock clock, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + EngineJwt.token(secret, clock.instant()))
            .POST(HttpRequest.BodyPublishers.ofString(BODY))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return classify(endpoint.toString(), response.statusCode(), response.body());
    } catch (UnknownHostException e) {
      return unresolved(endpoint.toString(), endpoint.getHost());
    } catch (ConnectException e) {
      return refused(endpoint.toString());
    } catch (HttpTimeoutException e) {
      return noAnswer(
          endpoint.toString(),
          "the Engine API did not answer within " + timeout.toSeconds() + " s",
          "check that the EL is running and not overloaded");
    } catch (IOException e) {
      if (e.getCause() instanceof UnknownHostException) {
        return unresolved(endpoint.toString(), endpoint.getHost());
      }
      return noAnswer(endpoint.toString(), "Engine API call failed: " + e, "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(
          false, endpoint.toString(), "", Problem.of(endpoint.toString(), "interrupted"));
    }
  }

  static Result classify(String endpoint, int status, String body) {
    if (status == 401
        || status == 403
        || body.contains("InvalidToken")
        || body.contains("signature is invalid")) {
      return new Result(
          false,
          endpoint,
          body,
          Problem.at(
              endpoint,
              0,
              "the EL refused the JWT (HTTP "
                  + status
                  + ", InvalidToken): the EL and the CL do not use"
                  + " the same secret, or the clocks differ by more than 60 s",
              "mount the node's one jwt.hex into both containers and point the EL's jwt-secret flag at"
                  + " it; an EL given a missing file silently makes its own"));
    }
    if (status == 200 && body.contains("\"result\"")) {
      return new Result(true, endpoint, body, null);
    }
    return new Result(
        false,
        endpoint,
        body,
        Problem.at(
            endpoint,
            0,
            "unexpected Engine API answer (HTTP " + status + "): " + abbreviate(body),
            "check that this port is the EL's Engine API (authrpc), not its JSON-RPC port"));
  }

  /** A call that got no HTTP answer for another reason than a refused connection. */
  static Result failed(String endpoint, String why) {
    return noAnswer(
        endpoint,
        "Engine API call failed: " + why,
        "check that the EL is running and not overloaded");
  }

  static Result unresolved(String endpoint, String name) {
    return noAnswer(
        endpoint,
        "the EL's name '" + name + "' does not resolve",
        "the CL must reach the EL by its alias on the node's own Docker network (not the default"
            + " bridge); both containers must be attached to it");
  }

  static Result refused(String endpoint) {
    return noAnswer(
        endpoint,
        "nothing accepts connections at the Engine API address",
        "check the EL runs and listens on 0.0.0.0 at that port (geth/erigon --authrpc.addr,"
            + " besu --engine-rpc-port with --rpc-http-host)");
  }

  /** A failed call that got no answer to show: what happened and what to do. */
  private static Result noAnswer(String endpoint, String message, String hint) {
    return new Result(false, endpoint, "", Problem.at(endpoint, 0, message, hint));
  }

  /** Reads the wget output of the in-network probe. */
  static Result classifyWget(String endpoint, String host, long exitCode, String out, String err) {
    String text = out + "\n" + err;
    if (exitCode == 0) {
      return classify(endpoint, 200, out);
    }
    if (text.contains("bad address") || text.contains("Name does not resolve")) {
      return unresolved(endpoint, host);
    }
    if (text.contains("401") || text.contains("403")) {
      return classify(endpoint, 401, text);
    }
    if (text.contains("refused")) {
      return refused(endpoint);
    }
    return new Result(
        false,
        endpoint,
        text,
        Problem.at(endpoint, 0, "Engine API probe failed: " + abbreviate(text.strip()), ""));
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  /**
   * The probe as the helper runs it. The signed token is read from {@code tokenFile} by the shell,
   * so it never appears in the exec's command line, which Docker keeps in its events and exec
   * records.
   */
  static List<String> wgetCommand(String url, String tokenFile) {
    return List.of(
        "sh",
        "-c",
        "exec wget -q -O- --header 'Content-Type: application/json' --header \"Authorization:"
            + " Bearer $(cat "
            + Sh.quote(tokenFile)
            + ")\" --post-data "
            + Sh.quote(BODY)
            + " "
            + Sh.quote(url));
  }
}
