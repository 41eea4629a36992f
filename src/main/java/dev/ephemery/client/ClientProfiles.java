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
    Optional<ClientProfile> profile =
        switch (role) {
          case "execution" -> ExecutionClient.byId(client).map(ClientProfiles::execution);
          case "consensus" -> ConsensusClient.byId(client).map(ClientProfiles::beacon);
          case "validator" -> ConsensusClient.byId(client).flatMap(ClientProfiles::validator);
          default -> Optional.empty();
        };
    return profile.map(ClientProfile::renamedFlags).orElse(Map.of());
  }

  private ClientProfiles() {}
}
