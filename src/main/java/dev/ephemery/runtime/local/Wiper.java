package dev.ephemery.runtime.local;

import dev.ephemery.ops.Component;
import dev.ephemery.ops.FaultInjector;
import dev.ephemery.ops.NodeLayout;
import dev.ephemery.ops.ResetState;
import dev.ephemery.ops.WipePlan;
import dev.ephemery.plan.DataLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Applies the data-dir rules of a node's components: plans from what exists now, then archives the
 * slashing DBs and deletes. Running it again after a crash finishes the job and deletes nothing
 * more: what is kept is never a candidate, and archives are only ever added.
 */
public final class Wiper {

  /** A crash point: right after the first file of a slashing DB was deleted. */
  public static final String MID_SLASHING_DB = "mid:" + ResetState.WIPING + ":slashing-db";

  private final NodeLayout layout;
  private final ConfinedPaths paths;

  public Wiper(NodeLayout layout) {
    this.layout = layout;
    this.paths = new ConfinedPaths(layout.baseDir());
  }

  public WipePlan plan(String oldIteration) {
    List<Path> delete = new ArrayList<>();
    Set<Path> keep = new LinkedHashSet<>();
    List<WipePlan.Archive> archive = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (Component component : layout.components()) {
      Path dataDir = paths.inside(layout.baseDir(), component.dataDir());
      if (!paths.safe(dataDir) || Files.isSymbolicLink(dataDir)) {
        refused.add(dataDir + ": data folder is outside baseDir or a symlink");
        continue;
      }
      if (!Files.isDirectory(dataDir, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      DataLayout rules = component.layout();
      List<Path> kept = rules.keep().stream().map(r -> ConfinedPaths.rulePath(dataDir, r)).toList();
      kept.stream().filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)).forEach(keep::add);

      Path archiveRoot = layout.slashingArchive(oldIteration, component);
      Path realArchiveRoot = paths.inside(layout.baseDir(), archiveRoot);
      for (String rule : rules.resetPerIteration()) {
        for (Path source : withSideFiles(dataDir, rule, expand(dataDir, rule, refused))) {
          if (kept.contains(source) || kept.stream().anyMatch(k -> k.startsWith(source))) {
            refused.add(source + ": slashing DB rule overlaps a kept path");
            continue;
          }
          archive.add(
              new WipePlan.Archive(
                  source, realArchiveRoot.resolve(dataDir.relativize(source).toString())));
          delete.add(source);
        }
      }
      for (String rule : rules.wipe()) {
        for (Path candidate : expand(dataDir, rule, refused)) {
          collect(candidate, kept, delete, refused);
        }
      }
    }
    return new WipePlan(delete.stream().distinct().toList(), List.copyOf(keep), archive, refused);
  }

  /**
   * Archives, then deletes; calls {@code faults} after the first deletion (a mid-wipe crash) and
   * after the first deletion of a slashing DB's file ({@link #MID_SLASHING_DB}). The archived
   * copies are flushed to disk before anything is deleted, so that a power loss cannot leave the
   * deletion durable and the copy not: the source is the only copy until then.
   */
  public WipePlan execute(String oldIteration, FaultInjector faults) {
    WipePlan plan = plan(oldIteration);
    for (WipePlan.Archive item : plan.archive()) {
      paths.copy(item.source(), item.target());
    }
    for (WipePlan.Archive item : plan.archive()) {
      paths.sync(item.target());
    }
    boolean first = true;
    boolean firstArchived = true;
    Set<Path> archived = new HashSet<>();
    plan.archive().forEach(item -> archived.add(item.source()));
    for (Path path : plan.delete()) {
      paths.delete(path);
      if (first) {
        faults.at("mid:" + ResetState.WIPING);
        first = false;
      }
      // The first deletion is usually the execution client's chain data; this point lands
      // between the files of a slashing DB (its first side file gone, the database not yet).
      if (firstArchived && archived.contains(path)) {
        faults.at(MID_SLASHING_DB);
        firstArchived = false;
      }
    }
    return plan;
  }

  /**
   * SQLite keeps a database's recent writes in side files beside it ({@code <db>-wal}, {@code
   * -shm}, {@code -journal}: sqlite.org/tempfiles.html); without them the archived copy may lack
   * the last signed messages, and a stale hot journal or WAL left beside a new database of the same
   * name would be replayed into it. They are archived and deleted with the database, and listed
   * before it, so a crash in between never leaves a database behind without its side files. They
   * are looked for also when the database itself is gone (a rerun after a crash that deleted it).
   */
  private List<Path> withSideFiles(Path dataDir, String rule, List<Path> sources) {
    if (rule.equals("*") || rule.endsWith("/*")) {
      return sources; // a folder's content: its side files are among its children already
    }
    Path db = ConfinedPaths.rulePath(dataDir, rule);
    List<Path> all = new ArrayList<>();
    for (String suffix : SQLITE_SIDE_FILES) {
      Path side = db.resolveSibling(db.getFileName() + suffix);
      if (paths.safe(side) && Files.exists(side, LinkOption.NOFOLLOW_LINKS)) {
        all.add(side);
      }
    }
    all.addAll(sources);
    return all;
  }

  private static final List<String> SQLITE_SIDE_FILES = List.of("-wal", "-shm", "-journal");

  /** The existing paths a rule names: {@code x/*} is x's children, {@code *} the data dir's. */
  private List<Path> expand(Path dataDir, String rule, List<String> refused) {
    boolean content = rule.equals("*") || rule.endsWith("/*");
    Path target =
        rule.equals("*")
            ? dataDir
            : ConfinedPaths.rulePath(
                dataDir, content ? rule.substring(0, rule.length() - 2) : rule);
    if (!paths.safe(target) && !target.equals(dataDir)) {
      refused.add(target + ": behind a symlink or outside baseDir");
      return List.of();
    }
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    if (!content) {
      return List.of(target);
    }
    if (Files.isSymbolicLink(target)) {
      refused.add(target + ": a symlink; its content is not ours to delete");
      return List.of();
    }
    return children(target);
  }

  private void collect(Path candidate, List<Path> kept, List<Path> delete, List<String> refused) {
    if (kept.contains(candidate)) {
      return;
    }
    boolean holdsKept = kept.stream().anyMatch(k -> k.startsWith(candidate));
    if (!holdsKept) {
      delete.add(candidate);
      return;
    }
    if (Files.isSymbolicLink(candidate)) {
      refused.add(candidate + ": a symlink on the way to a kept path");
      return;
    }
    for (Path child : children(candidate)) {
      collect(child, kept, delete, refused);
    }
  }

  private static List<Path> children(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted(Comparator.naturalOrder()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
