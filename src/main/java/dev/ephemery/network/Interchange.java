package dev.ephemery.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ephemery.common.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The EIP-3076 slashing-protection interchange format, version 5 (eips.ethereum.org/EIPS/eip-3076):
 * what a file must hold to be imported into this node, and the file that registers keys with no
 * history. Pure: text in, problems or text out.
 */
public final class Interchange {

  /** The only version EIP-3076 defines, and the one every client's import requires. */
  public static final String FORMAT_VERSION = "5";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ROOT = Pattern.compile("0x[0-9a-fA-F]{64}");
  private static final Pattern PUBKEY = Pattern.compile("0x[0-9a-fA-F]{96}");
  private static final Pattern UINT64 = Pattern.compile("0|[1-9][0-9]{0,19}");

  private Interchange() {}

  /** What a valid file says: its root and its keys, lower-case. */
  public record Summary(String genesisValidatorsRoot, List<String> pubkeys) {}

  /**
   * The problems that forbid importing {@code text} (named {@code where}) into a node running the
   * chain of {@code runningRoot} and holding {@code heldKeys}; empty when it may be imported.
   */
  public static List<Problem> check(
      String where, String text, String runningRoot, Collection<String> heldKeys) {
    List<Problem> problems = new ArrayList<>();
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      problems.add(
          Problem.at(
              where,
              (int) e.getLocation().getLineNr(),
              "not JSON: " + e.getOriginalMessage(),
              "give an EIP-3076 interchange file"));
      return problems;
    }
    if (root == null || !root.isObject()) {
      problems.add(Problem.of(where, "not an EIP-3076 interchange object"));
      return problems;
    }
    JsonNode metadata = root.path("metadata");
    String version = text(metadata, "interchange_format_version");
    if (version == null) {
      problems.add(Problem.of(where + ": metadata.interchange_format_version", "missing"));
    } else if (!version.equals(FORMAT_VERSION)) {
      problems.add(
          Problem.at(
              where + ": metadata.interchange_format_version",
              0,
              "is \"" + version + "\", the format version must be \"" + FORMAT_VERSION + "\"",
              "export the file again with a current client"));
    }
    String fileRoot = text(metadata, "genesis_validators_root");
    if (fileRoot == null) {
      problems.add(Problem.of(where + ": metadata.genesis_validators_root", "missing"));
    } else if (!ROOT.matcher(fileRoot).matches()) {
      problems.add(
          Problem.of(where + ": metadata.genesis_validators_root", "not 0x and 64 hex digits"));
    } else if (!fileRoot.equalsIgnoreCase(runningRoot)) {
      problems.add(
          Problem.at(
              where + ": metadata.genesis_validators_root",
              0,
              fileRoot + " is not the running iteration's " + runningRoot,
              "the file belongs to another chain (an earlier iteration?): it protects nothing here"));
    }
    JsonNode data = root.get("data");
    if (data == null || !data.isArray()) {
      problems.add(Problem.of(where + ": data", "missing or not a list"));
      return problems;
    }
    Set<String> held =
        heldKeys.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    for (int i = 0; i < data.size(); i++) {
      checkRecord(where + ": data[" + i + "]", data.get(i), held, problems);
    }
    return problems;
  }

  private static void checkRecord(
      String at, JsonNode record, Set<String> held, List<Problem> problems) {
    String pubkey = text(record, "pubkey");
    if (pubkey == null) {
      problems.add(Problem.of(at + ".pubkey", "missing"));
    } else if (!PUBKEY.matcher(pubkey).matches()) {
      problems.add(Problem.of(at + ".pubkey", "not 0x and 96 hex digits"));
    } else if (!held.contains(pubkey.toLowerCase(Locale.ROOT))) {
      problems.add(
          Problem.at(
              at + ".pubkey",
              0,
              pubkey + " is not a key this node holds",
              "import only the protection of the keys in validator.keysDir"));
    }
    checkEntries(at, record, "signed_blocks", List.of("slot"), problems);
    checkEntries(
        at, record, "signed_attestations", List.of("source_epoch", "target_epoch"), problems);
  }

  private static void checkEntries(
      String at, JsonNode record, String field, List<String> numbers, List<Problem> problems) {
    JsonNode list = record.get(field);
    if (list == null || !list.isArray()) {
      problems.add(Problem.of(at + "." + field, "missing or not a list"));
      return;
    }
    for (int j = 0; j < list.size(); j++) {
      String entry = at + "." + field + "[" + j + "]";
      for (String number : numbers) {
        String value = text(list.get(j), number);
        if (value == null || !UINT64.matcher(value).matches()) {
          problems.add(Problem.of(entry + "." + number, "missing or not a decimal string"));
        }
      }
      JsonNode signingRoot = list.get(j).get("signing_root");
      if (signingRoot != null
          && !(signingRoot.isTextual() && ROOT.matcher(signingRoot.asText()).matches())) {
        problems.add(Problem.of(entry + ".signing_root", "not 0x and 64 hex digits"));
      }
    }
  }

  /** The root and keys of a file {@link #check} found nothing wrong with. */
  public static Summary summary(String text) {
    try {
      JsonNode root = JSON.readTree(text);
      List<String> keys = new ArrayList<>();
      root.path("data").forEach(r -> keys.add(r.path("pubkey").asText().toLowerCase(Locale.ROOT)));
      return new Summary(
          root.path("metadata").path("genesis_validators_root").asText(), List.copyOf(keys));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON; check() it first", e);
    }
  }

  /**
   * A file that registers {@code pubkeys} on the chain of {@code genesisValidatorsRoot} with no
   * signed message: importing it creates a client's database with the keys known and nothing
   * forbidden (EIP-3076 allows empty lists).
   */
  public static String registration(String genesisValidatorsRoot, Collection<String> pubkeys) {
    if (!ROOT.matcher(genesisValidatorsRoot).matches()) {
      throw new IllegalArgumentException("not a root: " + genesisValidatorsRoot);
    }
    ObjectNode file = JSON.createObjectNode();
    ObjectNode metadata = file.putObject("metadata");
    metadata.put("interchange_format_version", FORMAT_VERSION);
    metadata.put("genesis_validators_root", genesisValidatorsRoot.toLowerCase(Locale.ROOT));
    ArrayNode data = file.putArray("data");
    for (String pubkey : pubkeys.stream().distinct().sorted().toList()) {
      if (!PUBKEY.matcher(pubkey).matches()) {
        throw new IllegalArgumentException("not a public key: " + pubkey);
      }
      ObjectNode record = data.addObject();
      record.put("pubkey", pubkey.toLowerCase(Locale.ROOT));
      record.putArray("signed_blocks");
      record.putArray("signed_attestations");
    }
    return file.toPrettyString() + "\n";
  }

  /** True for a 0x-prefixed 48-byte BLS public key. */
  public static boolean isPubkey(String text) {
    return text != null && PUBKEY.matcher(text).matches();
  }

  /** A string field's value; null when missing or not a string (EIP-3076 quotes every number). */
  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
