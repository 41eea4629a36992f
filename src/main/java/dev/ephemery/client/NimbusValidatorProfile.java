package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.List;
import java.util.Optional;

/**
 * The separate nimbus_validator_client: keys stay out of the beacon node's data dir, so wiping the
 * beacon database never touches them. Doppelganger detection is off for the same reason as on the
 * beacon node.
 */
public final class NimbusValidatorProfile extends ValidatorProfile {
  static final int METRICS = 8108;

  public NimbusValidatorProfile() {
    super(METRICS);
  }

  @Override
  public String id() {
    return "nimbus";
  }

  @Override
  public String image() {
    return "statusim/nimbus-validator-client:" + NimbusBeaconProfile.RELEASE_TAG;
  }

  @Override
  public String wrapperUnsupportedReason() {
    return "pk910/ephemery-client-wrapper has no nimbus validator client image";
  }

  @Override
  public List<String> command(ClientContext context) {
    Args args =
        Args.of()
            .flag("--data-dir", ContainerPaths.DATA)
            .flag("--beacon-node", context.beaconEndpoint())
            // beacon_chain/conf.nim: on by default; Ephemery's fresh chain has no earlier signer.
            .flag("--doppelganger-detection", Validators.doppelganger(context))
            .add("--metrics")
            .flag("--metrics-address", "0.0.0.0")
            .flag("--metrics-port", METRICS);
    // beacon_chain/conf.nim web3Signers: "Remote Web3Signer URL that will be used as a source of
    // validators".
    Validators.remoteSigner(context).ifPresent(signer -> args.flag("--web3-signer-url", signer));
    return Validators.feeAndGraffiti(args, context, "--suggested-fee-recipient", "--graffiti");
  }

  /**
   * {@code nimbus_beacon_node slashingdb export FILE --data-dir} (status-im/nimbus-eth2
   * beacon_chain/conf.nim, docs migration-options): the validator client image has no {@code
   * slashingdb} command, so the export runs the beacon node's image on the validator's data folder.
   */
  @Override
  public Optional<SlashingExport> slashingExport(String testnetDir) {
    return Optional.of(
        new SlashingExport(
            new NimbusBeaconProfile().image(),
            Args.of("slashingdb", "export", SlashingExport.FILE)
                .flag("--data-dir", ContainerPaths.DATA)
                .build(),
            SlashingExport.FILE,
            "status-im/nimbus-eth2 beacon_chain/conf.nim (slashingdb export)"));
  }

  /**
   * {@code nimbus_beacon_node slashingdb import FILE --data-dir} (status-im/nimbus-eth2
   * beacon_chain/conf.nim {@code SlashProtCmd.import}, {@code importedInterchangeFile};
   * beacon_chain/nimbus_beacon_node.nim {@code doSlashingImport}): opens or creates {@code
   * <data-dir>/validators/slashing_protection.sqlite3} for the file's genesis validators root. Like
   * the export, it runs the beacon node's image: the validator client image has no {@code
   * slashingdb} command.
   */
  @Override
  public Optional<SlashingImport> slashingImport(String testnetDir) {
    return Optional.of(
        new SlashingImport(
            new NimbusBeaconProfile().image(),
            Args.of("slashingdb", "import", SlashingImport.FILE)
                .flag("--data-dir", ContainerPaths.DATA)
                .build(),
            "status-im/nimbus-eth2 beacon_chain/conf.nim (slashingdb import)"));
  }

  @Override
  public List<String> tunableDefaults() {
    // Off because a new iteration has no twin to detect; an operator may still want it on.
    return List.of("--doppelganger-detection");
  }

  @Override
  public String entrypointBinary(Flavor flavor) {
    return "nimbus_validator_client";
  }

  @Override
  public String owner() {
    return "1000:1000";
  }

  @Override
  public int dataDirMode() {
    return 0700;
  }

  @Override
  public WipeRules wipeRules() {
    return new WipeRules(
        List.of("validators", "secrets"),
        List.of(),
        List.of("validators/slashing_protection.sqlite3"),
        false);
  }

  /**
   * {@code nimbus_beacon_node deposits import --data-dir DIR KEYS} (status-im/nimbus-eth2
   * beacon_chain/conf.nim {@code DepositsCmd.import}; docs the_nimbus_book validator-client.md
   * imports a separate validator client's keys this way). The validator client image has no import,
   * so it runs the beacon node's image, as its user (1000). Nimbus has no password option: it tries
   * each keystore with the password it last read from stdin, so one line serves every keystore; a
   * key already under {@code validators/} is logged and skipped.
   */
  @Override
  public Optional<KeyImport> keyImport(ClientContext context) {
    return Validators.onePasswordFile(context)
        .map(
            password ->
                new KeyImport(
                    new NimbusBeaconProfile().image(),
                    List.of("sh", "-c"),
                    List.of(
                        "exec /home/user/nimbus_beacon_node deposits import --data-dir="
                            + ContainerPaths.DATA
                            + " "
                            + ContainerPaths.KEYS
                            + " < "
                            + password),
                    "status-im/nimbus-eth2 beacon_chain/conf.nim (deposits import)"));
  }

  @Override
  public boolean takesRemoteSigner() {
    return true;
  }
}
