package dev.ephemery.inventory;

import dev.ephemery.inventory.InventorySchema.Consensus;
import dev.ephemery.inventory.InventorySchema.Execution;
import dev.ephemery.inventory.InventorySchema.HostKeys;
import dev.ephemery.inventory.InventorySchema.Monitoring;
import dev.ephemery.inventory.InventorySchema.Validator;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes hosts as a commented {@code ephemery.yaml}; comments come from the schema's key docs. With
 * hints, optional keys that are not set appear commented out, so the file documents itself.
 */
public final class InventoryWriter {

  private static final int COMMENT_COLUMN = 42;
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./~][A-Za-z0-9_./@:+=~-]*");
  private static final Resolver RESOLVER = new Resolver();

  private final StringBuilder out = new StringBuilder();
  private final boolean hints;

  private InventoryWriter(boolean hints) {
    this.hints = hints;
  }

  /**
   * @param header comment lines for the top of the file (without '#')
   * @param hints whether to show unset optional keys as comments
   */
  public static String write(List<Host> hosts, List<String> header, boolean hints) {
    return new InventoryWriter(hints).render(hosts, header);
  }

  private String render(List<Host> hosts, List<String> header) {
    for (String line : header) {
      String flat = line.replace('\n', ' ').replace('\r', ' ');
      out.append(flat.isEmpty() ? "#" : "# " + flat).append('\n');
    }
    if (!header.isEmpty()) {
      out.append('\n');
    }
    line(0, "network: ephemery", InventorySchema.NETWORK.doc());
    boolean sharedFlavor = hosts.stream().map(Host::flavor).distinct().count() == 1;
    out.append('\n');
    if (sharedFlavor) {
      line(0, "defaults:", InventorySchema.DEFAULTS.doc() + "; a host's own key wins");
      line(1, "flavor: " + hosts.get(0).flavor().id(), HostKeys.FLAVOR.doc());
      out.append('\n');
    }
    line(0, "hosts:", InventorySchema.HOSTS.doc());
    for (Host host : hosts) {
      host(host, sharedFlavor);
    }
    return out.toString();
  }

  private void host(Host host, boolean sharedFlavor) {
    line(1, "- name: " + scalar(host.name()), HostKeys.NAME.doc());
    int in = 2;
    line(in, "address: " + scalar(host.address().uri()), HostKeys.ADDRESS.doc());
    line(in, "baseDir: " + scalar(host.baseDir()), HostKeys.BASE_DIR.doc());
    if (!sharedFlavor) {
      line(in, "flavor: " + host.flavor().id(), HostKeys.FLAVOR.doc());
    }
    boolean ssh = host.address() instanceof Address.Ssh;
    optional(in, HostKeys.SSH_KEY_FILE, host.sshKeyFile(), ssh ? "~/.ssh/id_ed25519" : null);
    optional(
        in, HostKeys.KNOWN_HOSTS_FILE, host.knownHostsFile(), ssh ? "~/.ssh/known_hosts" : null);

    line(in, "execution:", null);
    ExecutionSpec el = host.execution();
    line(in + 1, "client: " + el.client().id(), choices(ExecutionClient.ids()));
    optional(in + 1, Execution.IMAGE, el.image(), "REPOSITORY:TAG");
    line(in + 1, "extraArgs: " + list(el.extraArgs()), Execution.EXTRA_ARGS.doc());
    optional(in + 1, Execution.P2P_PORT, el.p2pPort(), "30303");
    optional(in + 1, Execution.RPC_PORT, el.rpcPort(), "8545");

    line(in, "consensus:", null);
    ConsensusSpec cl = host.consensus();
    line(in + 1, "client: " + cl.client().id(), choices(ConsensusClient.ids()));
    optional(in + 1, Consensus.IMAGE, cl.image(), "REPOSITORY:TAG");
    line(in + 1, "extraArgs: " + list(cl.extraArgs()), Consensus.EXTRA_ARGS.doc());
    optional(
        in + 1,
        Consensus.CHECKPOINT_SYNC_URL,
        cl.checkpointSyncUrl(),
        InventoryDefaults.CHECKPOINT_SYNC_URLS.get(0));
    optional(in + 1, Consensus.P2P_PORT, cl.p2pPort(), "9000");
    optional(in + 1, Consensus.REST_PORT, cl.restPort(), "5052");

    line(in, "validator:", null);
    ValidatorSpec vc = host.validator();
    line(in + 1, "enabled: " + vc.enabled(), Validator.ENABLED.doc());
    line(in + 1, "client: " + vc.client().id(), Validator.CLIENT.doc());
    optional(in + 1, Validator.IMAGE, vc.image(), null);
    if (!vc.extraArgs().isEmpty()) {
      line(in + 1, "extraArgs: " + list(vc.extraArgs()), Validator.EXTRA_ARGS.doc());
    }
    optional(in + 1, Validator.KEYS_DIR, vc.keysDir(), host.baseDir() + "/keys");
    optional(
        in + 1, Validator.PASSWORD_FILE, vc.passwordFile(), host.baseDir() + "/keys-password.txt");
    optional(in + 1, Validator.PASSWORDS_DIR, vc.passwordsDir(), null);
    optional(in + 1, Validator.REMOTE_SIGNER, vc.remoteSigner(), "http://127.0.0.1:9000");
    optional(in + 1, Validator.DOPPELGANGER, vc.doppelganger() ? true : null, "false");
    optional(in + 1, Validator.GRAFFITI, vc.graffiti(), "my-ephemery-node");
    optional(
        in + 1,
        Validator.FEE_RECIPIENT,
        vc.feeRecipient(),
        "\"0x0000000000000000000000000000000000000000\"");

    line(in, "monitoring:", null);
    MonitoringSpec mon = host.monitoring();
    line(in + 1, "enabled: " + mon.enabled(), Monitoring.ENABLED.doc());
    line(in + 1, "prometheusPort: " + mon.prometheusPort(), Monitoring.PROMETHEUS_PORT.doc());
    line(in + 1, "grafanaPort: " + mon.grafanaPort(), Monitoring.GRAFANA_PORT.doc());
    line(
        in + 1, "nodeExporterPort: " + mon.nodeExporterPort(), Monitoring.NODE_EXPORTER_PORT.doc());
    line(in + 1, "bind: " + scalar(mon.bind()), Monitoring.BIND.doc());

    line(in, "supervisor:", null);
    SupervisorSpec sup = host.supervisor();
    line(in + 1, "enabled: " + sup.enabled(), InventorySchema.Supervisor.ENABLED.doc());
    optional(in + 1, InventorySchema.Supervisor.IMAGE, sup.image(), null);
    line(in + 1, "port: " + sup.port(), InventorySchema.Supervisor.PORT.doc());
  }

  private void optional(int indent, SchemaKey key, Object value, String example) {
    if (value != null) {
      String text = value instanceof String s ? scalar(s) : String.valueOf(value);
      line(indent, key.name() + ": " + text, key.doc());
    } else if (hints && example != null) {
      line(indent, "# " + key.name() + ": " + example, key.doc());
    }
  }

  private static String choices(List<String> ids) {
    return "one of " + String.join(", ", ids);
  }

  private void line(int indent, String text, String comment) {
    StringBuilder line = new StringBuilder("  ".repeat(indent)).append(text);
    if (comment != null && !comment.isEmpty()) {
      while (line.length() < COMMENT_COLUMN) {
        line.append(' ');
      }
      line.append(" # ").append(comment);
    }
    out.append(line).append('\n');
  }

  private static String list(List<String> items) {
    return "[" + String.join(", ", items.stream().map(InventoryWriter::quoted).toList()) + "]";
  }

  /** Plain when YAML reads it back as the same string, else double-quoted. */
  static String scalar(String text) {
    if (PLAIN.matcher(text).matches()
        && RESOLVER.resolve(NodeId.scalar, text, true).equals(Tag.STR)) {
      return text;
    }
    return quoted(text);
  }

  static String quoted(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        case '\r' -> quoted.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            quoted.append(String.format("\\x%02X", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
