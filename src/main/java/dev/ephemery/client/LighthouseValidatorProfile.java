package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.List;
import java.util.Optional;

/**
 * Lighthouse validator client. Flags: sigp/lighthouse book/src/help_vc.md. The slashing database is
 * {@code validators/slashing_protection.sqlite}; after a reset deletes it, the next start needs
 * {@code --init-slashing-protection}, which the reset machine adds for that start only.
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
    return "sigp/lighthouse:v8.2.2";
  }

  @Override
  public Optional<String> wrapperImage() {
    return Optional.of(Wrappers.image("lighthouse"));
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

  @Override
  public String entrypointBinary(Flavor flavor) {
    return null;
  }

  @Override
  public WipeRules wipeRules() {
    return new WipeRules(
        List.of("validators", "secrets", "validators/validator_definitions.yml"),
        List.of(),
        List.of("validators/slashing_protection.sqlite"),
        false);
  }

  @Override
  public List<String> wrapperManagedFlags() {
    return List.of("--testnet-dir");
  }
}
