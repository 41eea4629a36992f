package dev.ephemery.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Writes command results as text or as JSON for scripts. Jackson loads only when JSON is asked for.
 */
public final class Printer {

  private final PrintWriter out;
  private final boolean json;

  public Printer(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  public boolean json() {
    return json;
  }

  public void line(String text) {
    out.println(text);
  }

  /** Prints {@code value} as pretty JSON: records, maps and lists; instants as ISO-8601. */
  public void printJson(Object value) {
    try {
      out.println(JsonHolder.MAPPER.writeValueAsString(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public PrintWriter writer() {
    return out;
  }

  private static final class JsonHolder {
    static final ObjectMapper MAPPER =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);
  }
}
