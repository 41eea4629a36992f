package dev.ephemery.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a node's validator keys stand on the running chain, from the Beacon Node API's {@code GET
 * /eth/v1/beacon/states/head/validators?id=...} (ethereum/beacon-APIs {@code
 * apis/beacon/states/validators.yaml}, {@code types/api.yaml#ValidatorResponse}): its answer {@code
 * {"data":[{"index","balance","status","validator":{"pubkey","slashed",...}}]}} lists only the keys
 * the chain knows, so a key missing from it is not deposited. Pure: text in, states out.
 */
public final class ValidatorStates {

  /** GET takes at most this many ids ({@code maxItems} of the spec's {@code id} parameter). */
  public static final int MAX_IDS_PER_REQUEST = 64;

  /**
   * Ephemery's faucets and launchpad, from ephemery-testnet/ephemery-resources README.md (fc198c0,
   * 2025-10-22). The deposit contract is not here: each release names it in deposit_contract.txt.
   */
  public static final List<String> FAUCETS =
      List.of("https://faucet.bordel.wtf/", "https://ephemery-faucet.pk910.de/");

  public static final String LAUNCHPAD = "https://launchpad.ephemery.dev/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ValidatorStates() {}

  /** What an operator needs to know of a key; the API's nine statuses fold into these. */
  public enum State {
    NOT_DEPOSITED("not deposited"),
    PENDING("pending"),
    ACTIVE("active"),
    EXITING("exiting"),
    EXITED("exited"),
    SLASHED("slashed"),
    /** A status the spec does not list (a newer API): shown as the node said it, not judged ok. */
    UNKNOWN("unknown");

    private final String label;

    State(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** Active keys validate, pending ones will: nothing for the operator to do. */
    public boolean fine() {
      return this == ACTIVE || this == PENDING;
    }
  }

  /**
   * One key and its place on the chain.
   *
   * @param status the API's status word, null when the chain does not know the key
   * @param index the validator index, null when the chain does not know the key
   */
  public record KeyState(String pubkey, State state, String status, String index) {}

  /**
   * The state an API status means. The pending statuses were renamed in the spec
   * (pending_initialized is now pending_minBalance, pending_queued pending_lookahead), and clients
   * answer with either.
   */
  public static State of(String status, boolean slashed) {
    String s = status == null ? "" : status.toLowerCase(Locale.ROOT);
    if (slashed || s.equals("active_slashed") || s.equals("exited_slashed")) {
      return State.SLASHED;
    }
    if (s.startsWith("pending_")) {
      return State.PENDING;
    }
    return switch (s) {
      case "active_ongoing" -> State.ACTIVE;
      case "active_exiting" -> State.EXITING;
      case "exited_unslashed", "withdrawal_possible", "withdrawal_done" -> State.EXITED;
      default -> State.UNKNOWN;
    };
  }

  /** The {@code id} values of each request for {@code pubkeys}, at most 64 a request. */
  public static List<List<String>> batches(List<String> pubkeys) {
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < pubkeys.size(); i += MAX_IDS_PER_REQUEST) {
      batches.add(pubkeys.subList(i, Math.min(pubkeys.size(), i + MAX_IDS_PER_REQUEST)));
    }
    return batches;
  }

  /**
   * The entries of one answer by lower-case pubkey.
   *
   * @throws IllegalArgumentException when the text is not the spec's response shape
   */
  public static Map<String, KeyState> parse(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the answer is not JSON");
    }
    JsonNode data = root == null ? null : root.get("data");
    if (data == null || !data.isArray()) {
      throw new IllegalArgumentException("the answer has no data array");
    }
    Map<String, KeyState> found = new LinkedHashMap<>();
    for (JsonNode entry : data) {
      JsonNode validator = entry.path("validator");
      String pubkey = validator.path("pubkey").asText("").toLowerCase(Locale.ROOT);
      String status = entry.path("status").asText(null);
      if (!Interchange.isPubkey(pubkey) || status == null) {
        throw new IllegalArgumentException("an entry lacks validator.pubkey or status");
      }
      boolean slashed = validator.path("slashed").asBoolean(false);
      found.put(
          pubkey,
          new KeyState(pubkey, of(status, slashed), status, entry.path("index").asText(null)));
    }
    return found;
  }

  /** Every held key with its state: those the chain does not know are not deposited. */
  public static List<KeyState> states(List<String> held, Map<String, KeyState> known) {
    List<KeyState> states = new ArrayList<>();
    for (String key : held) {
      String pubkey = key.toLowerCase(Locale.ROOT);
      KeyState state = known.get(pubkey);
      states.add(state != null ? state : new KeyState(pubkey, State.NOT_DEPOSITED, null, null));
    }
    return states;
  }

  /** 0 when every key is active or pending, 1 otherwise (also when there is no key at all). */
  public static int exitCode(List<KeyState> states) {
    return !states.isEmpty() && states.stream().allMatch(s -> s.state().fine()) ? 0 : 1;
  }

  /** How many keys wait for a deposit. */
  public static long needingDeposit(List<KeyState> states) {
    return states.stream().filter(s -> s.state() == State.NOT_DEPOSITED).count();
  }

  /**
   * What to do for keys without a deposit on Ephemery, one line each.
   *
   * @param depositContract the address the running release names, or null when it is not known
   */
  public static List<String> depositHelp(String depositContract) {
    return List.of(
        "get test ether (32 ETH per key) from a faucet: " + String.join(", ", FAUCETS),
        "deposit with the launchpad "
            + LAUNCHPAD
            + " and the deposit_data-*.json made with the keys"
            + (depositContract == null
                ? ""
                : "; the deposit contract of this iteration is " + depositContract),
        "Ephemery resets every few weeks: a deposit lasts until the next reset");
  }
}
