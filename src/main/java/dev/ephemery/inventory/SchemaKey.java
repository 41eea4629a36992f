package dev.ephemery.inventory;

import java.util.List;

/**
 * One inventory key, declared once: its name, type, whether it must be given, the values it allows,
 * its default and the format its value must have. Validation, defaults, the docs test and the
 * generated files all read these declarations.
 *
 * @param allowed the only values accepted (empty: any value of the type)
 * @param defaultValue the value when neither host nor defaults give one, or null for "none"
 * @param section the keys of a MAP (or of each map in a MAP_LIST), else null
 */
public record SchemaKey(
    String name,
    ValueType type,
    boolean required,
    List<String> allowed,
    Object defaultValue,
    ValueFormat format,
    SchemaSection section,
    String doc) {

  public SchemaKey {
    allowed = List.copyOf(allowed);
  }

  /** The YAML shapes a value can take. */
  public enum ValueType {
    STRING("a string"),
    INTEGER("an integer"),
    BOOLEAN("a boolean (true or false)"),
    STRING_LIST("a list of strings"),
    MAP("a map"),
    MAP_LIST("a list of maps");

    private final String description;

    ValueType(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  static SchemaKey string(String name, String doc) {
    return new SchemaKey(
        name, ValueType.STRING, false, List.of(), null, ValueFormat.ANY, null, doc);
  }

  static SchemaKey integer(String name, String doc) {
    return new SchemaKey(
        name, ValueType.INTEGER, false, List.of(), null, ValueFormat.ANY, null, doc);
  }

  static SchemaKey bool(String name, boolean defaultValue, String doc) {
    return new SchemaKey(
        name, ValueType.BOOLEAN, false, List.of(), defaultValue, ValueFormat.ANY, null, doc);
  }

  static SchemaKey stringList(String name, String doc) {
    return new SchemaKey(
        name, ValueType.STRING_LIST, false, List.of(), List.of(), ValueFormat.ANY, null, doc);
  }

  static SchemaKey map(String name, SchemaSection section, String doc) {
    return new SchemaKey(
        name, ValueType.MAP, false, List.of(), null, ValueFormat.ANY, section, doc);
  }

  static SchemaKey mapList(String name, SchemaSection section, String doc) {
    return new SchemaKey(
        name, ValueType.MAP_LIST, false, List.of(), null, ValueFormat.ANY, section, doc);
  }

  SchemaKey asRequired() {
    return new SchemaKey(name, type, true, allowed, defaultValue, format, section, doc);
  }

  SchemaKey allowing(List<String> values) {
    return new SchemaKey(name, type, required, values, defaultValue, format, section, doc);
  }

  SchemaKey withDefault(Object value) {
    return new SchemaKey(name, type, required, allowed, value, format, section, doc);
  }

  SchemaKey withFormat(ValueFormat valueFormat) {
    return new SchemaKey(name, type, required, allowed, defaultValue, valueFormat, section, doc);
  }
}
