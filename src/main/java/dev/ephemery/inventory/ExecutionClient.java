package dev.ephemery.inventory;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The execution clients the tool can run, by the name used in inventories. */
public enum ExecutionClient {
  GETH,
  NETHERMIND,
  BESU,
  ERIGON,
  RETH;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ExecutionClient> byId(String id) {
    return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(ExecutionClient::id).toList();
  }
}
