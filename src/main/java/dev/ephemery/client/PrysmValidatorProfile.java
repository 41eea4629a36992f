package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.List;
import java.util.Optional;

/**
 * Prysm validator client. It talks gRPC to a Prysm beacon node (port 4000). The wallet is kept in
 * {@code wallet/} of its data dir; the pk910 wrapper resets by deleting the whole data dir, so the
 * wrapper flavor keeps the wallet elsewhere.
 */
public final class PrysmValidatorProfile extends ValidatorProfile {
  static final int METRICS = 8081;

  public PrysmValidatorProfile() {
    super(METRICS);
  }

  @Override
  public String id() {
    return "prysm";
  }

  @Override
  public String image() {
    return "gcr.io/prysmaticlabs/prysm/validator:" + PrysmBeaconProfile.RELEASE_TAG;
  }

  @Override
  public Optional<String> wrapperImage() {
    return Optional.of(Wrappers.image("prysm-validator"));
  }

  @Override
  public List<String> command(ClientContext context) {
    // The wrapper resets with `rm -rf <datadir>/*`: there the data dir is a sub-folder, so the
    // wallet beside it survives every iteration.
    String dataDir = context.wrapper() ? ContainerPaths.DATA + "/validator" : ContainerPaths.DATA;
    Args args =
        Args.of()
            .flag("--datadir", dataDir)
            .flag("--wallet-dir", ContainerPaths.DATA + "/wallet")
            .add("--accept-terms-of-use");
    if (!context.wrapper()) {
      // The validator loads the file as the beacon node does (prysm v7.1.6 validator/node/node.go:
      // params.LoadChainConfigFile), so it fails the same way on the release's own file.
      args.flag("--chain-config-file", context.testnetDir() + "/" + PrysmChainConfig.FILE);
    }
    if (!context.wrapper() && context.validator() != null && context.validator().hasKeys()) {
      // The wallet the import made opens with its password, or prysm prompts for it
      // (validator/node/node.go: wallet.OpenWalletOrElseCli).
      args.flag("--wallet-password-file", WALLET_PASSWORD);
    }
    // cmd/validator/flags/flags.go: the signer's URL and where to list its keys (a URL is
    // accepted); config/features/flags.go: --enable-doppelganger, off unless given.
    Validators.externalSigner(args, context);
    args.when(Validators.doppelganger(context), "--enable-doppelganger");
    args.flag("--beacon-rpc-provider", context.beaconHost() + ":" + PrysmBeaconProfile.GRPC)
        .flag("--monitoring-host", "0.0.0.0")
        .flag("--monitoring-port", METRICS);
    return Validators.feeAndGraffiti(args, context, "--suggested-fee-recipient", "--graffiti");
  }

  /**
   * {@code validator slashing-protection-history export} (prysmaticlabs/prysm
   * cmd/validator/slashing-protection): writes {@code slashing_protection.json} into the export
   * folder; without {@code --accept-terms-of-use} it stops at a prompt.
   */
  @Override
  public Optional<SlashingExport> slashingExport(String testnetDir) {
    return Optional.of(
        new SlashingExport(
            null,
            Args.of("slashing-protection-history", "export")
                .add("--accept-terms-of-use")
                .flag("--datadir", ContainerPaths.DATA)
                .flag("--slashing-protection-export-dir", SlashingExport.OUTPUT_DIR)
                .build(),
            SlashingExport.OUTPUT_DIR + "/slashing_protection.json",
            "prysmaticlabs/prysm cmd/validator/slashing-protection/slashing-protection.go"));
  }

  /**
   * {@code validator slashing-protection-history import --datadir --slashing-protection-json-file
   * --accept-terms-of-use} (OffchainLabs/prysm cmd/validator/slashing-protection/
   * slashing-protection.go, import.go; the flag in cmd/validator/flags/flags.go {@code
   * SlashingProtectionJSONFileFlag}). Without {@code --accept-terms-of-use} it stops at a prompt.
   * It searches {@code validator.db} below {@code --datadir} ({@code file.RecursiveFileFind}), so
   * the data folder serves the wrapper's sub-folder too, and it refuses to run where there is none
   * yet ("nothing to import"): the validator must have started once on this iteration.
   */
  @Override
  public Optional<SlashingImport> slashingImport(String testnetDir) {
    return Optional.of(
        new SlashingImport(
            null,
            Args.of("slashing-protection-history", "import")
                .add("--accept-terms-of-use")
                .flag("--datadir", ContainerPaths.DATA)
                .flag("--slashing-protection-json-file", SlashingImport.FILE)
                .build(),
            "OffchainLabs/prysm cmd/validator/slashing-protection/slashing-protection.go"));
  }

  @Override
  public String entrypointBinary(Flavor flavor) {
    return "validator";
  }

  @Override
  public WipeRules wipeRules() {
    return new WipeRules(
        List.of("wallet", WALLET_PASSWORD_FILE), List.of(), List.of("validator.db"), false);
  }

  @Override
  public List<String> wrapperManagedFlags() {
    return List.of("--chain-config-file");
  }

  /** The wallet's password: the tool's own, made once; nobody types it. */
  static final String WALLET_PASSWORD_FILE = "wallet-password.txt";

  static final String WALLET_PASSWORD = ContainerPaths.DATA + "/" + WALLET_PASSWORD_FILE;

  @Override
  public List<String> generatedSecrets() {
    return List.of(WALLET_PASSWORD_FILE);
  }

  /**
   * {@code validator accounts import --wallet-dir --wallet-password-file --keys-dir
   * --account-password-file --accept-terms-of-use} (OffchainLabs/prysm
   * cmd/validator/accounts/accounts.go "import", cmd/validator/flags/flags.go): creates the wallet
   * when there is none (a password of at least 8 characters, io/prompt/validate.go), skips a key
   * the wallet holds, and takes one password for every keystore.
   */
  @Override
  public Optional<KeyImport> keyImport(ClientContext context) {
    return Validators.onePasswordFile(context)
        .map(
            password ->
                new KeyImport(
                    null,
                    null,
                    Args.of("accounts", "import")
                        .add("--accept-terms-of-use")
                        .flag("--wallet-dir", ContainerPaths.DATA + "/wallet")
                        .flag("--wallet-password-file", WALLET_PASSWORD)
                        .flag("--keys-dir", ContainerPaths.KEYS)
                        .flag("--account-password-file", password)
                        .build(),
                    "OffchainLabs/prysm cmd/validator/accounts/accounts.go (import)"));
  }

  @Override
  public boolean takesRemoteSigner() {
    return true;
  }
}
