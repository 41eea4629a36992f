package dev.ephemery.client;

import java.util.Map;

/**
 * One way to ask a client whether it is alive.
 *
 * @param kind a JSON-RPC call or a plain HTTP GET
 * @param target the JSON-RPC method, or the HTTP path
 * @param headers extra request headers (erigon's health check needs one)
 */
public record HealthCheck(Kind kind, int port, String target, Map<String, String> headers) {
  public enum Kind {
    JSON_RPC,
    HTTP_GET
  }

  public HealthCheck {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  public static HealthCheck jsonRpc(int port, String method) {
    return new HealthCheck(Kind.JSON_RPC, port, method, Map.of());
  }

  public static HealthCheck get(int port, String path) {
    return new HealthCheck(Kind.HTTP_GET, port, path, Map.of());
  }
}
