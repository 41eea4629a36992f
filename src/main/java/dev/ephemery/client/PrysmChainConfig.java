package dev.ephemery.client;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chain config prysm is given instead of the release's {@code config.yaml}: the release's lines
 * as they are, the keys prysm does not know left out, and every fork prysm knows but the release
 * omits given a version of its own.
 *
 * <p>Why: prysm (OffchainLabs/prysm v7.1.6, commit 1fc46453cf9d, config/params/loader.go {@code
 * UnmarshalConfig}) starts from a copy of {@code MainnetConfig()} and lays the file over it, so a
 * fork the file does not name keeps mainnet's version ({@code GLOAS_FORK_VERSION} 0x07000000,
 * config/params/mainnet_config.go). Activating the file's config then adds its whole fork-version
 * schedule, far-future forks included (config/params/config.go {@code configForkSchedule}), to the
 * registry of built-in networks, which refuses a version another network already has:
 * config/params/configset.go {@code add}, "configset cannot add config with conflicting fork
 * version schedule" (the built-in networks: config/params/init.go). Ephemery's release names no
 * Gloas fork, so the untouched file fails on mainnet's Gloas version. Unknown keys go through
 * {@code yaml.UnmarshalStrict}: gopkg.in/yaml.v2 reports them as a {@code TypeError}, which prysm
 * logs as "There were some issues parsing the config from a yaml file" and then carries on; they
 * are left out so that error is not logged at every start.
 *
 * <p>The versions given to the omitted forks follow the release's own pattern (ephemery-genesis
 * values.env: {@code 0x1000101b}, {@code 0x2000101b}, ... one high nibble per fork, the low three
 * bytes shared): fork number {@code n} (genesis 0) gets the high nibble {@code n + 1} and the
 * genesis version's other bits, so Gloas is {@code 0x8000101b}. The genesis version is a network's
 * own, so no registered network shares the low bytes (Hoodi's Gloas {@code 0x80000910} would need
 * the release's genesis to be Hoodi's {@code 0x10000910}); {@link #derive} still checks the result
 * against the release's versions and {@link #REGISTERED} and refuses a collision. Ephemery's fork
 * versions are the same at every iteration (values.env of iterations 135 and 153); the iterations
 * are told apart by their genesis validators root, which goes into every fork digest.
 */
public final class PrysmChainConfig {

  /** Where the derived file lives in the installed release folder (relative). */
  public static final String FILE = "derived/prysm-config.yaml";

  /**
   * The top-level keys prysm reads: the {@code yaml} tags of {@code BeaconChainConfig} in
   * OffchainLabs/prysm config/params/config.go at v7.1.6 (commit 1fc46453cf9d; the same set on
   * master at c40b59a47512, 2026-07-01, so also at the pinned v7.1.8).
   */
  static final Set<String> KNOWN_KEYS =
      Set.of(
          "AGGREGATE_DUE_BPS",
          "AGGREGATE_DUE_BPS_GLOAS",
          "ALTAIR_FORK_EPOCH",
          "ALTAIR_FORK_VERSION",
          "ATTESTATION_DUE_BPS",
          "ATTESTATION_DUE_BPS_GLOAS",
          "ATTESTATION_PROPAGATION_SLOT_RANGE",
          "ATTESTATION_SUBNET_COUNT",
          "ATTESTATION_SUBNET_EXTRA_BITS",
          "ATTESTATION_SUBNET_PREFIX_BITS",
          "BALANCE_PER_ADDITIONAL_CUSTODY_GROUP",
          "BASE_REWARDS_PER_EPOCH",
          "BASE_REWARD_FACTOR",
          "BELLATRIX_FORK_EPOCH",
          "BELLATRIX_FORK_VERSION",
          "BLOB_SCHEDULE",
          "BLOB_SIDECAR_SUBNET_COUNT",
          "BLOB_SIDECAR_SUBNET_COUNT_ELECTRA",
          "BLS_WITHDRAWAL_PREFIX",
          "BUILDER_INDEX_SELF_BUILD",
          "BUILDER_PAYMENT_THRESHOLD_DENOMINATOR",
          "BUILDER_PAYMENT_THRESHOLD_NUMERATOR",
          "BUILDER_WITHDRAWAL_PREFIX",
          "BYTES_PER_LOGS_BLOOM",
          "CAPELLA_FORK_EPOCH",
          "CAPELLA_FORK_VERSION",
          "CHURN_LIMIT_QUOTIENT",
          "CHURN_LIMIT_QUOTIENT_GLOAS",
          "COMPOUNDING_WITHDRAWAL_PREFIX",
          "CONFIG_NAME",
          "CONSOLIDATION_CHURN_LIMIT_QUOTIENT",
          "CONTRIBUTION_DUE_BPS",
          "CONTRIBUTION_DUE_BPS_GLOAS",
          "CUSTODY_REQUIREMENT",
          "DATA_COLUMN_SIDECAR_SUBNET_COUNT",
          "DENEB_FORK_EPOCH",
          "DENEB_FORK_VERSION",
          "DEPOSIT_CHAIN_ID",
          "DEPOSIT_CONTRACT_ADDRESS",
          "DEPOSIT_CONTRACT_TREE_DEPTH",
          "DEPOSIT_NETWORK_ID",
          "DOMAIN_AGGREGATE_AND_PROOF",
          "DOMAIN_APPLICATION_BUILDER",
          "DOMAIN_APPLICATION_MASK",
          "DOMAIN_BEACON_ATTESTER",
          "DOMAIN_BEACON_BUILDER",
          "DOMAIN_BEACON_PROPOSER",
          "DOMAIN_BLS_TO_EXECUTION_CHANGE",
          "DOMAIN_BUILDER_DEPOSIT",
          "DOMAIN_CONTRIBUTION_AND_PROOF",
          "DOMAIN_DEPOSIT",
          "DOMAIN_PROPOSER_PREFERENCES",
          "DOMAIN_PTC_ATTESTER",
          "DOMAIN_RANDAO",
          "DOMAIN_REQUEST_AUTH",
          "DOMAIN_SELECTION_PROOF",
          "DOMAIN_SYNC_COMMITTEE",
          "DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF",
          "DOMAIN_VOLUNTARY_EXIT",
          "EFFECTIVE_BALANCE_INCREMENT",
          "EJECTION_BALANCE",
          "ELECTRA_FORK_EPOCH",
          "ELECTRA_FORK_VERSION",
          "EPOCHS_PER_ETH1_VOTING_PERIOD",
          "EPOCHS_PER_HISTORICAL_VECTOR",
          "EPOCHS_PER_RANDOM_SUBNET_SUBSCRIPTION",
          "EPOCHS_PER_SLASHINGS_VECTOR",
          "EPOCHS_PER_SUBNET_SUBSCRIPTION",
          "EPOCHS_PER_SYNC_COMMITTEE_PERIOD",
          "ETH1_ADDRESS_WITHDRAWAL_PREFIX",
          "ETH1_FOLLOW_DISTANCE",
          "FAR_FUTURE_EPOCH",
          "FAR_FUTURE_SLOT",
          "FIELD_ELEMENTS_PER_BLOB",
          "FULL_EXIT_REQUEST_AMOUNT",
          "FULU_FORK_EPOCH",
          "FULU_FORK_VERSION",
          "GENESIS_DELAY",
          "GENESIS_EPOCH",
          "GENESIS_FORK_VERSION",
          "GENESIS_SLOT",
          "GLOAS_FORK_EPOCH",
          "GLOAS_FORK_VERSION",
          "HISTORICAL_ROOTS_LIMIT",
          "HYSTERESIS_DOWNWARD_MULTIPLIER",
          "HYSTERESIS_QUOTIENT",
          "HYSTERESIS_UPWARD_MULTIPLIER",
          "INACTIVITY_PENALTY_QUOTIENT",
          "INACTIVITY_PENALTY_QUOTIENT_ALTAIR",
          "INACTIVITY_PENALTY_QUOTIENT_BELLATRIX",
          "INACTIVITY_SCORE_BIAS",
          "INACTIVITY_SCORE_RECOVERY_RATE",
          "INTERVALS_PER_SLOT",
          "JUSTIFICATION_BITS_LENGTH",
          "KZG_COMMITMENT_INCLUSION_PROOF_DEPTH",
          "MAXIMUM_GOSSIP_CLOCK_DISPARITY",
          "MAX_ATTESTATIONS",
          "MAX_ATTESTATIONS_ELECTRA",
          "MAX_ATTESTER_SLASHINGS",
          "MAX_ATTESTER_SLASHINGS_ELECTRA",
          "MAX_BLOBS_PER_BLOCK",
          "MAX_BLOBS_PER_BLOCK_ELECTRA",
          "MAX_BLOB_COMMITMENTS_PER_BLOCK",
          "MAX_BLS_TO_EXECUTION_CHANGES",
          "MAX_BUILDERS_PER_WITHDRAWALS_SWEEP",
          "MAX_BUILDER_DEPOSIT_REQUESTS_PER_PAYLOAD",
          "MAX_BUILDER_EXIT_REQUESTS_PER_PAYLOAD",
          "MAX_BYTES_PER_TRANSACTION",
          "MAX_COMMITTEES_PER_SLOT",
          "MAX_CONSOLIDATION_REQUESTS_PER_PAYLOAD",
          "MAX_DEPOSITS",
          "MAX_DEPOSIT_REQUESTS_PER_PAYLOAD",
          "MAX_EFFECTIVE_BALANCE",
          "MAX_EFFECTIVE_BALANCE_ELECTRA",
          "MAX_EXTRA_DATA_BYTES",
          "MAX_PAYLOAD_SIZE",
          "MAX_PENDING_DEPOSITS_PER_EPOCH",
          "MAX_PENDING_PARTIALS_PER_WITHDRAWALS_SWEEP",
          "MAX_PER_EPOCH_ACTIVATION_CHURN_LIMIT",
          "MAX_PER_EPOCH_ACTIVATION_CHURN_LIMIT_GLOAS",
          "MAX_PER_EPOCH_ACTIVATION_EXIT_CHURN_LIMIT",
          "MAX_PROPOSER_SLASHINGS",
          "MAX_REQUEST_BLOB_SIDECARS",
          "MAX_REQUEST_BLOB_SIDECARS_ELECTRA",
          "MAX_REQUEST_BLOCKS",
          "MAX_REQUEST_BLOCKS_DENEB",
          "MAX_REQUEST_DATA_COLUMN_SIDECARS",
          "MAX_REQUEST_LIGHT_CLIENT_UPDATES",
          "MAX_REQUEST_PAYLOADS",
          "MAX_SEED_LOOKAHEAD",
          "MAX_TRANSACTIONS_PER_PAYLOAD",
          "MAX_VALIDATORS_PER_COMMITTEE",
          "MAX_VALIDATORS_PER_WITHDRAWALS_SWEEP",
          "MAX_VOLUNTARY_EXITS",
          "MAX_WITHDRAWALS_PER_PAYLOAD",
          "MAX_WITHDRAWAL_REQUESTS_PER_PAYLOAD",
          "MESSAGE_DOMAIN_INVALID_SNAPPY",
          "MESSAGE_DOMAIN_VALID_SNAPPY",
          "MIN_ACTIVATION_BALANCE",
          "MIN_ATTESTATION_INCLUSION_DELAY",
          "MIN_BUILDER_WITHDRAWABILITY_DELAY",
          "MIN_DEPOSIT_AMOUNT",
          "MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS",
          "MIN_EPOCHS_FOR_BLOCK_REQUESTS",
          "MIN_EPOCHS_FOR_DATA_COLUMN_SIDECARS_REQUESTS",
          "MIN_EPOCHS_TO_INACTIVITY_PENALTY",
          "MIN_GENESIS_ACTIVE_VALIDATOR_COUNT",
          "MIN_GENESIS_TIME",
          "MIN_PER_EPOCH_CHURN_LIMIT",
          "MIN_PER_EPOCH_CHURN_LIMIT_ELECTRA",
          "MIN_SEED_LOOKAHEAD",
          "MIN_SLASHING_PENALTY_QUOTIENT",
          "MIN_SLASHING_PENALTY_QUOTIENT_ALTAIR",
          "MIN_SLASHING_PENALTY_QUOTIENT_BELLATRIX",
          "MIN_SLASHING_PENALTY_QUOTIENT_ELECTRA",
          "MIN_SYNC_COMMITTEE_PARTICIPANTS",
          "MIN_VALIDATOR_WITHDRAWABILITY_DELAY",
          "NODE_ID_BITS",
          "NUMBER_OF_CUSTODY_GROUPS",
          "PAYLOAD_ATTESTATION_DUE_BPS",
          "PAYLOAD_BUILDER_VERSION",
          "PAYLOAD_DUE_BPS",
          "PENDING_CONSOLIDATIONS_LIMIT",
          "PENDING_DEPOSITS_LIMIT",
          "PENDING_PARTIAL_WITHDRAWALS_LIMIT",
          "PRESET_BASE",
          "PROPORTIONAL_SLASHING_MULTIPLIER",
          "PROPORTIONAL_SLASHING_MULTIPLIER_ALTAIR",
          "PROPORTIONAL_SLASHING_MULTIPLIER_BELLATRIX",
          "PROPOSER_REORG_CUTOFF_BPS",
          "PROPOSER_REWARD_QUOTIENT",
          "PROPOSER_SCORE_BOOST",
          "PROPOSER_WEIGHT",
          "RANDOM_SUBNETS_PER_VALIDATOR",
          "REORG_HEAD_WEIGHT_THRESHOLD",
          "REORG_MAX_EPOCHS_SINCE_FINALIZATION",
          "REORG_PARENT_WEIGHT_THRESHOLD",
          "RESP_TIMEOUT",
          "SAMPLES_PER_SLOT",
          "SECONDS_PER_ETH1_BLOCK",
          "SECONDS_PER_SLOT",
          "SHARD_COMMITTEE_PERIOD",
          "SHUFFLE_ROUND_COUNT",
          "SLOTS_PER_EPOCH",
          "SLOTS_PER_HISTORICAL_ROOT",
          "SLOT_DURATION_MS",
          "SUBNETS_PER_NODE",
          "SYNC_COMMITTEE_SIZE",
          "SYNC_COMMITTEE_SUBNET_COUNT",
          "SYNC_MESSAGE_DUE_BPS",
          "SYNC_MESSAGE_DUE_BPS_GLOAS",
          "SYNC_REWARD_WEIGHT",
          "TARGET_AGGREGATORS_PER_COMMITTEE",
          "TARGET_AGGREGATORS_PER_SYNC_SUBCOMMITTEE",
          "TARGET_BLOBS_PER_BLOCK_ELECTRA",
          "TARGET_COMMITTEE_SIZE",
          "TERMINAL_BLOCK_HASH",
          "TERMINAL_BLOCK_HASH_ACTIVATION_EPOCH",
          "TERMINAL_TOTAL_DIFFICULTY",
          "TIMELY_HEAD_FLAG_INDEX",
          "TIMELY_HEAD_WEIGHT",
          "TIMELY_SOURCE_FLAG_INDEX",
          "TIMELY_SOURCE_WEIGHT",
          "TIMELY_TARGET_FLAG_INDEX",
          "TIMELY_TARGET_WEIGHT",
          "TTFB_TIMEOUT",
          "UNSET_DEPOSIT_REQUESTS_START_INDEX",
          "VALIDATOR_CUSTODY_REQUIREMENT",
          "VALIDATOR_REGISTRY_LIMIT",
          "WEIGHT_DENOMINATOR",
          "WHISTLEBLOWER_REWARD_QUOTIENT",
          "WHISTLEBLOWER_REWARD_QUOTIENT_ELECTRA");

  /** The forks prysm knows, in order (config/params/config.go {@code ConfigForkVersions}). */
  static final List<String> FORKS =
      List.of("GENESIS", "ALTAIR", "BELLATRIX", "CAPELLA", "DENEB", "ELECTRA", "FULU", "GLOAS");

  /**
   * The fork versions (genesis to Gloas) of the configs prysm registers at start
   * (config/params/init.go): mainnet_config.go, minimal_config.go, testnet_e2e_config.go,
   * mainnet_config.go {@code MainnetTestConfig}/{@code FillTestVersions}, interop.go,
   * testnet_holesky_config.go, testnet_sepolia_config.go, testnet_hoodi_config.go at v7.1.6.
   */
  static final Map<String, List<String>> REGISTERED =
      Map.of(
          "mainnet", schedule("0x0%d000000"),
          "minimal", schedule("0x0%d000001"),
          "end-to-end", schedule("0x0%d0000fe"),
          "end-to-end-mainnet", schedule("0x0%d000080"),
          "interop", schedule("0x0%d0000eb"),
          "holesky",
              List.of(
                  "0x01017000",
                  "0x02017000",
                  "0x03017000",
                  "0x04017000",
                  "0x05017000",
                  "0x06017000",
                  "0x07017000",
                  "0x08017000"),
          "sepolia",
              List.of(
                  "0x90000069",
                  "0x90000070",
                  "0x90000071",
                  "0x90000072",
                  "0x90000073",
                  "0x90000074",
                  "0x90000075",
                  "0x90000076"),
          "hoodi",
              List.of(
                  "0x10000910",
                  "0x20000910",
                  "0x30000910",
                  "0x40000910",
                  "0x50000910",
                  "0x60000910",
                  "0x70000910",
                  "0x80000910"));

  /** The epoch of a fork that is not scheduled (the spec's FAR_FUTURE_EPOCH, 2**64 - 1). */
  static final String FAR_FUTURE_EPOCH = "18446744073709551615";

  private static final Pattern TOP_LEVEL = Pattern.compile("^([A-Za-z0-9_]+)\\s*:(.*)$");
  private static final Pattern VERSION =
      Pattern.compile("^\\s*['\"]?(0x[0-9a-fA-F]{8})['\"]?\\s*(#.*)?$");

  private PrysmChainConfig() {}

  private static List<String> schedule(String format) {
    List<String> versions = new ArrayList<>();
    for (int fork = 0; fork < 8; fork++) {
      versions.add(String.format(Locale.ROOT, format, fork));
    }
    return List.copyOf(versions);
  }

  /** The config prysm is given for a release's {@code config.yaml} text. */
  public static String derive(String releaseConfig) {
    StringBuilder out =
        new StringBuilder(
            "# prysm's copy of config.yaml, written by ephemery: keys prysm does not know are left"
                + " out,\n# forks the release does not name get a version of their own.\n");
    boolean dropping = false;
    List<String> dropped = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : releaseConfig.split("\\R", -1)) {
      Matcher key = TOP_LEVEL.matcher(line);
      if (key.matches()) {
        dropping = !KNOWN_KEYS.contains(key.group(1));
        if (dropping) {
          dropped.add(key.group(1));
          continue;
        }
        values.put(key.group(1), key.group(2));
      } else if (dropping
          && (line.startsWith(" ") || line.startsWith("\t") || line.startsWith("-"))) {
        continue; // the nested lines of a dropped key
      } else if (!line.isBlank() && !line.startsWith("#")) {
        dropping = false;
      }
      out.append(line).append('\n');
    }
    if (!dropped.isEmpty()) {
      out.append("# left out (prysm does not know them): ")
          .append(String.join(", ", dropped))
          .append('\n');
    }
    out.append(omittedForks(values));
    return out.toString();
  }

  private static String omittedForks(Map<String, String> values) {
    String genesis = version(values, "GENESIS");
    if (genesis == null) {
      // prysm then keeps mainnet's genesis version and refuses the file in any case; saying so
      // here beats failing every client's copy of the release.
      return "# no GENESIS_FORK_VERSION in the release: no version derived for the other forks\n";
    }
    List<String> taken = new ArrayList<>();
    for (String fork : FORKS) {
      String v = version(values, fork);
      if (v != null) {
        taken.add(v);
      }
    }
    StringBuilder out = new StringBuilder();
    for (int fork = 1; fork < FORKS.size(); fork++) {
      String name = FORKS.get(fork);
      if (values.containsKey(name + "_FORK_VERSION")) {
        continue; // the release's value stands, even one prysm may refuse
      }
      String derived = derivedVersion(genesis, fork, taken);
      taken.add(derived);
      out.append("# ").append(name).append(": not in the release\n");
      out.append(name).append("_FORK_VERSION: ").append(derived).append('\n');
      if (!values.containsKey(name + "_FORK_EPOCH")) {
        out.append(name).append("_FORK_EPOCH: ").append(FAR_FUTURE_EPOCH).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * Fork {@code fork}'s version after the release's pattern: high nibble {@code fork + 1}, the rest
   * from the genesis version. Should that be taken (by the release or a registered network), the
   * low nibble of the first byte moves on until it is not: 16 candidates, of which the few taken
   * versions can rule out only some.
   */
  static String derivedVersion(String genesis, int fork, List<String> taken) {
    byte[] bytes = HexFormat.of().parseHex(genesis.substring(2));
    int low = bytes[0] & 0x0f;
    for (int step = 0; step < 16; step++) {
      bytes[0] = (byte) (((fork + 1) << 4) | ((low + step) & 0x0f));
      String candidate = "0x" + HexFormat.of().formatHex(bytes);
      if (!taken.contains(candidate) && !registered(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no free fork version after " + genesis);
  }

  static boolean registered(String version) {
    return REGISTERED.values().stream().anyMatch(versions -> versions.contains(version));
  }

  private static String version(Map<String, String> values, String fork) {
    String value = values.get(fork + "_FORK_VERSION");
    if (value == null) {
      return null;
    }
    Matcher m = VERSION.matcher(value);
    return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }
}
