package dev.ephemery.inventory;

import java.util.Locale;
import java.util.Optional;

/**
 * Where images and release files come from. {@code upstream}: the clients' own images fed with the
 * verified release files by this tool. {@code wrapper}: pk910/ephemery-* images that fetch releases
 * and reset themselves.
 */
public enum Flavor {
  UPSTREAM,
  WRAPPER;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Flavor> byId(String id) {
    for (Flavor flavor : values()) {
      if (flavor.id().equals(id)) {
        return Optional.of(flavor);
      }
    }
    return Optional.empty();
  }
}
