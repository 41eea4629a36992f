package dev.ephemery.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * A folder or file the runtime must create on the host before any container starts.
 *
 * @param kind how its content comes to be
 * @param mode POSIX mode, e.g. 0600 for the JWT secret; in JSON the octal string an operator reads
 *     ({@code "0600"}), since 384 says nothing to anyone
 * @param owner numeric uid:gid the client runs as, or null for the runtime's user
 */
public record PlannedPath(
    String path,
    Kind kind,
    @JsonSerialize(using = OctalMode.Writer.class) @JsonDeserialize(using = OctalMode.Reader.class)
        int mode,
    String owner) {
  public enum Kind {
    /** A folder. */
    DIRECTORY,
    /** 32 random bytes as hex, created once and never replaced (the Engine API secret). */
    JWT_SECRET,
    /** The verified release's files, installed as a folder. */
    RELEASE_FILES,
    /**
     * 32 random bytes as hex, created once and never replaced, like the JWT secret: a password the
     * tool makes for a client that needs one of its own (prysm's wallet).
     */
    SECRET
  }

  /** A POSIX mode in JSON: written as octal text, read from octal text or a plain number. */
  static final class OctalMode {
    private static final Pattern OCTAL = Pattern.compile("0?[0-7]{1,4}");

    /** Four octal digits, as {@code chmod} users write a mode. */
    static String format(int mode) {
      return String.format("%04o", mode);
    }

    static final class Writer extends JsonSerializer<Integer> {
      @Override
      public void serialize(Integer mode, JsonGenerator out, SerializerProvider provider)
          throws IOException {
        out.writeString(format(mode));
      }
    }

    /**
     * Reads {@code "0600"}; a number is taken as the mode's value, as plans written before the
     * octal text had it (384 for 0600). Never "600" as decimal: that would be mode 01130.
     */
    static final class Reader extends JsonDeserializer<Integer> {
      @Override
      public Integer deserialize(JsonParser in, DeserializationContext context) throws IOException {
        if (in.currentToken() == JsonToken.VALUE_NUMBER_INT) {
          int mode = in.getIntValue();
          if (mode >= 0 && mode <= 07777) {
            return mode;
          }
        } else if (in.currentToken() == JsonToken.VALUE_STRING) {
          String text = in.getText().trim();
          if (OCTAL.matcher(text).matches()) {
            return Integer.parseInt(text, 8);
          }
        }
        throw InvalidFormatException.from(
            in,
            "a file mode is octal text such as \"0600\" or \"0755\"",
            in.getText(),
            Integer.class);
      }
    }

    private OctalMode() {}
  }
}
