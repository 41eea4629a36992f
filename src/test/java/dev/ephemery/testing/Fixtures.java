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
import dev.ephemery.inventory.ValidatorSpec;
import dev.ephemery.network.ChainId;
import dev.ephemery.network.Iteration;
import dev.ephemery.network.Release;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The real iteration-153 release and inventories built around it, for tests. */
public final class Fixtures {
  public static final Path RELEASE_153 = locate();

  private static Path locate() {
    return Path.of("src/test/resources/fixtures/ephemery-153");
  }

  /** The release as the network parser will produce it, read from the fixture's nodevars. */
  public static Release release153() {
    Map<String, String> vars = nodevars(RELEASE_153.resolve("nodevars_env.txt"));
    int iteration = Integer.parseInt(vars.get("ITERATION_NUMBER"));
    return new Release(
        new Iteration(iteration),
        new ChainId(Long.parseLong(vars.get("CHAIN_ID"))),
        Instant.ofEpochSecond(1763665200L),
        Instant.ofEpochSecond(Long.parseLong(vars.get("GENESIS_TIME"))),
        Duration.ofSeconds(2419200),
        vars.get("GENESIS_VALROOT"),
        Arrays.asList(vars.get("BOOTNODE_ENODE_LIST").split(",")),
        Arrays.asList(vars.get("BOOTNODE_ENR_LIST").split(",")),
        vars.get("GENESIS_BLOCK"));
  }

  private static Map<String, String> nodevars(Path file) {
    try {
      Map<String, String> vars = new LinkedHashMap<>();
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          vars.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replace("\"", ""));
        }
      }
      return vars;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    private Integer clP2p;
    private ValidatorSpec validator;
    private MonitoringSpec monitoring = new MonitoringSpec(false, 9090, 3000, 9100);

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

    public HostBuilder clP2p(Integer value) {
      clP2p = value;
      return this;
    }

    public HostBuilder validator(ConsensusClient client, String... extraArgs) {
      validator =
          new ValidatorSpec(
              true,
              client,
              null,
              List.of(extraArgs),
              "/srv/keys",
              "ephemery",
              "0x000000000000000000000000000000000000dEaD");
      return this;
    }

    public HostBuilder monitoring(int prometheus, int grafana, int nodeExporter) {
      monitoring = new MonitoringSpec(true, prometheus, grafana, nodeExporter);
      return this;
    }

    public Host build() {
      return new Host(
          name,
          address,
          baseDir,
          flavor,
          new ExecutionSpec(el, elImage, elArgs, elP2p),
          new ConsensusSpec(cl, clImage, clArgs, checkpoint, clP2p),
          validator,
          monitoring,
          null,
          null);
    }

    public Inventory inventory() {
      return Fixtures.inventory(build());
    }
  }

  private Fixtures() {}
}
