package dev.ephemery.client;

import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import java.util.Map;
import java.util.Optional;

/** The registry: which profile describes which client in which role. */
public final class ClientProfiles {
  private static final Map<ExecutionClient, ClientProfile> EXECUTION =
      Map.of(
          ExecutionClient.GETH, new GethProfile(),
          ExecutionClient.NETHERMIND, new NethermindProfile(),
          ExecutionClient.BESU, new BesuProfile(),
          ExecutionClient.ERIGON, new ErigonProfile(),
          ExecutionClient.RETH, new RethProfile());

  private static final Map<ConsensusClient, ClientProfile> BEACON =
      Map.of(
          ConsensusClient.LIGHTHOUSE, new LighthouseBeaconProfile(),
          ConsensusClient.TEKU, new TekuBeaconProfile(),
          ConsensusClient.PRYSM, new PrysmBeaconProfile(),
          ConsensusClient.NIMBUS, new NimbusBeaconProfile(),
          ConsensusClient.LODESTAR, new LodestarBeaconProfile(),
          ConsensusClient.GRANDINE, new GrandineBeaconProfile());

  // Grandine has none: its validator runs inside the beacon node.
  private static final Map<ConsensusClient, ClientProfile> VALIDATOR =
      Map.of(
          ConsensusClient.LIGHTHOUSE, new LighthouseValidatorProfile(),
          ConsensusClient.TEKU, new TekuValidatorProfile(),
          ConsensusClient.PRYSM, new PrysmValidatorProfile(),
          ConsensusClient.NIMBUS, new NimbusValidatorProfile(),
          ConsensusClient.LODESTAR, new LodestarValidatorProfile());

  public static ClientProfile execution(ExecutionClient client) {
    return EXECUTION.get(client);
  }

  public static ClientProfile beacon(ConsensusClient client) {
    return BEACON.get(client);
  }

  /** The separate validator client, or empty when the validator is built into the beacon node. */
  public static Optional<ClientProfile> validator(ConsensusClient client) {
    return Optional.ofNullable(VALIDATOR.get(client));
  }

  /**
   * The profile that holds a host's validator keys and signs: its separate validator client ({@code
   * validator.client}, by default the consensus client's), or the beacon node itself when its
   * validator is built in (grandine).
   */
  public static ClientProfile signer(dev.ephemery.inventory.Host host) {
    ConsensusClient client =
        java.util.Objects.requireNonNullElse(host.validator().client(), host.consensus().client());
    return validator(client).orElse(beacon(host.consensus().client()));
  }

  public static boolean builtInValidator(ConsensusClient client) {
    return !VALIDATOR.containsKey(client);
  }

  /**
   * The options the client in {@code role} ({@code execution}, {@code consensus}, {@code
   * validator}) renamed, by old name ({@link ClientProfile#renamedFlags}); empty for an unknown
   * one.
   */
  public static Map<String, String> renamedFlags(String role, String client) {
    Optional<ClientKind> kind =
        switch (role) {
          case "execution" -> Optional.of(ClientKind.EXECUTION);
          case "consensus" -> Optional.of(ClientKind.BEACON);
          case "validator" -> Optional.of(ClientKind.VALIDATOR);
          default -> Optional.empty();
        };
    return kind.flatMap(k -> of(k, client)).map(ClientProfile::renamedFlags).orElse(Map.of());
  }

  /**
   * The profile of the client named {@code id} ({@code geth}, {@code lighthouse}, ...) in the part
   * {@code kind}; empty for an unknown name and for a validator built into its beacon node.
   */
  public static Optional<ClientProfile> of(ClientKind kind, String id) {
    return switch (kind) {
      case EXECUTION -> ExecutionClient.byId(id).map(ClientProfiles::execution);
      case BEACON -> ConsensusClient.byId(id).map(ClientProfiles::beacon);
      case VALIDATOR -> ConsensusClient.byId(id).flatMap(ClientProfiles::validator);
    };
  }

  private ClientProfiles() {}
}
