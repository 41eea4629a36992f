package dev.ephemery.inventory;

import java.util.List;
import java.util.Optional;

/** The keys a map may hold, in the order the docs and generated files show them. */
public record SchemaSection(String name, List<SchemaKey> keys) {
  public SchemaSection {
    keys = List.copyOf(keys);
  }

  public Optional<SchemaKey> key(String keyName) {
    return keys.stream().filter(k -> k.name().equals(keyName)).findFirst();
  }

  public List<String> keyNames() {
    return keys.stream().map(SchemaKey::name).toList();
  }

  SchemaSection without(String keyName) {
    return new SchemaSection(name, keys.stream().filter(k -> !k.name().equals(keyName)).toList());
  }

  SchemaSection withoutRequired() {
    return new SchemaSection(
        name,
        keys.stream()
            .map(
                k ->
                    new SchemaKey(
                        k.name(),
                        k.type(),
                        false,
                        k.allowed(),
                        k.defaultValue(),
                        k.format(),
                        k.section() == null ? null : k.section().withoutRequired(),
                        k.doc()))
            .toList());
  }
}
