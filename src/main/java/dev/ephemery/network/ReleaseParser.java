package dev.ephemery.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the facts out of a release's files. Pure: it is given the files' contents. */
public final class ReleaseParser {

  /** Bytes of genesis.ssz the parser needs: genesis_time (8) + genesis_validators_root (32). */
  public static final int SSZ_HEAD_BYTES = 40;

  private static final ObjectMapper JSON = new ObjectMapper();
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
    Optional<JsonNode> tree = json(files, name, problems);
    if (tree.isEmpty()) {
      return null;
    }
    JsonNode root = tree.get();
    return new GenesisFacts(
        number(root.path("config").path("chainId"), name, "config.chainId", problems),
        number(root.path("timestamp"), name, "timestamp", problems));
  }

  private static GenesisFacts chainspecFacts(ReleaseFiles files, List<ReleaseProblem> problems) {
    String name = "chainspec.json";
    Optional<JsonNode> tree = json(files, name, problems);
    if (tree.isEmpty()) {
      return null;
    }
    JsonNode params = tree.get().path("params");
    // Nethermind reads chainID and falls back to networkID; Ephemery's files carry networkID.
    boolean hasChainId = params.has("chainID");
    Long chainId =
        number(
            hasChainId ? params.path("chainID") : params.path("networkID"),
            name,
            hasChainId ? "params.chainID" : "params.networkID",
            problems);
    Long timestamp =
        number(tree.get().path("genesis").path("timestamp"), name, "genesis.timestamp", problems);
    return new GenesisFacts(chainId, timestamp);
  }

  private static Optional<JsonNode> json(
      ReleaseFiles files, String name, List<ReleaseProblem> problems) {
    Optional<byte[]> bytes = files.bytes(name);
    if (bytes.isEmpty() || bytes.get().length == 0) {
      return Optional.empty();
    }
    try {
      JsonNode tree = JSON.readTree(bytes.get());
      if (tree == null || !tree.isObject()) {
        problems.add(new ReleaseProblem(Kind.UNPARSABLE, name, "not a JSON object"));
        return Optional.empty();
      }
      return Optional.of(tree);
    } catch (IOException e) {
      problems.add(
          new ReleaseProblem(
              Kind.UNPARSABLE, name, "not valid JSON: " + firstLine(e.getMessage())));
      return Optional.empty();
    }
  }

  private static Long number(
      JsonNode node, String file, String key, List<ReleaseProblem> problems) {
    if (node.isMissingNode() || node.isNull()) {
      problems.add(new ReleaseProblem(Kind.MISSING_VALUE, file, key + " is missing"));
      return null;
    }
    Optional<Long> value =
        node.isIntegralNumber() && node.canConvertToLong()
            ? Optional.of(node.asLong())
            : node.isTextual() ? parseNumber(node.asText()) : Optional.empty();
    if (value.isEmpty()) {
      problems.add(
          new ReleaseProblem(Kind.UNPARSABLE, file, key + " is not a number: " + node.toString()));
      return null;
    }
    return value.get();
  }

  private static SszHead sszHead(ReleaseFiles files, List<ReleaseProblem> problems) {
    Optional<byte[]> bytes = files.bytes("genesis.ssz");
    if (bytes.isEmpty() || bytes.get().length == 0) {
      return null;
    }
    byte[] head = bytes.get();
    if (head.length < SSZ_HEAD_BYTES) {
      problems.add(
          new ReleaseProblem(
              Kind.UNPARSABLE,
              "genesis.ssz",
              "shorter than a BeaconState header (" + head.length + " bytes)"));
      return null;
    }
    long genesisTime = 0;
    for (int i = 7; i >= 0; i--) {
      genesisTime = (genesisTime << 8) | (head[i] & 0xFF);
    }
    byte[] root = new byte[32];
    System.arraycopy(head, 8, root, 0, 32);
    return new SszHead(genesisTime, "0x" + HexFormat.of().formatHex(root));
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
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
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
