package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.List;
import java.util.Optional;

/**
 * Teku validator client ({@code validator-client} subcommand of the same image). Keys are loaded in
 * place from {@code --validator-keys=KEYS:PASSWORDS}; no import step.
 */
public final class TekuValidatorProfile extends ValidatorProfile {
  static final int METRICS = 8008;

  public TekuValidatorProfile() {
    super(METRICS);
  }

  @Override
  public String id() {
    return "teku";
  }

  @Override
  public String image() {
    return TekuBeaconProfile.IMAGE;
  }

  @Override
  public Optional<String> wrapperImage() {
    return Optional.of(TekuBeaconProfile.WRAPPER_IMAGE);
  }

  @Override
  public List<String> command(ClientContext context) {
    Args args = Args.of("validator-client").flag("--data-path", ContainerPaths.DATA);
    if (!context.wrapper()) {
      args.flag("--network", context.testnetDir() + "/config.yaml");
    }
    args.flag("--beacon-node-api-endpoint", context.beaconEndpoint())
        .flag("--metrics-enabled", "true")
        .flag("--metrics-interface", "0.0.0.0")
        .flag("--metrics-port", METRICS)
        .flag("--metrics-host-allowlist", "*");
    ClientContext.ValidatorSettings validator = context.validator();
    if (validator != null && validator.hasKeys()) {
      // KEYS:PASSWORDS, a <keystore name>.txt per keystore (Consensys/teku 26.8.0
      // validator/api/.../KeyStoreFilesLocator.java). Keystore locking writes <keystore>.lock
      // beside each keystore, which the read-only keys mount refuses, and a lock left by a killed
      // container blocks the next start (ValidatorOptions.java:84); the node runs one validator
      // client per key set, which is what the lock guards.
      args.flag(
              "--validator-keys",
              ContainerPaths.KEYS
                  + ":"
                  + (validator.passwordsDir() != null ? validator.passwordsDir() : PASSWORDS))
          .flag("--validators-keystore-locking-enabled", "false");
    }
    // 26.8.0 ValidatorKeysOptions.java: the signer and its keys (a list, or a URL to load them
    // from); ValidatorOptions.java: --doppelganger-detection-enabled, false by default.
    Validators.externalSigner(args, context);
    args.when(Validators.doppelganger(context), "--doppelganger-detection-enabled", "true");
    return Validators.feeAndGraffiti(
        args, context, "--validators-proposer-default-fee-recipient", "--validators-graffiti");
  }

  /**
   * {@code teku slashing-protection export --data-path --to} (Consensys/teku, docs: Reference CLI
   * subcommands, slashing-protection export): reads the per-key records under the data path; needs
   * no network.
   */
  @Override
  public Optional<SlashingExport> slashingExport(String testnetDir) {
    return Optional.of(
        new SlashingExport(
            null,
            Args.of("slashing-protection", "export")
                .flag("--data-path", ContainerPaths.DATA)
                .flag("--to", SlashingExport.FILE)
                .build(),
            SlashingExport.FILE,
            "Consensys/teku docs reference/cli/subcommands/slashing-protection"));
  }

  /**
   * {@code teku slashing-protection import --data-path --from} (Consensys/teku 26.8.0
   * teku/src/main/java/tech/pegasys/teku/cli/slashingprotection/ImportCommand.java {@code --from};
   * {@code --data-path} from cli/options/DataOptions.java through ValidatorClientDataOptions):
   * writes the per-key records under {@code <data-path>/validator/slashprotection}, creating the
   * folder; needs no network.
   */
  @Override
  public Optional<SlashingImport> slashingImport(String testnetDir) {
    return Optional.of(
        new SlashingImport(
            null,
            Args.of("slashing-protection", "import")
                .flag("--data-path", ContainerPaths.DATA)
                .flag("--from", SlashingImport.FILE)
                .build(),
            "Consensys/teku 26.8.0 teku/src/main/java/tech/pegasys/teku/cli/slashingprotection/"
                + "ImportCommand.java"));
  }

  @Override
  public String entrypointBinary(Flavor flavor) {
    return "teku";
  }

  @Override
  public String owner() {
    return "1000:1000";
  }

  @Override
  public WipeRules wipeRules() {
    return new WipeRules(List.of(), List.of(), List.of("validator/slashprotection/*"), false);
  }

  @Override
  public boolean builtInEphemery() {
    return true;
  }

  @Override
  public List<String> wrapperManagedFlags() {
    return List.of("--network");
  }

  /** Where the import step writes a copy of the one password for each keystore. */
  static final String PASSWORDS = ContainerPaths.DATA + "/validator-passwords";

  @Override
  public boolean passwordPerKeystore() {
    return true;
  }

  /**
   * Teku has no import: it reads each keystore in place with its own {@code <name>.txt}. With one
   * {@code passwordFile}, this step lays that file out as teku expects, one copy per keystore under
   * the data dir (0600, as teku's user), afresh each time the keys change.
   */
  @Override
  public Optional<KeyImport> keyImport(ClientContext context) {
    return Validators.onePasswordFile(context).map(TekuValidatorProfile::passwordsPerKeystore);
  }

  private static KeyImport passwordsPerKeystore(String password) {
    String script =
        "set -e; umask 077; rm -rf "
            + PASSWORDS
            + "; mkdir -p "
            + PASSWORDS
            + "; cd "
            + ContainerPaths.KEYS
            + "; find . -name '*.json' | while IFS= read -r f; do mkdir -p \""
            + PASSWORDS
            + "/$(dirname \"$f\")\"; cp "
            + password
            + " \""
            + PASSWORDS
            + "/${f%.json}.txt\"; done";
    return new KeyImport(
        null,
        List.of("sh", "-c"),
        List.of(script),
        "Consensys/teku 26.8.0 validator/api/.../KeyStoreFilesLocator.java");
  }

  @Override
  public boolean takesRemoteSigner() {
    return true;
  }
}
