package dev.ephemery.hosts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the read-only facts script printed about one host: {@code key=value} lines, a key may repeat
 * (one line of {@code ufw status} each). An empty value counts as absent.
 */
public record HostFacts(Map<String, List<String>> values) {

  public HostFacts {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    values = Map.copyOf(copy);
  }

  public static HostFacts parse(String text) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String value = line.substring(eq + 1).strip();
      if (!value.isEmpty()) {
        values.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>()).add(value);
      }
    }
    return new HostFacts(values);
  }

  public Optional<String> get(String key) {
    List<String> all = values.getOrDefault(key, List.of());
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  public String getOr(String key, String fallback) {
    return get(key).orElse(fallback);
  }

  public List<String> all(String key) {
    return values.getOrDefault(key, List.of());
  }

  public Optional<Long> number(String key) {
    try {
      return get(key).map(Long::parseLong);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public boolean yes(String key) {
    return get(key).map(v -> v.equals("yes") || v.equals("true")).orElse(false);
  }
}
