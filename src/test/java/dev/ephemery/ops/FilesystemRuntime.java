package dev.ephemery.ops;

import dev.ephemery.client.VotingKeys;
import dev.ephemery.runtime.local.LocalNodeFiles;
import dev.ephemery.runtime.local.TestnetInstaller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A runtime whose containers are folders: it keeps running state, writes the EIP-3076 export from
 * the archived slashing DB, and "inits" a data dir by writing the genesis the way geth does (into
 * chaindata). It checks what a real runtime would reject: starting a client whose data dir still
 * holds the old chain, or an init on an uninstalled release.
 */
public final class FilesystemRuntime implements NodeRuntime {

  /** Every call, in order (the export runs on its own thread beside verify). */
  public final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  public final Set<String> running = new HashSet<>();

  /**
   * The files (relative to baseDir) in each container's data folder at its first start call: the
   * new iteration's folder as the client first sees it, before it creates anything itself.
   */
  public final Map<String, Set<String>> filesAtFirstStart = new HashMap<>();

  private final NodeFixture node;
  RuntimeException failNext;

  /** Thrown by the next export only (it runs beside verify, which failNext could hit first). */
  volatile RuntimeException failExport;

  public FilesystemRuntime(NodeFixture node) {
    this.node = node;
    node.layout.components().forEach(c -> running.add(c.name()));
  }

  private void maybeFail(String call) {
    calls.add(call);
    if (failNext != null) {
      RuntimeException failure = failNext;
      failNext = null;
      throw failure;
    }
  }

  @Override
  public NodeFiles files() {
    return LocalNodeFiles.INSTANCE;
  }

  @Override
  public void prepare() {
    maybeFail("prepare");
  }

  @Override
  public void stop(Component component) {
    maybeFail("stop " + component.name());
    running.remove(component.name());
  }

  /**
   * Like the clients' exports: the archived database (laid out like the data folder) and the old
   * iteration's testnet folder, never the live data folder. The JSON lists the archived files'
   * contents as the "pubkeys", so a test sees which database was read.
   */
  @Override
  public boolean exportSlashingProtection(Component validator, Path target) {
    maybeFail("export " + validator.name());
    if (failExport != null) {
      RuntimeException failure = failExport;
      failExport = null;
      throw failure;
    }
    Path archive = target.getParent();
    Optional<Integer> old = NodeLayout.archivedIteration(archive);
    if (old.isEmpty()
        || !Files.isRegularFile(
            node.baseDir.resolve("testnet/ephemery-" + old.get() + "/retention.vars"))) {
      return false;
    }
    List<String> pubkeys = new ArrayList<>();
    for (String rule : validator.layout().resetPerIteration()) {
      Path archived =
          archive.resolve(rule.endsWith("/*") ? rule.substring(0, rule.length() - 2) : rule);
      if (Files.exists(archived)) {
        try (Stream<Path> files = Files.walk(archived)) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            pubkeys.add("\"" + Files.readString(file) + "\"");
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    if (pubkeys.isEmpty()) {
      return false;
    }
    NodeFixture.write(
        target,
        "{\"metadata\":{\"interchange_format_version\":\"5\",\"genesis_validators_root\":\"0x"
            + old.get()
            + "\"},\"data\":["
            + String.join(",", pubkeys)
            + "]}");
    return true;
  }

  @Override
  public void init(Component component, Path testnetDir) {
    maybeFail("init " + component.name());
    if (running.contains(component.name())) {
      throw new IllegalStateException("init needs the client stopped");
    }
    int iteration = TestnetInstaller.iterationOf(testnetDir).orElseThrow();
    NodeFixture.write(
        component.dataDir().resolve("geth/chaindata/GENESIS"), "iteration " + iteration);
  }

  /** Like lighthouse's import of a keys-only file: a new DB naming the new iteration. */
  @Override
  public void registerSlashingKeys(Component validator, Path testnetDir) {
    maybeFail("register " + validator.name());
    if (running.contains(validator.name())) {
      throw new IllegalStateException("the import needs the client stopped");
    }
    int iteration = TestnetInstaller.iterationOf(testnetDir).orElseThrow();
    for (String rule : validator.layout().resetPerIteration()) {
      Path db = validator.dataDir().resolve(rule);
      if (!Files.exists(db)) {
        NodeFixture.write(db, "fresh slashing db, keys registered for " + iteration);
      }
    }
  }

  @Override
  public void start(Component component) {
    maybeFail("start " + component.name());
    filesAtFirstStart.computeIfAbsent(component.name(), n -> node.files(component.dataDir()));
    Optional.ofNullable(component.layout().votingKeys())
        .map(VotingKeys::file)
        .filter(keys -> Files.exists(component.dataDir().resolve(keys)))
        .ifPresent(
            keys -> {
              for (String rule : component.layout().resetPerIteration()) {
                if (!Files.exists(component.dataDir().resolve(rule))) {
                  // What lighthouse does: keys and no database, no start.
                  throw new IllegalStateException(
                      component.name() + " refuses to start: slashing DB " + rule + " missing");
                }
              }
            });
    running.add(component.name());
    if (component.role() == dev.ephemery.plan.Role.VALIDATOR) {
      // The other validators start a new slashing DB for the new chain themselves.
      for (String rule : component.layout().resetPerIteration()) {
        Path db =
            rule.endsWith("/*")
                ? component
                    .dataDir()
                    .resolve(rule.substring(0, rule.length() - 2))
                    .resolve("new.db")
                : component.dataDir().resolve(rule);
        if (!Files.exists(db)) {
          NodeFixture.write(db, "fresh slashing db");
        }
      }
    }
  }

  @Override
  public Verification verify(int iteration) {
    maybeFail("verify");
    int installed =
        TestnetInstaller.iterationOf(node.baseDir.resolve("testnet/ephemery-" + iteration))
            .orElse(-1);
    boolean allRunning =
        node.layout.components().stream().allMatch(c -> running.contains(c.name()));
    return new Verification(
        installed == iteration && allRunning, "installed " + installed + ", running " + running);
  }
}
