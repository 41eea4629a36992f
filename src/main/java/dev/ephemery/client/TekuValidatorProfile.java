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
    return "consensys/teku:26.8.0";
  }

  @Override
  public Optional<String> wrapperImage() {
    return Optional.of(Wrappers.image("teku"));
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
    if (context.validator() != null && context.validator().hasKeys()) {
      args.flag("--validator-keys", ContainerPaths.KEYS + ":" + ContainerPaths.KEYS);
    }
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
}
