package dev.ephemery.inventory;

import java.util.List;

/**
 * Every key of {@code ephemery.yaml}, declared once. {@code defaults} takes the host keys except
 * {@code name}; required keys may come from either.
 */
public final class InventorySchema {

  private InventorySchema() {}

  /** Keys of {@code execution}. */
  public static final class Execution {
    public static final SchemaKey CLIENT =
        SchemaKey.string("client", "the execution client")
            .asRequired()
            .allowing(ExecutionClient.ids());
    public static final SchemaKey IMAGE =
        SchemaKey.string("image", "a pinned image instead of the tested default")
            .withFormat(ValueFormat.IMAGE);
    public static final SchemaKey EXTRA_ARGS =
        SchemaKey.stringList(
            "extraArgs", "arguments appended to the client's command line, one per item");
    public static final SchemaKey P2P_PORT =
        SchemaKey.integer("p2pPort", "host port for devp2p, TCP and UDP (default: the client's)")
            .withFormat(ValueFormat.PORT);
    public static final SchemaKey RPC_PORT =
        SchemaKey.integer(
                "rpcPort",
                "host port for the JSON-RPC HTTP API, published on 127.0.0.1 only (default: 8545)")
            .withFormat(ValueFormat.PORT);
    public static final SchemaSection SECTION =
        new SchemaSection("execution", List.of(CLIENT, IMAGE, EXTRA_ARGS, P2P_PORT, RPC_PORT));

    private Execution() {}
  }

  /** Keys of {@code consensus}. */
  public static final class Consensus {
    public static final SchemaKey CLIENT =
        SchemaKey.string("client", "the consensus client (beacon node)")
            .asRequired()
            .allowing(ConsensusClient.ids());
    public static final SchemaKey IMAGE =
        SchemaKey.string("image", "a pinned image instead of the tested default")
            .withFormat(ValueFormat.IMAGE);
    public static final SchemaKey EXTRA_ARGS =
        SchemaKey.stringList(
            "extraArgs", "arguments appended to the client's command line, one per item");
    public static final SchemaKey CHECKPOINT_SYNC_URL =
        SchemaKey.string(
                "checkpointSyncUrl",
                "a beacon API serving Ephemery's finalized state, or auto to pick the best known"
                    + " one when the node starts from an empty database (default: sync from"
                    + " genesis)")
            .withFormat(ValueFormat.CHECKPOINT_URL);
    public static final SchemaKey P2P_PORT =
        SchemaKey.integer("p2pPort", "host port for libp2p, TCP and UDP (default: the client's)")
            .withFormat(ValueFormat.PORT);
    public static final SchemaKey REST_PORT =
        SchemaKey.integer(
                "restPort",
                "host port for the beacon REST API, published on 127.0.0.1 only (default: the"
                    + " client's, e.g. 5052)")
            .withFormat(ValueFormat.PORT);
    public static final SchemaSection SECTION =
        new SchemaSection(
            "consensus",
            List.of(CLIENT, IMAGE, EXTRA_ARGS, CHECKPOINT_SYNC_URL, P2P_PORT, REST_PORT));

    private Consensus() {}
  }

  /** Keys of {@code validator}. */
  public static final class Validator {
    public static final SchemaKey ENABLED =
        SchemaKey.bool("enabled", false, "run a validator client next to the beacon node");
    public static final SchemaKey CLIENT =
        SchemaKey.string("client", "the validator client family (default: the consensus client)")
            .allowing(ConsensusClient.ids());
    public static final SchemaKey IMAGE =
        SchemaKey.string("image", "a pinned image instead of the tested default")
            .withFormat(ValueFormat.IMAGE);
    public static final SchemaKey EXTRA_ARGS =
        SchemaKey.stringList(
            "extraArgs", "arguments appended to the validator's command line, one per item");
    public static final SchemaKey KEYS_DIR =
        SchemaKey.string("keysDir", "directory on the host holding EIP-2335 keystores to import")
            .withFormat(ValueFormat.ABSOLUTE_PATH);
    public static final SchemaKey PASSWORD_FILE =
        SchemaKey.string(
                "passwordFile",
                "file on the host holding the one password of every keystore in keysDir")
            .withFormat(ValueFormat.ABSOLUTE_PATH);
    public static final SchemaKey PASSWORDS_DIR =
        SchemaKey.string(
                "passwordsDir",
                "directory on the host with one password file per keystore, named like the"
                    + " keystore with .txt instead of .json")
            .withFormat(ValueFormat.ABSOLUTE_PATH);
    public static final SchemaKey REMOTE_SIGNER =
        SchemaKey.string(
                "remoteSigner", "a Web3Signer URL that signs instead of keystores on the host")
            .withFormat(ValueFormat.HTTP_URL);
    public static final SchemaKey DOPPELGANGER =
        SchemaKey.bool(
            "doppelganger",
            false,
            "wait a few epochs to see that the keys are not live elsewhere before signing");
    public static final SchemaKey GRAFFITI =
        SchemaKey.string("graffiti", "text put into proposed blocks (at most 32 bytes)")
            .withFormat(ValueFormat.GRAFFITI);
    public static final SchemaKey FEE_RECIPIENT =
        SchemaKey.string(
                "feeRecipient",
                "0x address receiving execution-layer rewards (required when enabled)")
            .withFormat(ValueFormat.ETH_ADDRESS);
    public static final SchemaSection SECTION =
        new SchemaSection(
            "validator",
            List.of(
                ENABLED,
                CLIENT,
                IMAGE,
                EXTRA_ARGS,
                KEYS_DIR,
                PASSWORD_FILE,
                PASSWORDS_DIR,
                REMOTE_SIGNER,
                DOPPELGANGER,
                GRAFFITI,
                FEE_RECIPIENT));

    private Validator() {}
  }

  /** Keys of {@code monitoring}. */
  public static final class Monitoring {
    public static final SchemaKey ENABLED =
        SchemaKey.bool(
            "enabled",
            true,
            "Prometheus, Grafana and node-exporter with the node (see docs/monitoring.md)");
    public static final SchemaKey PROMETHEUS_PORT =
        SchemaKey.integer("prometheusPort", "Prometheus port, on monitoring.bind")
            .withDefault(MonitoringSpec.DEFAULT_PROMETHEUS_PORT)
            .withFormat(ValueFormat.PORT);
    public static final SchemaKey GRAFANA_PORT =
        SchemaKey.integer("grafanaPort", "Grafana port, on monitoring.bind")
            .withDefault(MonitoringSpec.DEFAULT_GRAFANA_PORT)
            .withFormat(ValueFormat.PORT);
    public static final SchemaKey NODE_EXPORTER_PORT =
        SchemaKey.integer("nodeExporterPort", "node-exporter port, on monitoring.bind")
            .withDefault(MonitoringSpec.DEFAULT_NODE_EXPORTER_PORT)
            .withFormat(ValueFormat.PORT);
    public static final SchemaKey BIND =
        SchemaKey.string(
                "bind",
                "host IPv4 address the three ports are published on; another than 127.0.0.1"
                    + " makes Grafana and Prometheus (no login) reachable from the network")
            .withDefault(MonitoringSpec.DEFAULT_BIND)
            .withFormat(ValueFormat.IPV4_ADDRESS);
    public static final SchemaSection SECTION =
        new SchemaSection(
            "monitoring",
            List.of(ENABLED, PROMETHEUS_PORT, GRAFANA_PORT, NODE_EXPORTER_PORT, BIND));

    private Monitoring() {}
  }

  /** Keys of {@code supervisor}. */
  public static final class Supervisor {
    public static final SchemaKey ENABLED =
        SchemaKey.bool(
            "enabled", true, "run the supervisor (ephemery run) in a container on the host");
    public static final SchemaKey IMAGE =
        SchemaKey.string("image", "a pinned Java 17+ image instead of the tested default")
            .withFormat(ValueFormat.IMAGE);
    public static final SchemaKey PORT =
        SchemaKey.integer("port", "its /status and /metrics port, bound to 127.0.0.1")
            .withDefault(SupervisorSpec.DEFAULT_PORT)
            .withFormat(ValueFormat.PORT);
    public static final SchemaSection SECTION =
        new SchemaSection("supervisor", List.of(ENABLED, IMAGE, PORT));

    private Supervisor() {}
  }

  /** Keys of {@code kubernetes.execution}, {@code .consensus} and {@code .validator}. */
  public static final class KubernetesResources {
    public static final SchemaKey CPU_REQUEST =
        SchemaKey.string("cpuRequest", "CPU the scheduler reserves, e.g. \"2\" or 500m")
            .withFormat(ValueFormat.CPU_QUANTITY);
    public static final SchemaKey MEMORY_REQUEST =
        SchemaKey.string("memoryRequest", "memory the scheduler reserves, e.g. 4Gi")
            .withFormat(ValueFormat.BYTES_QUANTITY);
    public static final SchemaKey CPU_LIMIT =
        SchemaKey.string("cpuLimit", "CPU the container may use at most (default: none)")
            .withFormat(ValueFormat.CPU_QUANTITY);
    public static final SchemaKey MEMORY_LIMIT =
        SchemaKey.string(
                "memoryLimit", "memory the container may use at most (default: the client's)")
            .withFormat(ValueFormat.BYTES_QUANTITY);
    public static final SchemaKey STORAGE =
        SchemaKey.string("storage", "the size of its data volume (PersistentVolumeClaim)")
            .withFormat(ValueFormat.BYTES_QUANTITY);
    public static final SchemaSection SECTION =
        new SchemaSection(
            "resources", List.of(CPU_REQUEST, MEMORY_REQUEST, CPU_LIMIT, MEMORY_LIMIT, STORAGE));

    private KubernetesResources() {}
  }

  /** Keys of {@code kubernetes}, read for {@code kubernetes://} hosts only. */
  public static final class Kubernetes {
    public static final SchemaKey STORAGE_CLASS =
        SchemaKey.string(
                "storageClass", "StorageClass of the node's volumes (default: the cluster's)")
            .withFormat(ValueFormat.DNS_SUBDOMAIN);
    public static final SchemaKey EXECUTION =
        SchemaKey.map(
            "execution",
            KubernetesResources.SECTION,
            "the execution client's resources (storage default: "
                + KubernetesSpec.DEFAULT_EXECUTION_STORAGE
                + ")");
    public static final SchemaKey CONSENSUS =
        SchemaKey.map(
            "consensus",
            KubernetesResources.SECTION,
            "the beacon node's resources (storage default: "
                + KubernetesSpec.DEFAULT_CONSENSUS_STORAGE
                + ")");
    public static final SchemaKey VALIDATOR =
        SchemaKey.map(
            "validator",
            KubernetesResources.SECTION,
            "the validator client's resources (storage default: "
                + KubernetesSpec.DEFAULT_VALIDATOR_STORAGE
                + ")");
    public static final SchemaSection SECTION =
        new SchemaSection("kubernetes", List.of(STORAGE_CLASS, EXECUTION, CONSENSUS, VALIDATOR));

    private Kubernetes() {}
  }

  /** Keys of each entry of {@code hosts}. */
  public static final class HostKeys {
    public static final SchemaKey NAME =
        SchemaKey.string("name", "unique host name; becomes container and network names")
            .asRequired()
            .withFormat(ValueFormat.DNS_LABEL);
    public static final SchemaKey ADDRESS =
        SchemaKey.string(
                "address",
                "where the node runs: local, ssh://user@host[:port] (Docker) or"
                    + " kubernetes://CONTEXT/NAMESPACE")
            .asRequired()
            .withFormat(ValueFormat.ADDRESS);
    public static final SchemaKey BASE_DIR =
        SchemaKey.string(
                "baseDir", "data root on the host; the tool never writes or deletes outside it")
            .withDefault(InventoryDefaults.SYSTEM_BASE_DIR)
            .withFormat(ValueFormat.ABSOLUTE_PATH);
    public static final SchemaKey FLAVOR =
        SchemaKey.string(
                "flavor",
                "upstream: client images fed with verified release files; wrapper:"
                    + " pk910/ephemery-* images")
            .allowing(List.of(Flavor.UPSTREAM.id(), Flavor.WRAPPER.id()))
            .withDefault(Flavor.UPSTREAM.id());
    public static final SchemaKey SSH_KEY_FILE =
        SchemaKey.string(
                "sshKeyFile",
                "private key for an ssh address, on this machine (default: the SSH agent)")
            .withFormat(ValueFormat.LOCAL_PATH);
    public static final SchemaKey KNOWN_HOSTS_FILE =
        SchemaKey.string(
                "knownHostsFile",
                "known_hosts to check the host key against (default: ~/.ssh/known_hosts)")
            .withFormat(ValueFormat.LOCAL_PATH);
    public static final SchemaKey EXECUTION =
        SchemaKey.map("execution", Execution.SECTION, "the execution client");
    public static final SchemaKey CONSENSUS =
        SchemaKey.map("consensus", Consensus.SECTION, "the consensus client");
    public static final SchemaKey VALIDATOR =
        SchemaKey.map("validator", Validator.SECTION, "the validator client");
    public static final SchemaKey MONITORING =
        SchemaKey.map("monitoring", Monitoring.SECTION, "the monitoring stack");
    public static final SchemaKey SUPERVISOR =
        SchemaKey.map("supervisor", Supervisor.SECTION, "the on-host supervisor");
    public static final SchemaKey KUBERNETES =
        SchemaKey.map(
            "kubernetes",
            Kubernetes.SECTION,
            "resources and storage of a kubernetes:// host's node (ignored elsewhere)");
    public static final SchemaSection SECTION =
        new SchemaSection(
            "host",
            List.of(
                NAME,
                ADDRESS,
                BASE_DIR,
                FLAVOR,
                SSH_KEY_FILE,
                KNOWN_HOSTS_FILE,
                EXECUTION,
                CONSENSUS,
                VALIDATOR,
                MONITORING,
                SUPERVISOR,
                KUBERNETES));

    private HostKeys() {}
  }

  public static final SchemaKey NETWORK =
      SchemaKey.string("network", "the network; this tool runs Ephemery only")
          .allowing(List.of("ephemery"))
          .withDefault("ephemery");
  public static final SchemaSection DEFAULTS_SECTION =
      HostKeys.SECTION.without("name").withoutRequired();
  public static final SchemaKey DEFAULTS =
      SchemaKey.map("defaults", DEFAULTS_SECTION, "host keys every host inherits");
  public static final SchemaKey HOSTS =
      SchemaKey.mapList("hosts", HostKeys.SECTION, "the machines, one node stack each")
          .asRequired();
  public static final SchemaSection ROOT =
      new SchemaSection("inventory", List.of(NETWORK, DEFAULTS, HOSTS));
}
