package dev.ephemery.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The public part of an EIP-2335 (BLS12-381) keystore, read from its JSON text: the tool checks
 * keystores before a validator client meets them, but never decrypts one, so no password or KDF is
 * needed here. A problem names the field, never its value: a file put in the keys folder by mistake
 * may be a secret itself, and a keystore's checksum and cipher message must stay out of logs.
 *
 * @param pubkey the BLS public key, 96 lower-case hex digits without {@code 0x}
 * @param path the EIP-2334 derivation path, possibly empty
 * @param kdf {@code scrypt} or {@code pbkdf2}
 */
public record Keystore(String pubkey, String path, String kdf, String uuid) {

  /** The keystore when valid, else every problem found (each names a field, not its value). */
  public record Parsed(Keystore keystore, List<String> problems) {
    public Parsed {
      problems = List.copyOf(problems);
    }

    public boolean valid() {
      return keystore != null;
    }
  }

  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_DEPTH = 8;
  private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})*");
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  public static Parsed parse(String text) {
    Object root;
    try (JsonParser parser = JSON.createParser(text)) {
      root = read(parser, parser.nextToken(), 0);
      if (parser.nextToken() != null) {
        return failed("more than one JSON value in the file");
      }
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the offending text, which may be a secret: keep the place only.
      JsonLocation at = e.getLocation();
      return failed(
          "not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException | IllegalStateException e) {
      return failed("not valid JSON");
    }
    if (!(root instanceof Map<?, ?> map)) {
      return failed("not a JSON object");
    }
    return check(map);
  }

  private static Parsed failed(String problem) {
    return new Parsed(null, List.of(problem));
  }

  private static Parsed check(Map<?, ?> root) {
    List<String> problems = new ArrayList<>();
    if (!(root.get("version") instanceof Long version) || version != 4) {
      problems.add(
          root.containsKey("version")
              ? "version is not 4 (an EIP-2335 keystore; version 3 is an execution-layer wallet)"
              : "version is missing");
    }
    Map<?, ?> crypto = object(root, "crypto", "crypto", problems);
    String kdf = null;
    if (crypto != null) {
      kdf = checkKdf(object(crypto, "kdf", "crypto.kdf", problems), problems);
      checkChecksum(object(crypto, "checksum", "crypto.checksum", problems), problems);
      checkCipher(object(crypto, "cipher", "crypto.cipher", problems), problems);
    }
    String pubkey = text(root, "pubkey", "pubkey", problems);
    if (pubkey != null) {
      pubkey = pubkey.toLowerCase(Locale.ROOT).replaceFirst("^0x", "");
      if (pubkey.length() != 96 || !HEX.matcher(pubkey).matches()) {
        problems.add("pubkey is not a 48-byte BLS public key (96 hex digits)");
      }
    }
    String path = text(root, "path", "path", problems);
    String uuid = text(root, "uuid", "uuid", problems);
    if (uuid != null && !UUID.matcher(uuid).matches()) {
      problems.add("uuid is not a UUID");
    }
    return problems.isEmpty()
        ? new Parsed(new Keystore(pubkey, path, kdf, uuid.toLowerCase(Locale.ROOT)), problems)
        : new Parsed(null, problems);
  }

  private static String checkKdf(Map<?, ?> kdf, List<String> problems) {
    if (kdf == null) {
      return null;
    }
    String function = text(kdf, "function", "crypto.kdf.function", problems);
    Map<?, ?> params = object(kdf, "params", "crypto.kdf.params", problems);
    text(kdf, "message", "crypto.kdf.message", problems);
    if (function == null || params == null) {
      return function;
    }
    List<String> numbers =
        switch (function) {
          case "scrypt" -> List.of("dklen", "n", "r", "p");
          case "pbkdf2" -> List.of("dklen", "c");
          default -> null;
        };
    if (numbers == null) {
      problems.add("crypto.kdf.function is neither scrypt nor pbkdf2");
      return function;
    }
    for (String number : numbers) {
      if (!(params.get(number) instanceof Long value) || value < 1) {
        problems.add("crypto.kdf.params." + number + " is not a positive integer");
      }
    }
    if (function.equals("pbkdf2") && !"hmac-sha256".equals(params.get("prf"))) {
      problems.add("crypto.kdf.params.prf is not hmac-sha256");
    }
    hex(params, "salt", "crypto.kdf.params.salt", -1, problems);
    return function;
  }

  private static void checkChecksum(Map<?, ?> checksum, List<String> problems) {
    if (checksum == null) {
      return;
    }
    if (!"sha256".equals(text(checksum, "function", "crypto.checksum.function", problems))
        && checksum.get("function") instanceof String) {
      problems.add("crypto.checksum.function is not sha256");
    }
    object(checksum, "params", "crypto.checksum.params", problems);
    hex(checksum, "message", "crypto.checksum.message", 32, problems);
  }

  private static void checkCipher(Map<?, ?> cipher, List<String> problems) {
    if (cipher == null) {
      return;
    }
    if (!"aes-128-ctr".equals(text(cipher, "function", "crypto.cipher.function", problems))
        && cipher.get("function") instanceof String) {
      problems.add("crypto.cipher.function is not aes-128-ctr");
    }
    Map<?, ?> params = object(cipher, "params", "crypto.cipher.params", problems);
    if (params != null) {
      hex(params, "iv", "crypto.cipher.params.iv", 16, problems);
    }
    hex(cipher, "message", "crypto.cipher.message", -1, problems);
  }

  private static Map<?, ?> object(Map<?, ?> in, String key, String where, List<String> problems) {
    Object value = in.get(key);
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    problems.add(where + (value == null ? " is missing" : " is not an object"));
    return null;
  }

  private static String text(Map<?, ?> in, String key, String where, List<String> problems) {
    Object value = in.get(key);
    if (value instanceof String text) {
      return text;
    }
    problems.add(where + (value == null ? " is missing" : " is not a string"));
    return null;
  }

  /** A hex string of {@code bytes} bytes, or of any non-zero length when negative. */
  private static void hex(
      Map<?, ?> in, String key, String where, int bytes, List<String> problems) {
    String value = text(in, key, where, problems);
    if (value == null) {
      return;
    }
    if (value.isEmpty() || !HEX.matcher(value).matches()) {
      problems.add(where + " is not hex");
    } else if (bytes > 0 && value.length() != bytes * 2) {
      problems.add(where + " is not " + bytes + " bytes long");
    }
  }

  /** A JSON value as Map, List, String, Long, Double, Boolean or null. */
  private static Object read(JsonParser parser, JsonToken token, int depth) throws IOException {
    if (token == null) {
      throw new IllegalStateException("empty");
    }
    if (depth > MAX_DEPTH) {
      throw new IllegalStateException("too deep");
    }
    return switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String name = parser.currentName();
          map.put(name, read(parser, parser.nextToken(), depth + 1));
        }
        yield map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          list.add(read(parser, t, depth + 1));
        }
        yield list;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> null;
      default -> throw new IllegalStateException("unexpected " + token);
    };
  }
}
