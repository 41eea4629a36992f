package dev.ephemery.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * The inventories the tool writes itself: the embedded default used when there is no file, and what
 * {@code ephemery init} writes. Both go through {@link InventoryWriter} and are parsed back, so the
 * default is exactly what a user would get in a file.
 */
public final class InventoryTemplates {

  private InventoryTemplates() {}

  /**
   * What {@code init} asks for.
   *
   * @param addresses {@code local} or ssh://user@host[:port] per host; empty: one local host
   */
  public record InitOptions(
      ExecutionClient execution,
      ConsensusClient consensus,
      boolean validator,
      Flavor flavor,
      List<String> addresses) {
    public InitOptions {
      addresses = List.copyOf(addresses);
    }

    public static InitOptions defaults() {
      return new InitOptions(
          InventoryDefaults.DEFAULT_EXECUTION,
          InventoryDefaults.DEFAULT_CONSENSUS,
          false,
          Flavor.UPSTREAM,
          List.of());
    }
  }

  /** One local node: geth + lighthouse, monitoring enabled, validator off. */
  public static Inventory embeddedDefault(InventoryDefaults.HostFacts facts) {
    return InventoryParser.parse(
        initText(InitOptions.defaults(), facts), InventoryDefaults.EMBEDDED_SOURCE);
  }

  /** The commented inventory {@code init} writes; the caller checks the addresses first. */
  public static String initText(InitOptions options, InventoryDefaults.HostFacts facts) {
    List<Host> hosts = new ArrayList<>();
    if (options.addresses().isEmpty()) {
      hosts.add(
          host(
              InventoryDefaults.DEFAULT_HOST_NAME,
              new Address.Local(),
              InventoryDefaults.localBaseDir(facts),
              options));
    } else {
      for (int i = 0; i < options.addresses().size(); i++) {
        Addresses.Parsed parsed = Addresses.parse(options.addresses().get(i));
        if (!parsed.ok()) {
          throw new IllegalArgumentException(parsed.error());
        }
        hosts.add(
            host("node" + (i + 1), parsed.address(), InventoryDefaults.SYSTEM_BASE_DIR, options));
      }
    }
    return InventoryWriter.write(
        hosts,
        List.of(
            "Ephemery inventory, written by 'ephemery init'. Check it with 'ephemery check'.",
            "Every key is described in docs/inventory.md. Keys under 'defaults' apply to every",
            "host; a host's own key wins. Lines starting with '#' show optional keys."),
        true);
  }

  private static Host host(String name, Address address, String baseDir, InitOptions options) {
    return new Host(
        name,
        address,
        baseDir,
        options.flavor(),
        new ExecutionSpec(options.execution(), null, List.of(), null),
        new ConsensusSpec(options.consensus(), null, List.of(), null, null),
        new ValidatorSpec(
            options.validator(), options.consensus(), null, List.of(), null, null, null),
        new MonitoringSpec(
            true,
            MonitoringSpec.DEFAULT_PROMETHEUS_PORT,
            MonitoringSpec.DEFAULT_GRAFANA_PORT,
            MonitoringSpec.DEFAULT_NODE_EXPORTER_PORT,
            MonitoringSpec.DEFAULT_BIND),
        null,
        null);
  }
}
