package dev.ephemery.ops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link ResetJournal} as JSON, written and read with Jackson's streaming API: the supervisor
 * reads journals all its life, and an ObjectMapper would keep databind's ~450 classes resident for
 * that. The format is the one databind wrote (JavaTimeModule, dates as ISO-8601 strings, enums by
 * name, nulls written, fields in record order), so journals on disk read either way.
 */
public final class JournalJson {

  public static final JsonFactory FACTORY = new JsonFactory();

  private JournalJson() {}

  /** The journal file's content: pretty-printed as databind's INDENT_OUTPUT did. */
  public static byte[] toBytes(ResetJournal journal) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.useDefaultPrettyPrinter();
      write(generator, journal);
    }
    return out.toByteArray();
  }

  /** Reads one journal; unknown fields are ignored, anything else that is off is an IOException. */
  public static ResetJournal fromBytes(byte[] bytes) throws IOException {
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      if (parser.nextToken() == null) {
        throw new IOException("empty file");
      }
      return read(parser);
    }
  }

  public static void write(JsonGenerator g, ResetJournal j) throws IOException {
    g.writeStartObject();
    g.writeNumberField("version", j.version());
    g.writeStringField("id", j.id());
    g.writeStringField("host", j.host());
    g.writeFieldName("fromIteration");
    if (j.fromIteration() == null) {
      g.writeNull();
    } else {
      g.writeNumber(j.fromIteration());
    }
    g.writeNumberField("toIteration", j.toIteration());
    g.writeBooleanField("wrapper", j.wrapper());
    g.writeBooleanField("forced", j.forced());
    g.writeStringField("state", name(j.state()));
    g.writeStringField("failedIn", name(j.failedIn()));
    g.writeStringField("reason", j.reason());
    g.writeNumberField("attempts", j.attempts());
    g.writeStringField("releaseDir", j.releaseDir());
    g.writeStringField("startedAt", iso(j.startedAt()));
    g.writeStringField("updatedAt", iso(j.updatedAt()));
    g.writeArrayFieldStart("transitions");
    for (ResetJournal.Transition t : j.transitions()) {
      g.writeStartObject();
      g.writeStringField("state", name(t.state()));
      g.writeStringField("at", iso(t.at()));
      g.writeStringField("note", t.note());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** Reads the journal object whose START_OBJECT is the parser's current token. */
  public static ResetJournal read(JsonParser p) throws IOException {
    // A journal is a few hundred bytes: read it whole, then take the fields it knows by name, so
    // unknown fields are ignored and a later duplicate wins, as with databind.
    Map<String, Object> j = object(value(p), "a reset journal");
    Object timeline = j.get("transitions");
    if (!(timeline instanceof List<?> entries)) {
      // The record cannot exist without its timeline; databind failed here too.
      throw new IOException("transitions should be a list, not " + describe(timeline));
    }
    List<ResetJournal.Transition> transitions = new ArrayList<>();
    for (Object entry : entries) {
      Map<String, Object> t = object(entry, "a transition");
      transitions.add(
          new ResetJournal.Transition(state(t, "state"), instant(t, "at"), text(t, "note")));
    }
    return new ResetJournal(
        whole(j, "version"),
        text(j, "id"),
        text(j, "host"),
        j.get("fromIteration") == null ? null : whole(j, "fromIteration"),
        whole(j, "toIteration"),
        bool(j, "wrapper"),
        bool(j, "forced"),
        state(j, "state"),
        state(j, "failedIn"),
        text(j, "reason"),
        whole(j, "attempts"),
        text(j, "releaseDir"),
        instant(j, "startedAt"),
        instant(j, "updatedAt"),
        transitions);
  }

  /**
   * Any JSON value whose first token is the parser's current one, as a Map (in order), List,
   * String, Number, Boolean or null. Nesting is bounded by the parser's read constraints.
   */
  private static Object value(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    if (token == null) {
      throw new IOException("no JSON value at " + p.currentLocation().offsetDescription());
    }
    return switch (token) {
      case START_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          object.put(field, value(p));
        }
        yield object;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(p));
        }
        yield list;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> null;
      default ->
          throw new IOException(
              "unexpected " + token + " at " + p.currentLocation().offsetDescription());
    };
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what) throws IOException {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IOException("expected " + what + " (a JSON object), not " + describe(value));
  }

  private static String text(Map<String, Object> o, String field) throws IOException {
    Object value = o.get(field);
    if (value instanceof Map || value instanceof List) {
      throw mismatch(field, "a string", value);
    }
    return value == null ? null : value.toString();
  }

  private static int whole(Map<String, Object> o, String field) throws IOException {
    Object value = o.get(field);
    if (value == null) {
      return 0;
    }
    if (value instanceof Integer number) {
      return number;
    }
    throw mismatch(field, "a whole number", value);
  }

  private static boolean bool(Map<String, Object> o, String field) throws IOException {
    Object value = o.get(field);
    if (value == null || value instanceof Boolean) {
      return Boolean.TRUE.equals(value);
    }
    throw mismatch(field, "true or false", value);
  }

  private static ResetState state(Map<String, Object> o, String field) throws IOException {
    return parsed(o, field, "a reset state", ResetState::valueOf);
  }

  /** Instant.parse reads ISO_INSTANT, the form JavaTimeModule wrote. */
  private static Instant instant(Map<String, Object> o, String field) throws IOException {
    return parsed(o, field, "an ISO-8601 instant", Instant::parse);
  }

  private static <T> T parsed(
      Map<String, Object> o, String field, String expected, Function<String, T> parse)
      throws IOException {
    String text = text(o, field);
    try {
      return text == null ? null : parse.apply(text);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw mismatch(field, expected, text);
    }
  }

  private static IOException mismatch(String field, String expected, Object value) {
    return new IOException(field + " should be " + expected + ", not " + describe(value));
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "a list";
    }
    return value instanceof String ? "\"" + value + "\"" : value.toString();
  }

  private static String name(ResetState state) {
    return state == null ? null : state.name();
  }

  /** Instant.toString is ISO_INSTANT, the form JavaTimeModule wrote. */
  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
