package dev.ephemery.inventory;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The consensus clients (beacon node, and their validator clients), by inventory name. */
public enum ConsensusClient {
  LIGHTHOUSE,
  TEKU,
  PRYSM,
  NIMBUS,
  LODESTAR,
  GRANDINE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ConsensusClient> byId(String id) {
    return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(ConsensusClient::id).toList();
  }
}
