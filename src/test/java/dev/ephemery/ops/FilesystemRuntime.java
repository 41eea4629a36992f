package dev.ephemery.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A runtime whose containers are folders: it keeps running state, writes the EIP-3076 export from
 * the slashing DB it finds, and "inits" a data dir by writing the genesis the way geth does (into
 * chaindata). It checks what a real runtime would reject: starting a client whose data dir still
 * holds the old chain, or an init on an uninstalled release.
 */
public final class FilesystemRuntime implements NodeRuntime {

  public final List<String> calls = new ArrayList<>();
  public final Set<String> running = new HashSet<>();
  private final NodeFixture node;
  RuntimeException failNext;

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
  public void stop(Component component) {
    maybeFail("stop " + component.name());
    running.remove(component.name());
  }

  @Override
  public boolean exportSlashingProtection(Component validator, Path target) {
    maybeFail("export " + validator.name());
    if (running.contains(validator.name())) {
      throw new IllegalStateException("export needs the validator stopped");
    }
    try {
      Files.createDirectories(target.getParent());
      Files.writeString(
          target,
          "{\"metadata\":{\"interchange_format_version\":\"5\",\"genesis_validators_root\":\"0x00\"},\"data\":[]}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  @Override
  public void start(Component component) {
    maybeFail("start " + component.name());
    running.add(component.name());
    if (component.role() == dev.ephemery.plan.Role.VALIDATOR) {
      // A validator starts a new slashing DB for the new chain, as --init-slashing-protection does.
      for (String rule : component.rules().resetPerIteration()) {
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
