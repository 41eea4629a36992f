package dev.ephemery.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line it was written on, so every problem found later can point at it. Only
 * what a safe document can hold: scalars, lists and maps with string keys.
 */
public sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {

  /** 1-based line of the value in the source, or 0 for values the tool made up. */
  int line();

  /** How the value reads in a message: "a string", "a list", ... */
  String describeType();

  /** What the YAML resolver made of a plain scalar. */
  enum Kind {
    STRING("a string"),
    INTEGER("an integer"),
    FLOAT("a number"),
    BOOLEAN("a boolean"),
    NULL("an empty value");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  record Scalar(String text, Kind kind, int line) implements YamlNode {
    @Override
    public String describeType() {
      return kind.description();
    }

    public static Scalar string(String text) {
      return new Scalar(text, Kind.STRING, 0);
    }
  }

  record Sequence(List<YamlNode> items, int line) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describeType() {
      return "a list";
    }
  }

  /** One key of a map; the key's own line is where "unknown key" problems point. */
  record Entry(String key, int keyLine, YamlNode value) {}

  record Mapping(Map<String, Entry> entries, int line) implements YamlNode {
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public static Mapping empty(int line) {
      return new Mapping(Map.of(), line);
    }

    public YamlNode get(String key) {
      Entry entry = entries.get(key);
      return entry == null ? null : entry.value();
    }

    public boolean has(String key) {
      return entries.containsKey(key);
    }

    public List<Entry> list() {
      return new ArrayList<>(entries.values());
    }

    @Override
    public String describeType() {
      return "a map";
    }

    /**
     * Deep merge: maps merge key by key, anything else in {@code over} replaces what {@code base}
     * has. Lists are replaced, not appended, so a host can drop an argument the defaults give.
     */
    public static Mapping merge(Mapping base, Mapping over) {
      Map<String, Entry> merged = new LinkedHashMap<>(base.entries());
      for (Entry entry : over.entries().values()) {
        Entry existing = merged.get(entry.key());
        if (existing != null
            && existing.value() instanceof Mapping baseMap
            && entry.value() instanceof Mapping overMap) {
          merged.put(
              entry.key(),
              new Entry(entry.key(), entry.keyLine(), merge(baseMap, overMap).withLine(overMap)));
        } else {
          merged.put(entry.key(), entry);
        }
      }
      return new Mapping(merged, over.line());
    }

    private Mapping withLine(Mapping from) {
      return new Mapping(entries, from.line());
    }
  }
}
