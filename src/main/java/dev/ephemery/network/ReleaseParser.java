package dev.ephemery.network;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.ephemery.network.ParsedRelease.GenesisFacts;
import dev.ephemery.network.ParsedRelease.SszHead;
import dev.ephemery.network.ReleaseProblem.Kind;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the facts out of a release's files. Pure: it is given the files' contents. */
public final class ReleaseParser {

  /** Bytes of genesis.ssz the parser needs: genesis_time (8) + genesis_validators_root (32). */
  public static final int SSZ_HEAD_BYTES = 40;

  // The streaming parser, not a tree: it reads the few keys needed, skips the large alloc maps and
  // starts far faster than an ObjectMapper, which matters for a short CLI command.
  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern ENV_LINE =
      Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$");
  private static final Pattern YAML_TOP_LEVEL = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*):(.*)$");

  private ReleaseParser() {}

  public static ParsedRelease parse(ReleaseFiles files) {
    List<ReleaseProblem> problems = new ArrayList<>();
    Map<String, String> retention =
        files.text("retention.vars").map(ReleaseParser::parseEnv).orElse(Map.of());
    Map<String, String> nodevars =
        files.text("nodevars_env.txt").map(ReleaseParser::parseEnv).orElse(Map.of());
    Map<String, String> config =
        files.text("config.yaml").map(ReleaseParser::parseYamlTopLevel).orElse(Map.of());
    GenesisFacts genesis = genesisFacts(files, "genesis.json", problems);
    GenesisFacts besu = genesisFacts(files, "besu.json", problems);
    GenesisFacts chainspec = chainspecFacts(files, problems);
    String root =
        files
            .text("genesis_validators_root.txt")
            .map(String::strip)
            .filter(text -> !text.isEmpty())
            .orElse(null);
    SszHead ssz = sszHead(files, problems);
    return new ParsedRelease(
        retention,
        nodevars,
        config,
        genesis,
        besu,
        chainspec,
        root,
        ssz,
        enrs(files, nodevars),
        enodes(files, nodevars),
        problems);
  }

  /** {@code export KEY="value"} and {@code KEY=value} lines; comments and blanks ignored. */
  public static Map<String, String> parseEnv(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\\R")) {
      if (line.strip().startsWith("#")) {
        continue;
      }
      Matcher matcher = ENV_LINE.matcher(line);
      if (matcher.matches()) {
        values.put(matcher.group(1), unquote(matcher.group(2).strip()));
      }
    }
    return values;
  }

  /** Top-level {@code KEY: value} lines of a flat YAML file such as the consensus config. */
  public static Map<String, String> parseYamlTopLevel(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\\R")) {
      Matcher matcher = YAML_TOP_LEVEL.matcher(line);
      if (!matcher.matches()) {
        continue;
      }
      String value = matcher.group(2);
      int comment = value.indexOf(" #");
      if (comment >= 0) {
        value = value.substring(0, comment);
      }
      values.put(matcher.group(1), unquote(value.strip()));
    }
    return values;
  }

  /** A decimal or 0x-hex number, as the genesis files write them; empty when it is neither. */
  public static Optional<Long> parseNumber(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String value = unquote(text.strip());
    try {
      BigInteger number =
          value.startsWith("0x") || value.startsWith("0X")
              ? new BigInteger(value.substring(2), 16)
              : new BigInteger(value);
      return number.signum() < 0 || number.bitLength() > 63
          ? Optional.empty()
          : Optional.of(number.longValue());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static GenesisFacts genesisFacts(
      ReleaseFiles files, String name, List<ReleaseProblem> problems) {
    Optional<Map<String, Scalar>> values =
        scan(files, name, Set.of("config.chainId", "timestamp"), problems);
    if (values.isEmpty()) {
      return null;
    }
    return new GenesisFacts(
        number(values.get(), "config.chainId", name, problems),
        number(values.get(), "timestamp", name, problems));
  }

  private static GenesisFacts chainspecFacts(ReleaseFiles files, List<ReleaseProblem> problems) {
    String name = "chainspec.json";
    Optional<Map<String, Scalar>> values =
        scan(
            files,
            name,
            Set.of("params.chainID", "params.networkID", "genesis.timestamp"),
            problems);
    if (values.isEmpty()) {
      return null;
    }
    // Nethermind reads chainID and falls back to networkID; Ephemery's files carry networkID.
    String chainKey =
        values.get().containsKey("params.chainID") ? "params.chainID" : "params.networkID";
    return new GenesisFacts(
        number(values.get(), chainKey, name, problems),
        number(values.get(), "genesis.timestamp", name, problems));
  }

  /** A JSON scalar as written: its text and whether it was a string or a number. */
  private record Scalar(JsonToken token, String text) {}

  /** The values at the wanted dotted paths, in one pass over the file; the rest is skipped. */
  private static Optional<Map<String, Scalar>> scan(
      ReleaseFiles files, String name, Set<String> wanted, List<ReleaseProblem> problems) {
    Optional<byte[]> bytes = files.bytes(name);
    if (bytes.isEmpty() || bytes.get().length == 0) {
      return Optional.empty();
    }
    Map<String, Scalar> found = new LinkedHashMap<>();
    try (JsonParser parser = JSON.createParser(bytes.get())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        problems.add(new ReleaseProblem(Kind.UNPARSABLE, name, "not a JSON object"));
        return Optional.empty();
      }
      walk(parser, "", wanted, found);
      if (parser.nextToken() != null) {
        problems.add(new ReleaseProblem(Kind.UNPARSABLE, name, "text after the JSON object"));
        return Optional.empty();
      }
      return Optional.of(found);
    } catch (JsonProcessingException e) {
      problems.add(
          new ReleaseProblem(
              Kind.UNPARSABLE, name, "not valid JSON: " + firstLine(e.getOriginalMessage())));
      return Optional.empty();
    } catch (IOException e) {
      problems.add(new ReleaseProblem(Kind.UNPARSABLE, name, "unreadable: " + e.getMessage()));
      return Optional.empty();
    }
  }

  private static void walk(
      JsonParser parser, String prefix, Set<String> wanted, Map<String, Scalar> found)
      throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
      if (token == null) {
        throw new IOException("unexpected end of input");
      }
      String path = prefix.isEmpty() ? parser.currentName() : prefix + "." + parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.START_OBJECT && wantsBelow(wanted, path)) {
        walk(parser, path, wanted, found);
      } else {
        if (wanted.contains(path)) {
          found.put(
              path, new Scalar(value, value.isScalarValue() ? parser.getText() : value.name()));
        }
        parser.skipChildren();
      }
    }
  }

  private static boolean wantsBelow(Set<String> wanted, String path) {
    for (String key : wanted) {
      if (key.startsWith(path + ".")) {
        return true;
      }
    }
    return false;
  }

  private static Long number(
      Map<String, Scalar> values, String key, String file, List<ReleaseProblem> problems) {
    Scalar scalar = values.get(key);
    if (scalar == null || scalar.token() == JsonToken.VALUE_NULL) {
      problems.add(new ReleaseProblem(Kind.MISSING_VALUE, file, key + " is missing"));
      return null;
    }
    boolean numeric =
        scalar.token() == JsonToken.VALUE_NUMBER_INT || scalar.token() == JsonToken.VALUE_STRING;
    Optional<Long> value = numeric ? parseNumber(scalar.text()) : Optional.empty();
    if (value.isEmpty()) {
      String shown =
          scalar.token() == JsonToken.VALUE_STRING ? "\"" + scalar.text() + "\"" : scalar.text();
      problems.add(new ReleaseProblem(Kind.UNPARSABLE, file, key + " is not a number: " + shown));
      return null;
    }
    return value.get();
  }

  private static SszHead sszHead(ReleaseFiles files, List<ReleaseProblem> problems) {
    Optional<byte[]> bytes = files.bytes("genesis.ssz");
    if (bytes.isEmpty() || bytes.get().length == 0) {
      return null;
    }
    Optional<SszHead> head = sszHead(bytes.get());
    if (head.isEmpty()) {
      problems.add(
          new ReleaseProblem(
              Kind.UNPARSABLE,
              "genesis.ssz",
              "shorter than a BeaconState header (" + bytes.get().length + " bytes)"));
      return null;
    }
    return head.get();
  }

  /**
   * genesis_time and genesis_validators_root from the first {@link #SSZ_HEAD_BYTES} bytes of a
   * BeaconState (more may be given), or empty when fewer are given. The caller reads the bytes:
   * whoever needs the running chain's root (the slashing import) asks here, not in a copy.
   */
  public static Optional<SszHead> sszHead(byte[] head) {
    if (head.length < SSZ_HEAD_BYTES) {
      return Optional.empty();
    }
    long genesisTime = 0;
    for (int i = 7; i >= 0; i--) {
      genesisTime = (genesisTime << 8) | (head[i] & 0xFF);
    }
    return Optional.of(
        new SszHead(genesisTime, "0x" + HexFormat.of().formatHex(head, 8, SSZ_HEAD_BYTES)));
  }

  private static List<String> enrs(ReleaseFiles files, Map<String, String> nodevars) {
    List<String> fromYaml =
        files.text("boot_enr.yaml").map(ReleaseParser::yamlList).orElse(List.of());
    if (!fromYaml.isEmpty()) {
      return fromYaml;
    }
    List<String> fromText =
        files.text("bootstrap_nodes.txt").map(ReleaseParser::lines).orElse(List.of());
    return fromText.isEmpty() ? commaList(nodevars.get("BOOTNODE_ENR_LIST")) : fromText;
  }

  private static List<String> enodes(ReleaseFiles files, Map<String, String> nodevars) {
    for (String name : List.of("enodes/boot_enode.txt", "boot_enode.txt", "enodes.txt")) {
      List<String> found = files.text(name).map(ReleaseParser::lines).orElse(List.of());
      if (!found.isEmpty()) {
        return found;
      }
    }
    return commaList(nodevars.get("BOOTNODE_ENODE_LIST"));
  }

  private static List<String> yamlList(String text) {
    List<String> items = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String stripped = line.strip();
      if (stripped.startsWith("- ")) {
        items.add(unquote(stripped.substring(2).strip()));
      }
    }
    return items;
  }

  private static List<String> lines(String text) {
    List<String> items = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String stripped = line.strip();
      if (!stripped.isEmpty() && !stripped.startsWith("#")) {
        items.add(stripped);
      }
    }
    return items;
  }

  private static List<String> commaList(String text) {
    List<String> items = new ArrayList<>();
    if (text != null) {
      for (String item : text.split(",")) {
        if (!item.isBlank()) {
          items.add(item.strip());
        }
      }
    }
    return items;
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && ((value.startsWith("\"") && value.endsWith("\""))
            || (value.startsWith("'") && value.endsWith("'")))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
