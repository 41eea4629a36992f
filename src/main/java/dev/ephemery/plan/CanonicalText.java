package dev.ephemery.plan;

import java.util.List;
import java.util.Map;

/**
 * A document (maps, lists, strings, numbers, booleans, nulls, as the monitoring files are built) as
 * one unambiguous text, for digests: maps in their iteration order (the documents use ordered
 * maps), strings length-prefixed so no content can imitate the structure.
 */
final class CanonicalText {

  private CanonicalText() {}

  static String of(Object document) {
    StringBuilder out = new StringBuilder();
    write(out, document);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value) {
    if (value == null) {
      out.append('n');
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      map.forEach(
          (key, item) -> {
            write(out, key);
            write(out, item);
          });
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      list.forEach(item -> write(out, item));
      out.append(']');
    } else if (value instanceof String text) {
      out.append('s').append(text.length()).append(':').append(text);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value.getClass().getSimpleName().charAt(0)).append(value).append(';');
    } else {
      throw new IllegalArgumentException("not a document value: " + value.getClass().getName());
    }
  }
}
