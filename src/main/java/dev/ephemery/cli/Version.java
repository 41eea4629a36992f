package dev.ephemery.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The tool's version, filtered into a resource by the build. Free of picocli so `--version` starts
 * fast.
 */
final class Version {

  private Version() {}

  static String current() {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/ephemery-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }

  static String line() {
    return "ephemery " + current();
  }
}
