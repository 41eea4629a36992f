package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.List;
import java.util.Optional;

/** Lodestar validator client ({@code validator} subcommand of the same image). */
public final class LodestarValidatorProfile extends ValidatorProfile {
  static final int METRICS = 5064;

  public LodestarValidatorProfile() {
    super(METRICS);
  }

  @Override
  public String id() {
    return "lodestar";
  }

  @Override
  public String image() {
    return LodestarBeaconProfile.IMAGE;
  }

  @Override
  public Optional<String> wrapperImage() {
    return Optional.of(LodestarBeaconProfile.WRAPPER_IMAGE);
  }

  @Override
  public List<String> command(ClientContext context) {
    Args args = Args.of("validator").flag("--dataDir", ContainerPaths.DATA);
    if (!context.wrapper()) {
      args.flag("--paramsFile", context.testnetDir() + "/config.yaml");
    }
    args.flag("--beaconNodes", context.beaconEndpoint())
        .add("--metrics")
        .flag("--metrics.address", "0.0.0.0")
        .flag("--metrics.port", METRICS);
    // packages/cli/src/cmds/validator/options.ts: externalSigner.url with externalSigner.fetch
    // (the keys listed by the signer); doppelgangerProtection, false by default.
    Validators.remoteSigner(context)
        .ifPresent(
            signer -> args.flag("--externalSigner.url", signer).add("--externalSigner.fetch"));
    args.when(Validators.doppelganger(context), "--doppelgangerProtection", "true");
    return Validators.feeAndGraffiti(args, context, "--suggestedFeeRecipient", "--graffiti");
  }

  /**
   * {@code lodestar validator slashing-protection export --file} (ChainSafe/lodestar
   * packages/cli/src/cmds/validator/slashingProtection/export.ts): the network comes from the
   * testnet's config.yaml ({@code --network} only knows built-in names).
   */
  @Override
  public Optional<SlashingExport> slashingExport(String testnetDir) {
    return Optional.of(
        new SlashingExport(
            null,
            Args.of("validator", "slashing-protection", "export")
                .flag("--dataDir", ContainerPaths.DATA)
                .flag("--paramsFile", testnetDir + "/config.yaml")
                .flag("--file", SlashingExport.FILE)
                .build(),
            SlashingExport.FILE,
            "ChainSafe/lodestar packages/cli/src/cmds/validator/slashingProtection/export.ts"));
  }

  /**
   * {@code lodestar validator slashing-protection import --file} (ChainSafe/lodestar
   * packages/cli/src/cmds/validator/slashingProtection/import.ts), with the data and network
   * options of the export. It takes the genesis validators root from the validator DB, where the
   * validator stores it at its first start (packages/validator/src/validator.ts {@code
   * setGenesisValidatorsRoot}), and otherwise asks a beacon node (slashingProtection/utils.ts),
   * which the import's container, without network, cannot reach: the validator must have started
   * once on this iteration.
   */
  @Override
  public Optional<SlashingImport> slashingImport(String testnetDir) {
    return Optional.of(
        new SlashingImport(
            null,
            Args.of("validator", "slashing-protection", "import")
                .flag("--dataDir", ContainerPaths.DATA)
                .flag("--paramsFile", testnetDir + "/config.yaml")
                .flag("--file", SlashingImport.FILE)
                .build(),
            "ChainSafe/lodestar packages/cli/src/cmds/validator/slashingProtection/import.ts"));
  }

  @Override
  public String entrypointBinary(Flavor flavor) {
    return "lodestar";
  }

  @Override
  public WipeRules wipeRules() {
    return new WipeRules(
        List.of("keystores", "secrets"), List.of(), List.of("validator-db/*"), false);
  }

  @Override
  public boolean builtInEphemery() {
    return true;
  }

  @Override
  public List<String> wrapperManagedFlags() {
    return List.of("--paramsFile");
  }

  /**
   * {@code lodestar validator import --importKeystores --importKeystoresPassword}
   * (ChainSafe/lodestar packages/cli/src/cmds/validator/import.ts): writes {@code
   * keystores/0x<pubkey>/} and {@code secrets/0x<pubkey>} (0600) into the data dir, skips a key it
   * holds, and takes one password for every keystore; the validator then loads them from the data
   * dir.
   */
  @Override
  public Optional<KeyImport> keyImport(ClientContext context) {
    return Validators.onePasswordFile(context)
        .map(
            password ->
                new KeyImport(
                    null,
                    null,
                    Args.of("validator", "import")
                        .flag("--dataDir", ContainerPaths.DATA)
                        .flag("--paramsFile", context.testnetDir() + "/config.yaml")
                        .flag("--importKeystores", ContainerPaths.KEYS)
                        .flag("--importKeystoresPassword", password)
                        .build(),
                    "ChainSafe/lodestar packages/cli/src/cmds/validator/import.ts"));
  }

  @Override
  public boolean takesRemoteSigner() {
    return true;
  }
}
