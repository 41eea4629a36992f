package dev.ephemery.plan;

import dev.ephemery.client.ClientKind;
import dev.ephemery.client.ClientProfile;
import dev.ephemery.client.ClientProfiles;
import java.util.Optional;

/**
 * Which client a planned container runs and in which role: the one way from a planned container (or
 * a plan read back from JSON) to its client profile.
 *
 * @param client the inventory name: {@code geth}, {@code lighthouse}, ...
 */
public record ClientRef(Role role, String client) {

  /**
   * The client's profile in this role; empty for a container no profile describes (an init step,
   * the supervisor) and for a name no profile has.
   */
  public Optional<ClientProfile> profile() {
    return kind().flatMap(kind -> ClientProfiles.of(kind, client));
  }

  private Optional<ClientKind> kind() {
    return switch (role) {
      case EXECUTION -> Optional.of(ClientKind.EXECUTION);
      case CONSENSUS -> Optional.of(ClientKind.BEACON);
      case VALIDATOR -> Optional.of(ClientKind.VALIDATOR);
      case INIT, MONITORING, SUPERVISOR -> Optional.empty();
    };
  }
}
