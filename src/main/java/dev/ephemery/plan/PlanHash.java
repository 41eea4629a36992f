package dev.ephemery.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SHA-256 of a service's canonical form (maps sorted, the plan-hash label itself left out), so
 * a runtime recreates a container exactly when its plan changed.
 */
public final class PlanHash {

  public static String of(Service service) {
    Map<String, String> labels = new TreeMap<>(service.labels());
    labels.remove(LabelKeys.PLAN_HASH);
    StringBuilder text = new StringBuilder();
    field(text, "name", service.name());
    field(text, "role", service.role().id());
    field(text, "client", service.client());
    field(text, "image", service.image());
    field(text, "entrypoint", list(service.entrypoint()));
    field(text, "command", list(service.command()));
    for (PortBinding port : service.ports()) {
      field(
          text,
          "port",
          port.name()
              + "|"
              + port.container()
              + "|"
              + port.host()
              + "|"
              + port.bind()
              + "|"
              + port.protocol());
    }
    for (Mount mount : service.mounts()) {
      field(text, "mount", mount.source() + "|" + mount.target() + "|" + mount.readOnly());
    }
    new TreeMap<>(service.env()).forEach((k, v) -> field(text, "env", k + "=" + v));
    labels.forEach((k, v) -> field(text, "label", k + "=" + v));
    field(text, "dependsOn", list(service.dependsOn()));
    field(text, "runOnce", Boolean.toString(service.runOnce()));
    field(text, "user", service.user());
    field(text, "restart", service.restartPolicy());
    field(text, "memory", service.memoryLimit());
    field(text, "stopSignal", service.stopSignal());
    if (!service.inputs().isEmpty()) {
      // Only where there are some: the hashes of every other service stay what they were.
      field(text, "inputs", list(service.inputs()));
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static String list(List<String> values) {
    // Length-prefixed, so ["a b"] and ["a", "b"] differ.
    if (values == null) {
      return "null";
    }
    StringBuilder text = new StringBuilder();
    values.forEach(v -> text.append(v.length()).append(':').append(v).append(';'));
    return text.toString();
  }

  private static void field(StringBuilder text, String name, String value) {
    text.append(name).append('=').append(value == null ? "null" : value).append('\n');
  }

  private PlanHash() {}
}
