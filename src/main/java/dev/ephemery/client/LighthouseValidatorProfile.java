package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.List;
import java.util.Optional;

/**
 * Lighthouse validator client. Flags: sigp/lighthouse book/src/help_vc.md. The slashing database is
 * {@code validators/slashing_protection.sqlite}; with voting keys and no database, {@code
 * lighthouse vc} refuses to start (validator_client/src/lib.rs: {@code SlashingDatabase::open}
 * unless {@code --init-slashing-protection} or no keys). After a reset deleted it, the reset
 * registers the keys in a new database for the new chain before the first start, offline, by
 * importing an EIP-3076 file with the keys and no history ({@link #slashingImport}, {@link
 * #votingKeys}).
 *
 * <p>Why not {@code --init-slashing-protection} on the first start: Docker restarts a container
 * with its creation command, so the flag would stay on every restart of that container, where a
 * lost database would be recreated empty without a word (the flag's own help: "If you misplace your
 * database and then run with this flag you risk being slashed"); and a command that differs from
 * the plan's makes the next {@code up} recreate the container. The import creates the database
 * ({@code SlashingDatabase::open_or_create} in
 * account_manager/src/validator/slashing_protection.rs) and registers each key of the file ({@code
 * import_interchange_record} -> {@code register_validators_in_txn} in
 * validator_client/slashing_protection/src/ slashing_database.rs), which {@code
 * check_validator_registrations} then finds at the start; the container always runs the planned
 * command.
 */
public final class LighthouseValidatorProfile extends ValidatorProfile {
  static final int METRICS = 5064;

  public LighthouseValidatorProfile() {
    super(METRICS);
  }

  @Override
  public String id() {
    return "lighthouse";
  }

  @Override
  public String image() {
    return LighthouseBeaconProfile.IMAGE;
  }

  @Override
  public Optional<String> wrapperImage() {
    return Optional.of(LighthouseBeaconProfile.WRAPPER_IMAGE);
  }

  @Override
  public List<String> command(ClientContext context) {
    Args args = Args.of("lighthouse", "vc").flag("--datadir", ContainerPaths.DATA);
    if (!context.wrapper()) {
      args.flag("--testnet-dir", context.testnetDir());
    }
    args.flag("--beacon-nodes", context.beaconEndpoint())
        .add("--metrics")
        .flag("--metrics-address", "0.0.0.0")
        .flag("--metrics-port", METRICS);
    // sigp/lighthouse validator_client/src/cli.rs: off unless given.
    args.when(Validators.doppelganger(context), "--enable-doppelganger-protection");
    return Validators.feeAndGraffiti(args, context, "--suggested-fee-recipient", "--graffiti");
  }

  /**
   * {@code lighthouse account validator slashing-protection export FILE} (sigp/lighthouse
   * account_manager/src/validator/slashing_protection.rs, book/src/slashing-protection.md):
   * offline; the genesis validators root comes from the testnet folder's genesis.ssz.
   */
  @Override
  public Optional<SlashingExport> slashingExport(String testnetDir) {
    return Optional.of(
        new SlashingExport(
            null,
            Args.of("lighthouse")
                .flag("--testnet-dir", testnetDir)
                .flag("--datadir", ContainerPaths.DATA)
                .add("account")
                .add("validator")
                .add("slashing-protection")
                .add("export")
                .add(SlashingExport.FILE)
                .build(),
            SlashingExport.FILE,
            "sigp/lighthouse account_manager/src/validator/slashing_protection.rs"));
  }

  /**
   * {@code lighthouse account validator slashing-protection import FILE}: refuses a file of another
   * genesis validators root (read from the testnet folder's genesis.ssz) or another format version
   * than 5, and imports all records or none (slashing_database.rs {@code import_interchange_info}).
   */
  @Override
  public Optional<SlashingImport> slashingImport(String testnetDir) {
    return Optional.of(
        new SlashingImport(
            null,
            Args.of("lighthouse")
                .flag("--testnet-dir", testnetDir)
                .flag("--datadir", ContainerPaths.DATA)
                .add("account")
                .add("validator")
                .add("slashing-protection")
                .add("import")
                .add(SlashingImport.FILE)
                .build(),
            "sigp/lighthouse account_manager/src/validator/slashing_protection.rs"));
  }

  /**
   * Lighthouse lists every validator it runs, local or remote, in this file: the {@code
   * voting_public_key} of each entry (validator_definitions.yml, as lighthouse writes it).
   */
  @Override
  public Optional<VotingKeys> votingKeys() {
    return Optional.of(
        new VotingKeys(DEFINITIONS, "voting_public_key:\\s*[\"']?(0x[0-9a-fA-F]{96})[\"']?"));
  }

  static final String DEFINITIONS = "validators/validator_definitions.yml";

  @Override
  public String entrypointBinary(Flavor flavor) {
    return null;
  }

  @Override
  public WipeRules wipeRules() {
    return new WipeRules(
        List.of("validators", "secrets", DEFINITIONS),
        List.of(),
        List.of("validators/slashing_protection.sqlite"),
        false);
  }

  @Override
  public List<String> wrapperManagedFlags() {
    return List.of("--testnet-dir");
  }

  /**
   * {@code lighthouse account validator import --directory --reuse-password --password-file}
   * (sigp/lighthouse account_manager/src/validator/import.rs: {@code DIR_FLAG}, {@code
   * REUSE_PASSWORD_FLAG}, and {@code PASSWORD_FLAG = "password-file"} from wallet/create.rs; the
   * folder is searched for {@code keystore-m_*.json}, a key already in {@code validators/} is
   * skipped). It takes one password for every keystore.
   */
  @Override
  public Optional<KeyImport> keyImport(ClientContext context) {
    return Validators.onePasswordFile(context)
        .map(
            password ->
                new KeyImport(
                    null,
                    null,
                    Args.of("lighthouse")
                        .flag("--testnet-dir", context.testnetDir())
                        .flag("--datadir", ContainerPaths.DATA)
                        .add("account")
                        .add("validator")
                        .add("import")
                        .flag("--directory", ContainerPaths.KEYS)
                        .add("--reuse-password")
                        .flag("--password-file", password)
                        .build(),
                    "sigp/lighthouse account_manager/src/validator/import.rs"));
  }
}
