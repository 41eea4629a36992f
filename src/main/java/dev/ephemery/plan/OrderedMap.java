package dev.ephemery.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A document map that keeps its keys in the order written. {@code Map.of} iterates in an order that
 * changes from one JVM to the next, so a file (and its digest, which recreates the container that
 * reads it) rendered from one would change at every run.
 */
final class OrderedMap {

  private OrderedMap() {}

  /** The map of {@code keysAndValues} (key, value, key, value, ...), in that order. */
  static Map<String, Object> of(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
