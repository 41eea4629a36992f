package dev.ephemery.client;

import dev.ephemery.inventory.Flavor;
import java.util.List;
import java.util.Optional;

/** Lodestar validator client ({@code validator} subcommand of the same image). */
public final class LodestarValidatorProfile implements ClientProfile {
  static final int METRICS = 5064;

  @Override
  public String id() {
    return "lodestar";
  }

  @Override
  public ClientKind kind() {
    return ClientKind.VALIDATOR;
  }

  @Override
  public String image() {
    return "chainsafe/lodestar:v1.45.0";
  }

  @Override
  public Optional<String> wrapperImage() {
    return Optional.of(Wrappers.image("lodestar"));
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
    return Validators.feeAndGraffiti(args, context, "--suggestedFeeRecipient", "--graffiti");
  }

  @Override
  public String entrypointBinary(Flavor flavor) {
    return "lodestar";
  }

  @Override
  public int defaultP2pPort() {
    return 0;
  }

  @Override
  public List<PortSpec> ports(int p2pPort) {
    return List.of(PortSpec.internal("metrics", METRICS));
  }

  @Override
  public Metrics metrics() {
    return new Metrics(METRICS, "/metrics");
  }

  @Override
  public WipeRules wipeRules() {
    return new WipeRules(
        List.of("keystores", "secrets"), List.of(), List.of("validator-db/*"), false);
  }

  @Override
  public List<HealthCheck> health() {
    return List.of();
  }

  @Override
  public boolean builtInEphemery() {
    return true;
  }

  @Override
  public List<String> wrapperManagedFlags() {
    return List.of("--paramsFile");
  }
}
