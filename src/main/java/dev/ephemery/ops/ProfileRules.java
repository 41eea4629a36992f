package dev.ephemery.ops;

import dev.ephemery.client.ClientProfile;
import dev.ephemery.client.ClientProfiles;
import dev.ephemery.client.WipeRules;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.plan.Role;
import java.util.Optional;

/** The data-dir rules of a planned container, read from its client profile. */
public final class ProfileRules {

  private ProfileRules() {}

  public static DataDirRules of(Role role, String client) {
    return profile(role, client)
        .map(ClientProfile::wipeRules)
        .map(ProfileRules::from)
        .orElse(DataDirRules.NONE);
  }

  static DataDirRules from(WipeRules rules) {
    return new DataDirRules(rules.keep(), rules.wipe(), rules.resetPerIteration(), rules.reinit());
  }

  public static Optional<ClientProfile> profile(Role role, String client) {
    return switch (role) {
      case EXECUTION -> ExecutionClient.byId(client).map(ClientProfiles::execution);
      case CONSENSUS -> ConsensusClient.byId(client).map(ClientProfiles::beacon);
      case VALIDATOR -> ConsensusClient.byId(client).flatMap(ClientProfiles::validator);
      default -> Optional.empty();
    };
  }
}
