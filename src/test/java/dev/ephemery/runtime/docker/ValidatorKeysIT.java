package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import dev.ephemery.common.OperationalException;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.ValidatorSpec;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Planner;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.Change;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.Labels;
import dev.ephemery.runtime.RuntimeOptions;
import dev.ephemery.runtime.UpReport;
import dev.ephemery.runtime.Wait;
import dev.ephemery.testing.Fixtures;
import dev.ephemery.testkit.TestKeystores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The validator keys reach each validator client the way the plan says, on the real Docker daemon:
 * the real planner plans a host, and each client image is replaced by a stand-in built from the
 * busybox image that checks what the client checks (arguments, keystores, password files, modes,
 * data dir) and lays the keys out as the client does (the scripts in {@code
 * src/test/resources/validator-standins} name the client source each check comes from). Only the
 * images change: entrypoint, command, mounts and user stay as planned. The EL and the beacon node
 * are dropped, except grandine's, whose beacon node is the validator.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ValidatorKeysIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String FEE_RECIPIENT = "0x000000000000000000000000000000000000dEaD";
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  /** The six validator setups; {@code imports} when the client's import skips a key it holds. */
  enum Setup {
    LIGHTHOUSE(ConsensusClient.LIGHTHOUSE, true),
    PRYSM(ConsensusClient.PRYSM, true),
    TEKU(ConsensusClient.TEKU, false),
    NIMBUS(ConsensusClient.NIMBUS, true),
    LODESTAR(ConsensusClient.LODESTAR, true),
    GRANDINE(ConsensusClient.GRANDINE, false);

    final ConsensusClient client;
    final boolean imports;

    Setup(ConsensusClient client, boolean imports) {
      this.client = client;
      this.imports = imports;
    }

    /** Teku and nimbus run as uid 1000: the keys must be that user's to read. */
    boolean uid1000() {
      return this == TEKU || this == NIMBUS;
    }

    String dataDir() {
      return "data/" + client.id() + (this == GRANDINE ? "" : "-vc");
    }
  }

  private static DockerConnection connection;
  private static String standin;
  private static final Map<String, String> IMAGES = new LinkedHashMap<>();

  private final List<String> progress = new ArrayList<>();
  private String node;
  private Path root;
  private Path baseDir;
  private Path keys;
  private Path passwordFile;
  private String password;
  private DockerRuntime runtime;
  private RuntimeOptions options;

  @BeforeAll
  static void buildStandIns() {
    standin = ItEnvironment.standinImage();
    String socket = ItEnvironment.get("EPHEMERY_IT_DOCKER_SOCKET");
    if (socket == null || !Files.exists(Path.of(socket))) {
      ItEnvironment.missing("no Docker socket (EPHEMERY_IT_DOCKER_SOCKET)");
    }
    connection = DockerConnection.open(HostTarget.local("vk" + RUN));
    // Each declares the real image's entrypoint and user (docs/clients.md).
    build("lighthouse", "lighthouse.sh", "/usr/local/bin/lighthouse", null, null, null);
    build("prysm", "prysm.sh", "/validator", "[\"/validator\"]", null, null);
    build("teku", "teku.sh", "/opt/teku/bin/teku", "[\"/opt/teku/bin/teku\"]", "1000:1000", null);
    build(
        "nimbus-bn",
        "nimbus-bn.sh",
        "/home/user/nimbus_beacon_node",
        "[\"/home/user/nimbus_beacon_node\"]",
        "1000:1000",
        "/home/user");
    build(
        "nimbus",
        "nimbus-vc.sh",
        "/home/user/nimbus_validator_client",
        "[\"/home/user/nimbus_validator_client\"]",
        "1000:1000",
        "/home/user");
    build(
        "lodestar",
        "lodestar.sh",
        "/usr/app/packages/cli/bin/lodestar",
        "[\"node\", \"./packages/cli/bin/lodestar\"]",
        null,
        "/usr/app");
    build("grandine", "grandine.sh", "/usr/local/bin/grandine", "[\"grandine\"]", null, null);
  }

  @AfterAll
  static void removeStandIns() {
    if (connection == null) {
      return;
    }
    for (String tag : IMAGES.values()) {
      try {
        connection.client().removeImageCmd(tag).withForce(true).exec();
      } catch (RuntimeException e) {
        // already gone
      }
    }
    connection.close();
  }

  @BeforeEach
  void keys() throws IOException {
    node = "vk" + UUID.randomUUID().toString().substring(0, 8);
    root = Files.createTempDirectory("ephemery-vk-");
    baseDir = root.resolve("base");
    keys = Files.createDirectory(root.resolve("keys"));
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
    password = "vk-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    passwordFile = root.resolve("keys-password.txt");
    Files.writeString(passwordFile, password + "\n");
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    addKeystore(1, TestKeystores.Kdf.fastPbkdf2());
    addKeystore(2, TestKeystores.Kdf.fastScrypt());
    Path release = Fixtures.releaseFolder(root.resolve("release"));
    options = new RuntimeOptions(false, release, standin, WAIT);
    runtime = new DockerRuntime(connection.client(), progress::add);
  }

  @AfterEach
  void cleanUp() throws IOException {
    DockerRuntimeContract.removeNode(connection.client(), node);
    DockerRuntimeContract.deleteTree(root);
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void theKeysReachTheClientAndANewKeystoreIsImportedAlone(Setup setup) throws Exception {
    ownKeys(setup);
    HostPlan plan = standIns(setup);
    Service validator = validator(setup, plan);
    Service step =
        plan.services().stream().filter(s -> !s.inputs().isEmpty()).findFirst().orElse(null);
    assertThat(step != null).as("an import step is planned").isEqualTo(setup != Setup.GRANDINE);

    UpReport first = runtime.up(plan, options);

    assertThat(first.changes()).isNotEmpty();
    assertLayout(setup, 2);
    if (setup.imports) {
      assertThat(logs(step)).contains("imported 2, skipped 0");
    }
    awaitLog(validator, "loaded 2 validators");
    assertThat(runtime.up(plan, options).changes()).as("a second up").isEmpty();

    String third = addKeystore(3, TestKeystores.Kdf.fastPbkdf2());
    UpReport added = runtime.up(plan, options);

    if (step == null) {
      assertThat(added.changes()).as("grandine reads keys in place: nothing to rerun").isEmpty();
    } else {
      // The validator stops before the import runs again and starts after it, with the new key.
      assertThat(added.changes())
          .containsExactly(
              new Change(
                  "rerun",
                  "container",
                  Labels.containerName(plan, step),
                  "its input folders changed"),
              new Change(
                  "restart",
                  "container",
                  Labels.containerName(plan, validator),
                  "a step before it runs again"));
    }
    assertLayout(setup, 3);
    if (setup.imports) {
      assertThat(logs(step)).contains("imported 1, skipped 2");
    }
    if (step == null) {
      // Grandine reads its keys at start: its next start sees the third one.
      connection
          .client()
          .restartContainerCmd(Labels.containerName(plan, validator))
          .withTimeout(10)
          .exec();
    }
    awaitLog(validator, "loaded 3 validators");
    if (setup == Setup.TEKU || setup == Setup.GRANDINE) {
      assertThat(logs(validator)).contains(third);
    }
    assertNoPasswordShown(plan, first, added);
  }

  @Test
  void aPasswordFileOthersCanReadStopsTheImportAndUpSaysWhy() throws IOException {
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));
    HostPlan plan = standIns(Setup.LIGHTHOUSE);

    assertThatThrownBy(() -> runtime.up(plan, options))
        .isInstanceOf(OperationalException.class)
        .hasMessageContaining("lighthouse-import-keys")
        .hasMessageContaining("init step exited with 2")
        .hasMessageContaining("password file /keys-password.txt is readable by others (mode 644)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(password));
    assertThat(baseDir.resolve("data/lighthouse-vc/validators")).doesNotExist();
  }

  /** The real plan of a host with this validator, each client image swapped for its stand-in. */
  private HostPlan standIns(Setup setup) {
    ValidatorSpec spec =
        new ValidatorSpec(
            true,
            setup.client,
            null,
            List.of(),
            keys.toString(),
            null,
            FEE_RECIPIENT,
            passwordFile.toString(),
            null,
            null,
            false);
    Host host =
        Fixtures.host(ExecutionClient.GETH, setup.client)
            .name(node)
            .baseDir(baseDir.toString())
            .validator(spec)
            .build();
    HostPlan plan = new Planner().planHost(host, Fixtures.release153());
    List<Service> kept = new ArrayList<>();
    for (Service s : plan.services()) {
      String image = standInFor(setup, s);
      if (image != null) {
        kept.add(withImage(s, image, kept.stream().map(Service::name).toList()));
      }
    }
    return new HostPlan(
        plan.name(),
        plan.address(),
        plan.baseDir(),
        plan.iteration(),
        plan.network(),
        plan.paths(),
        kept,
        plan.resetOwner());
  }

  /** The stand-in image of a service that handles keys, or null for one the test drops. */
  private static String standInFor(Setup setup, Service s) {
    boolean importStep = s.role() == Role.INIT && !s.inputs().isEmpty();
    if (importStep && setup == Setup.NIMBUS) {
      assertThat(s.image()).startsWith("statusim/nimbus-eth2:");
      return IMAGES.get("nimbus-bn");
    }
    if (importStep || s.role() == Role.VALIDATOR) {
      return IMAGES.get(setup.client.id());
    }
    if (setup == Setup.GRANDINE && s.role() == Role.CONSENSUS) {
      return IMAGES.get("grandine");
    }
    return null;
  }

  /**
   * The service with another image, depending only on services still there; grandine's published
   * ports are left out so that parallel tests on the daemon do not collide on 9000 and 5052.
   */
  private static Service withImage(Service s, String image, List<String> kept) {
    return new Service(
        s.name(),
        s.role(),
        s.client(),
        image,
        s.entrypoint(),
        s.command(),
        s.role() == Role.CONSENSUS ? List.of() : s.ports(),
        s.mounts(),
        s.env(),
        s.labels(),
        s.dependsOn().stream().filter(kept::contains).toList(),
        s.runOnce(),
        s.user(),
        s.restartPolicy(),
        s.memoryLimit(),
        s.stopSignal(),
        s.health(),
        s.inputs());
  }

  private static Service validator(Setup setup, HostPlan plan) {
    Role role = setup == Setup.GRANDINE ? Role.CONSENSUS : Role.VALIDATOR;
    return plan.services().stream().filter(s -> s.role() == role).findFirst().orElseThrow();
  }

  private final Map<Integer, TestKeystores.Generated> generated = new LinkedHashMap<>();

  private String addKeystore(int seed, TestKeystores.Kdf kdf) throws IOException {
    TestKeystores.Generated keystore = TestKeystores.generate(kdf, password, seed);
    Path file = keys.resolve(keystore.fileName());
    Files.writeString(file, keystore.json());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    if (Files.getAttribute(keys, "unix:uid").equals(1000)) {
      chown(file);
    }
    generated.put(seed, keystore);
    return keystore.fileName();
  }

  /**
   * An image running as uid 1000 cannot read a root's 0600 password file or 0700 keys folder: the
   * operator gives them to that user, as this does.
   */
  private void ownKeys(Setup setup) throws IOException {
    if (setup.uid1000()) {
      chown(keys);
      chown(passwordFile);
      try (Stream<Path> files = Files.list(keys)) {
        for (Path f : files.toList()) {
          chown(f);
        }
      }
    }
  }

  private static void chown(Path path) throws IOException {
    Files.setAttribute(path, "unix:uid", 1000);
    Files.setAttribute(path, "unix:gid", 1000);
  }

  /** The keys (or, for teku, their passwords) where the client reads them, 0600 where it says. */
  private void assertLayout(Setup setup, int count) throws IOException {
    Path data = baseDir.resolve(setup.dataDir());
    List<Path> files = new ArrayList<>();
    for (TestKeystores.Generated k : generated.values().stream().limit(count).toList()) {
      String pk = "0x" + k.pubkey();
      switch (setup) {
        case LIGHTHOUSE -> files.add(data.resolve("validators/" + pk + "/" + k.fileName()));
        case PRYSM -> {
          Path store = data.resolve("wallet/direct/accounts/all-accounts.keystore.json");
          assertThat(Files.readAllLines(store)).contains(pk);
          files.add(store);
        }
        case TEKU ->
            files.add(data.resolve("validator-passwords/" + k.fileName().replace(".json", ".txt")));
        case NIMBUS -> {
          files.add(data.resolve("validators/" + pk + "/keystore.json"));
          files.add(data.resolve("secrets/" + pk));
        }
        case LODESTAR -> {
          files.add(data.resolve("keystores/" + pk + "/voting-keystore.json"));
          files.add(data.resolve("secrets/" + pk));
        }
        case GRANDINE -> {
          // Read in place from the keys folder: nothing is copied.
        }
      }
    }
    if (setup == Setup.LIGHTHOUSE) {
      files.add(data.resolve("validators/validator_definitions.yml"));
    }
    for (Path file : files) {
      assertThat(file).exists();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .as(file.toString())
          .isEqualTo("rw-------");
    }
    if (setup == Setup.LIGHTHOUSE || setup == Setup.NIMBUS || setup == Setup.LODESTAR) {
      String folder = setup == Setup.LODESTAR ? "keystores" : "validators";
      try (Stream<Path> dirs = Files.list(data.resolve(folder))) {
        assertThat(dirs.filter(Files::isDirectory)).hasSize(count);
      }
    }
  }

  /** The password shows in no container's log, in no change and in no progress line. */
  private void assertNoPasswordShown(HostPlan plan, UpReport... reports) {
    for (Service s : plan.services()) {
      assertThat(logs(s)).as(s.name()).doesNotContain(password);
    }
    for (UpReport report : reports) {
      assertThat(report.changes().toString()).doesNotContain(password);
    }
    assertThat(String.join("\n", progress)).doesNotContain(password);
  }

  /** The planned names already hold the node's name: they are the container names. */
  private String logs(Service service) {
    return ContainerLogs.tail(connection.client(), service.name(), 200);
  }

  private void awaitLog(Service service, String line) {
    Wait.until(
        WAIT,
        Duration.ofMillis(250),
        waited -> {},
        () -> logs(service).contains(line),
        () ->
            new IllegalStateException(
                service.name() + " did not log '" + line + "': " + logs(service)));
  }

  /** Builds a stand-in from the busybox image: lib.sh, the client's script at its path. */
  private static void build(
      String name, String script, String path, String entrypoint, String user, String workdir) {
    StringBuilder dockerfile = new StringBuilder("FROM " + standin + "\n");
    dockerfile.append("ENV PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n");
    dockerfile.append("COPY lib.sh /standin/lib.sh\nCOPY main.sh ").append(path).append('\n');
    if (name.equals("lodestar")) {
      dockerfile.append("COPY node.sh /usr/local/bin/node\n");
    }
    if (workdir != null) {
      dockerfile.append("WORKDIR ").append(workdir).append('\n');
    }
    if (user != null) {
      dockerfile.append("USER ").append(user).append('\n');
    }
    if (entrypoint != null) {
      dockerfile.append("ENTRYPOINT ").append(entrypoint).append("\nCMD []\n");
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("Dockerfile", dockerfile.toString().getBytes(StandardCharsets.UTF_8));
    files.put("lib.sh", resource("lib.sh"));
    files.put("main.sh", resource(script));
    files.put("node.sh", resource("node.sh"));
    String tag = "ephemery-test/vk-" + name + ":" + RUN;
    connection
        .client()
        .buildImageCmd(new ByteArrayInputStream(tar(files)))
        .withTags(Set.of(tag))
        .withPull(false)
        .exec(new BuildImageResultCallback())
        .awaitImageId(120, TimeUnit.SECONDS);
    IMAGES.put(name, tag);
  }

  private static byte[] resource(String name) {
    try (InputStream in =
        ValidatorKeysIT.class.getResourceAsStream("/validator-standins/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] tar(Map<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
        entry.setSize(file.getValue().length);
        entry.setMode(0755);
        tar.putArchiveEntry(entry);
        tar.write(file.getValue());
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
