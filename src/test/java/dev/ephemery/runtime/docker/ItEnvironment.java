package dev.ephemery.runtime.docker;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The services the integration tests need, from the EPHEMERY_IT_* variables (or the env file that
 * .ci/services.sh writes). A missing service aborts the test with the reason, and fails it when
 * {@code ephemery.ci=true}.
 */
final class ItEnvironment {

  private static final Path ENV_FILE = Path.of("/var/lib/ephemery-ci/env");
  private static final Map<String, String> VALUES = load();

  private ItEnvironment() {}

  static String get(String key) {
    String value = System.getenv(key);
    return value != null ? value : VALUES.get(key);
  }

  static String require(String key, String why) {
    String value = get(key);
    if (value == null || value.isBlank()) {
      missing(key + " is not set (" + why + "); run .ci/services.sh start");
    }
    return value;
  }

  static void missing(String reason) {
    if (Boolean.getBoolean("ephemery.ci")) {
      fail("required test service missing: " + reason);
    }
    abort("skipped: " + reason);
  }

  static String standinImage() {
    return require("EPHEMERY_IT_STANDIN_IMAGE", "the busybox stand-in image");
  }

  private static Map<String, String> load() {
    Map<String, String> values = new HashMap<>();
    if (!Files.isReadable(ENV_FILE)) {
      return values;
    }
    try {
      for (String line : Files.readAllLines(ENV_FILE)) {
        String text = line.strip();
        if (text.startsWith("export ")) {
          text = text.substring("export ".length());
        }
        int eq = text.indexOf('=');
        if (!text.startsWith("#") && eq > 0) {
          values.put(text.substring(0, eq), text.substring(eq + 1).replace("\"", ""));
        }
      }
    } catch (IOException e) {
      // treated as not set
    }
    return values;
  }
}
