package dev.ephemery.testing;

import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ConsensusSpec;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.ExecutionSpec;
import dev.ephemery.inventory.Flavor;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.inventory.MonitoringSpec;
import dev.ephemery.inventory.SupervisorSpec;
import dev.ephemery.inventory.ValidatorSpec;
import dev.ephemery.network.Release;
import dev.ephemery.network.ReleaseVerifier;
import java.nio.file.Path;
import java.util.List;

/** The real iteration-153 release and inventories built around it, for tests. */
public final class Fixtures {
  private static final Release RELEASE = parse();

  /** The iteration-153 release as the real parser and verifier read it. */
  public static Release release153() {
    return RELEASE;
  }

  private static Release parse() {
    return ReleaseVerifier.verify(ReleaseFixtures.release153()).requireValid("fixture 153");
  }

  /** The complete iteration-153 release written as a folder, for commands and exports. */
  public static Path releaseFolder(Path dir) {
    return ReleaseFixtures.writeFolderUnchecked(ReleaseFixtures.release153(), dir);
  }

  public static HostBuilder host(ExecutionClient el, ConsensusClient cl) {
    return new HostBuilder(el, cl);
  }

  public static Inventory inventory(Host... hosts) {
    return new Inventory("ephemery", List.of(hosts), "<test>");
  }

  /** A host with the defaults an inventory file would merge in; tweak what a test needs. */
  public static final class HostBuilder {
    private String name = "node1";
    private Address address = new Address.Local();
    private String baseDir = "/srv/ephemery";
    private Flavor flavor = Flavor.UPSTREAM;
    private final ExecutionClient el;
    private final ConsensusClient cl;
    private String elImage;
    private String clImage;
    private List<String> elArgs = List.of();
    private List<String> clArgs = List.of();
    private String checkpoint;
    private Integer elP2p;
    private Integer elRpc;
    private Integer clP2p;
    private Integer clRest;
    private ValidatorSpec validator;
    private MonitoringSpec monitoring =
        new MonitoringSpec(false, 9090, 3000, 9100, MonitoringSpec.DEFAULT_BIND);
    private SupervisorSpec supervisor = SupervisorSpec.DEFAULT;

    HostBuilder(ExecutionClient el, ConsensusClient cl) {
      this.el = el;
      this.cl = cl;
    }

    public HostBuilder name(String value) {
      name = value;
      return this;
    }

    public HostBuilder address(Address value) {
      address = value;
      return this;
    }

    public HostBuilder baseDir(String value) {
      baseDir = value;
      return this;
    }

    public HostBuilder flavor(Flavor value) {
      flavor = value;
      return this;
    }

    public HostBuilder elImage(String value) {
      elImage = value;
      return this;
    }

    public HostBuilder clImage(String value) {
      clImage = value;
      return this;
    }

    public HostBuilder elArgs(String... value) {
      elArgs = List.of(value);
      return this;
    }

    public HostBuilder clArgs(String... value) {
      clArgs = List.of(value);
      return this;
    }

    public HostBuilder checkpoint(String value) {
      checkpoint = value;
      return this;
    }

    public HostBuilder elP2p(Integer value) {
      elP2p = value;
      return this;
    }

    public HostBuilder elRpc(Integer value) {
      elRpc = value;
      return this;
    }

    public HostBuilder clRest(Integer value) {
      clRest = value;
      return this;
    }

    public HostBuilder clP2p(Integer value) {
      clP2p = value;
      return this;
    }

    /** A validator with local keys in /srv/keys and their one password in /srv/keys.txt. */
    public HostBuilder validator(ConsensusClient client, String... extraArgs) {
      validator =
          new ValidatorSpec(
              true,
              client,
              null,
              List.of(extraArgs),
              "/srv/keys",
              "ephemery",
              "0x000000000000000000000000000000000000dEaD",
              "/srv/keys.txt",
              null,
              null,
              false);
      return this;
    }

    public HostBuilder validator(ValidatorSpec value) {
      validator = value;
      return this;
    }

    public HostBuilder monitoring(int prometheus, int grafana, int nodeExporter) {
      monitoring =
          new MonitoringSpec(true, prometheus, grafana, nodeExporter, MonitoringSpec.DEFAULT_BIND);
      return this;
    }

    /** Publishes the (enabled) monitoring ports on {@code bind} instead of 127.0.0.1. */
    public HostBuilder monitoringBind(String bind) {
      monitoring =
          new MonitoringSpec(
              true,
              monitoring.prometheusPort(),
              monitoring.grafanaPort(),
              monitoring.nodeExporterPort(),
              bind);
      return this;
    }

    public HostBuilder supervisorPort(int port) {
      supervisor = new SupervisorSpec(true, null, port);
      return this;
    }

    public Host build() {
      return new Host(
          name,
          address,
          baseDir,
          flavor,
          new ExecutionSpec(el, elImage, elArgs, elP2p, elRpc),
          new ConsensusSpec(cl, clImage, clArgs, checkpoint, clP2p, clRest),
          validator,
          monitoring,
          null,
          null,
          supervisor);
    }

    public Inventory inventory() {
      return Fixtures.inventory(build());
    }
  }

  private Fixtures() {}
}
