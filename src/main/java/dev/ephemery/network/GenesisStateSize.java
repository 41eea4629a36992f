package dev.ephemery.network;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The least number of bytes a genesis BeaconState (genesis.ssz) can have, so that a truncated or
 * placeholder file is caught although only its 40-byte head is parsed. Pure arithmetic over the
 * consensus specs' BeaconState (ethereum/consensus-specs specs/electra/beacon-chain.md and
 * specs/fulu/beacon-chain.md, "BeaconState") with the mainnet preset, which Ephemery uses
 * (config.yaml PRESET_BASE: mainnet).
 *
 * <p>SSZ lays a container out as its fixed-size fields plus a 4-byte offset for each variable-size
 * one, then the variable parts. The bound counts the fixed part, the execution payload header's
 * fixed part and, per genesis validator, the records every validator has in the state.
 */
public final class GenesisStateSize {

  // Mainnet preset values (consensus-specs presets/mainnet/*.yaml).
  private static final long SLOTS_PER_HISTORICAL_ROOT = 8192;
  private static final long EPOCHS_PER_HISTORICAL_VECTOR = 65_536;
  private static final long EPOCHS_PER_SLASHINGS_VECTOR = 8192;
  private static final long SYNC_COMMITTEE_SIZE = 512;
  private static final long SLOTS_PER_EPOCH = 32;
  private static final long MIN_SEED_LOOKAHEAD = 1;
  private static final long OFFSET = 4;

  /** Electra BeaconState, field by field in spec order (variable-size fields: their offset). */
  static final long ELECTRA_FIXED_BYTES =
      8 // genesis_time
          + 32 // genesis_validators_root
          + 8 // slot
          + 16 // fork: previous_version, current_version, epoch
          + 112 // latest_block_header: slot, proposer_index, parent/state/body roots
          + SLOTS_PER_HISTORICAL_ROOT * 32 // block_roots
          + SLOTS_PER_HISTORICAL_ROOT * 32 // state_roots
          + OFFSET // historical_roots
          + 72 // eth1_data: deposit_root, deposit_count, block_hash
          + OFFSET // eth1_data_votes
          + 8 // eth1_deposit_index
          + OFFSET // validators
          + OFFSET // balances
          + EPOCHS_PER_HISTORICAL_VECTOR * 32 // randao_mixes
          + EPOCHS_PER_SLASHINGS_VECTOR * 8 // slashings
          + OFFSET // previous_epoch_participation
          + OFFSET // current_epoch_participation
          + 1 // justification_bits: Bitvector[4]
          + 3 * 40 // previous/current justified and finalized checkpoints
          + OFFSET // inactivity_scores
          + 2 * (SYNC_COMMITTEE_SIZE * 48 + 48) // current and next sync committee
          + OFFSET // latest_execution_payload_header (variable: extra_data)
          + 8 // next_withdrawal_index
          + 8 // next_withdrawal_validator_index
          + OFFSET // historical_summaries
          + 6 * 8 // deposit_requests_start_index .. earliest_consolidation_epoch
          + 3 * OFFSET; // pending_deposits, pending_partial_withdrawals, pending_consolidations

  /** Fulu adds proposer_lookahead: Vector[ValidatorIndex, (MIN_SEED_LOOKAHEAD + 1) * 32]. */
  static final long FULU_FIXED_BYTES =
      ELECTRA_FIXED_BYTES + (MIN_SEED_LOOKAHEAD + 1) * SLOTS_PER_EPOCH * 8;

  /** The Deneb ExecutionPayloadHeader's fixed part (extra_data empty), the variable field above. */
  static final long PAYLOAD_HEADER_BYTES =
      32 + 20 + 32 + 32 + 256 + 32 + 4 * 8 + OFFSET + 32 + 32 + 32 + 32 + 2 * 8;

  /**
   * Per validator: its Validator record (pubkey 48, withdrawal_credentials 32, effective_balance 8,
   * slashed 1, four epochs 32 = 121), its balance (8), its previous and current participation flags
   * (1 + 1) and its inactivity score (8).
   */
  static final long PER_VALIDATOR_BYTES = 121 + 8 + 1 + 1 + 8;

  private static final Pattern NAME_RANGE = Pattern.compile("^\\s*(\\d+)(?:-(\\d+))?\\s*:");

  /** The fork a genesis state is in and the config key that says so. */
  public record Fork(String name, String configKey) {}

  /** The minimum and how it was found, for the message. */
  public record Bound(long bytes, Fork fork, long validators, String validatorsFrom) {}

  private GenesisStateSize() {}

  /**
   * The newest fork active at epoch 0 that the bound knows (Electra or Fulu), or empty: for an
   * earlier fork or another preset no bound is claimed.
   */
  public static Optional<Fork> forkAtGenesis(Map<String, String> config) {
    String preset = config.getOrDefault("PRESET_BASE", "mainnet").replace("'", "");
    if (!preset.equals("mainnet")) {
      return Optional.empty();
    }
    if (epochZero(config, "FULU_FORK_EPOCH")) {
      return Optional.of(new Fork("Fulu", "FULU_FORK_EPOCH"));
    }
    if (epochZero(config, "ELECTRA_FORK_EPOCH")) {
      return Optional.of(new Fork("Electra", "ELECTRA_FORK_EPOCH"));
    }
    return Optional.empty();
  }

  /**
   * The genesis validator count: validator-names.yaml names every genesis validator by index range,
   * in the order the genesis is built (ephemery-genesis scripts/build-validator-names.sh,
   * scripts/build-genesis.sh), so its highest index + 1 is the count. Empty when it names none.
   */
  public static OptionalLong validatorsNamed(String validatorNamesYaml) {
    long highest = -1;
    for (String line : validatorNamesYaml.split("\\R")) {
      Matcher matcher = NAME_RANGE.matcher(line);
      if (matcher.find()) {
        String last = matcher.group(2) != null ? matcher.group(2) : matcher.group(1);
        highest = Math.max(highest, Long.parseLong(last));
      }
    }
    return highest < 0 ? OptionalLong.empty() : OptionalLong.of(highest + 1);
  }

  /**
   * The bound for a release: validators from validator-names.yaml, else config.yaml's
   * MIN_GENESIS_ACTIVE_VALIDATOR_COUNT (a valid genesis has at least that many active validators:
   * phase0 is_valid_genesis_state), else none.
   */
  public static Optional<Bound> minimum(Map<String, String> config, Optional<String> names) {
    Optional<Fork> fork = forkAtGenesis(config);
    if (fork.isEmpty()) {
      return Optional.empty();
    }
    long validators = 0;
    String from = "no validator count";
    OptionalLong named = names.map(GenesisStateSize::validatorsNamed).orElse(OptionalLong.empty());
    Optional<Long> minimum =
        ReleaseParser.parseNumber(config.get("MIN_GENESIS_ACTIVE_VALIDATOR_COUNT"));
    if (named.isPresent()) {
      validators = named.getAsLong();
      from = "validator-names.yaml";
    } else if (minimum.isPresent()) {
      validators = minimum.get();
      from = "config.yaml MIN_GENESIS_ACTIVE_VALIDATOR_COUNT";
    }
    long fixed = fork.get().name().equals("Fulu") ? FULU_FIXED_BYTES : ELECTRA_FIXED_BYTES;
    long bytes = fixed + PAYLOAD_HEADER_BYTES + validators * PER_VALIDATOR_BYTES;
    return Optional.of(new Bound(bytes, fork.get(), validators, from));
  }

  private static boolean epochZero(Map<String, String> config, String key) {
    return ReleaseParser.parseNumber(config.get(key)).filter(epoch -> epoch == 0).isPresent();
  }
}
