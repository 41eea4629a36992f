package dev.ephemery.ops;

import dev.ephemery.plan.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A node's folders laid out on disk the way the real clients lay out their data dirs, with the
 * files a reset must keep and those it must delete.
 */
public final class NodeFixture {

  public final Path baseDir;
  public final Path releaseCache;
  public final NodeLayout layout;
  public final String el;
  public final String cl;
  public final String vc;

  private NodeFixture(Path root, String el, String cl, String vc, boolean wrapper) {
    this.baseDir = root.resolve("node");
    this.releaseCache = root.resolve("cache");
    this.el = el;
    this.cl = cl;
    this.vc = vc;
    List<Component> components = new ArrayList<>();
    components.add(component("execution", Role.EXECUTION, el));
    components.add(component("consensus", Role.CONSENSUS, cl));
    if (vc != null) {
      components.add(component("validator", Role.VALIDATOR, vc));
    }
    this.layout = layoutFor(154, wrapper, components);
  }

  /** The layout a plan for {@code iteration} gives: each iteration has its own testnet folder. */
  public NodeLayout layoutFor(int iteration) {
    return layoutFor(iteration, layout.wrapper(), layout.components());
  }

  private NodeLayout layoutFor(int iteration, boolean wrapper, List<Component> components) {
    return new NodeLayout(
        "node1", baseDir, baseDir.resolve("testnet/ephemery-" + iteration), wrapper, components);
  }

  public static NodeFixture create(Path root, String el, String cl, boolean wrapper) {
    NodeFixture fixture = new NodeFixture(root, el, cl, cl, wrapper);
    fixture.layOut();
    return fixture;
  }

  /**
   * A geth node with beacon node {@code cl} and validator client {@code vc} (null: no separate one,
   * the beacon node's built-in validator), its releases and the execution client's files laid out;
   * the consensus and validator files are the caller's to lay out.
   */
  public static NodeFixture withValidator(Path root, String cl, String vc) {
    NodeFixture fixture = new NodeFixture(root, "geth", cl, vc, false);
    fixture.layOutReleases();
    fixture.layOutExecution();
    return fixture;
  }

  private Component component(String name, Role role, String client) {
    Path dataDir = baseDir.resolve("data").resolve(name);
    return new Component(name, role, client, dataDir, TestLayouts.of(role, client, dataDir));
  }

  public Path dir(String component) {
    return baseDir.resolve("data").resolve(component);
  }

  private void layOut() {
    layOutReleases();
    layOutExecution();
    layOutConsensus();
  }

  private void layOutReleases() {
    release(153, baseDir.resolve("testnet/ephemery-153"));
    release(154, releaseCache.resolve("ephemery-154"));
    release(155, releaseCache.resolve("ephemery-155"));
  }

  private void layOutExecution() {
    switch (el) {
      case "geth" -> {
        file("execution", "geth/nodekey");
        file("execution", "geth/chaindata/000001.ldb");
        file("execution", "geth/chaindata/ancient/chain/bodies.cidx");
        file("execution", "geth/LOCK");
        file("execution", "geth/transactions.rlp");
        file("execution", "keystore/UTC--2024-01-01--abc");
      }
      case "besu" -> {
        file("execution", "key");
        file("execution", "database/000001.sst");
        file("execution", "caches/logBloom-0.cache");
        file("execution", "DATABASE_METADATA.json");
        file("execution", "VERSION_METADATA.json");
      }
      case "nethermind" -> {
        file("execution", "keystore/node.key.plain");
        file("execution", "nethermind_db/ephemery/blocks/000001.sst");
        file("execution", "db/state/LOCK");
      }
      default -> throw new IllegalArgumentException(el);
    }
  }

  private void layOutConsensus() {
    switch (cl) {
      case "lighthouse" -> {
        file("consensus", "beacon/network/key");
        file("consensus", "beacon/network/enr.dat");
        file("consensus", "beacon/chain_db/000001.ldb");
        file("consensus", "beacon/freezer_db/000001.ldb");
        file("consensus", "beacon/blobs_db/000001.ldb");
        file("validator", "validators/0xaa11/voting-keystore.json");
        file("validator", "validators/slashing_protection.sqlite");
        file("validator", "validators/validator_definitions.yml");
        file("validator", "secrets/0xaa11");
      }
      case "teku" -> {
        file("consensus", "beacon/kvstore/generated-node-key.dat");
        file("consensus", "beacon/db/000001.sst");
        file("consensus", "beacon/db.version");
        file("consensus", "logs/teku.log");
        file("validator", "validator/slashprotection/0xaa11.yml");
        file("validator", "validator/key-manager/local/0xaa11.json");
      }
      case "nimbus" -> {
        file("consensus", "db/nbc.sqlite3");
        file("consensus", "netkey");
        file("validator", "validators/0xaa11/keystore.json");
        file("validator", "validators/slashing_protection.sqlite3");
        file("validator", "secrets/0xaa11");
      }
      default -> throw new IllegalArgumentException(cl);
    }
  }

  /** The files a reset must keep, relative to baseDir. */
  public Set<String> mustKeep() {
    Set<String> keep = new TreeSet<>();
    switch (el) {
      case "geth" ->
          keep.addAll(
              List.of(
                  "data/execution/geth/nodekey", "data/execution/keystore/UTC--2024-01-01--abc"));
      case "besu" -> keep.add("data/execution/key");
      case "nethermind" -> keep.add("data/execution/keystore/node.key.plain");
      default -> {}
    }
    switch (cl) {
      case "lighthouse" ->
          keep.addAll(
              List.of(
                  "data/consensus/beacon/network/key",
                  "data/consensus/beacon/network/enr.dat",
                  "data/validator/validators/0xaa11/voting-keystore.json",
                  "data/validator/validators/validator_definitions.yml",
                  "data/validator/secrets/0xaa11"));
      case "teku" ->
          keep.addAll(
              List.of(
                  "data/consensus/beacon/kvstore/generated-node-key.dat",
                  "data/validator/validator/key-manager/local/0xaa11.json"));
      case "nimbus" ->
          keep.addAll(
              List.of(
                  "data/consensus/netkey",
                  "data/validator/validators/0xaa11/keystore.json",
                  "data/validator/secrets/0xaa11"));
      default -> {}
    }
    return keep;
  }

  /** The new, empty slashing DB the validator creates when it starts on the new chain. */
  public String freshSlashingDb() {
    return switch (cl) {
      case "lighthouse" -> "data/validator/validators/slashing_protection.sqlite";
      case "teku" -> "data/validator/validator/slashprotection/new.db";
      case "nimbus" -> "data/validator/validators/slashing_protection.sqlite3";
      default -> throw new IllegalArgumentException(cl);
    };
  }

  /** The old iteration's slashing DB as archived, relative to baseDir. */
  public Set<String> mustArchive(int oldIteration) {
    String root = "slashing-protection/" + oldIteration + "/validator/";
    return switch (cl) {
      case "lighthouse" ->
          Set.of(
              root + "validators/slashing_protection.sqlite",
              root + "slashing-protection-eip3076.json");
      case "teku" ->
          Set.of(
              root + "validator/slashprotection/0xaa11.yml",
              root + "slashing-protection-eip3076.json");
      case "nimbus" ->
          Set.of(
              root + "validators/slashing_protection.sqlite3",
              root + "slashing-protection-eip3076.json");
      default -> Set.of();
    };
  }

  /** Every regular file under the data folders, relative to baseDir. */
  public Set<String> dataFiles() {
    return files(baseDir.resolve("data"));
  }

  public Set<String> files(Path under) {
    Set<String> result = new TreeSet<>();
    if (!Files.exists(under)) {
      return result;
    }
    try (Stream<Path> walk = Files.walk(under)) {
      walk.filter(Files::isRegularFile).forEach(p -> result.add(baseDir.relativize(p).toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }

  public void file(String component, String relative) {
    write(dir(component).resolve(relative), component + ":" + relative);
  }

  /**
   * A reset machine to {@code iteration} with this node's layout for it, its release written into
   * the fixture's release cache, the default retry policy and no faults.
   */
  public ResetMachine machineFor(
      int iteration, NodeRuntime runtime, JournalStore store, java.time.Clock clock) {
    release(iteration, releaseCache.resolve("ephemery-" + iteration));
    return new ResetMachine(
        layoutFor(iteration),
        runtime,
        i -> java.util.Optional.of(releaseCache.resolve("ephemery-" + i)),
        store,
        clock,
        RetryPolicy.DEFAULT,
        FaultInjector.NONE);
  }

  public static void release(int iteration, Path dir) {
    write(
        dir.resolve("retention.vars"),
        "export ITERATION_NUMBER=\""
            + iteration
            + "\"\nexport CHAIN_ID=\""
            + (39438000 + iteration)
            + "\"\n");
    write(dir.resolve("genesis.json"), "{\"config\":{\"chainId\":" + (39438000 + iteration) + "}}");
    write(dir.resolve("config.yaml"), "CONFIG_NAME: testnet\n");
  }

  public static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
