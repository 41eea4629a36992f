package dev.ephemery.ops;

import dev.ephemery.common.Plural;
import dev.ephemery.plan.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reset of one host would do, from the files that exist now: for {@code reset --dry-run}.
 *
 * @param delete absolute paths that would be deleted
 * @param keep absolute paths the rules keep (identity and validator keys) that exist now
 * @param archive slashing-protection files copied under baseDir before they are deleted
 * @param refused paths left alone because they are symlinks or outside baseDir
 */
public record ResetPreview(
    String host,
    Integer fromIteration,
    int toIteration,
    boolean due,
    String reason,
    boolean wrapper,
    List<String> delete,
    List<String> keep,
    List<Archived> archive,
    List<String> refused,
    List<String> steps) {

  public record Archived(String from, String to) {}

  public static ResetPreview of(
      NodeLayout layout, NodeFiles files, int toIteration, boolean due, String reason) {
    Integer from = files.installedIteration(layout).orElse(null);
    String old = ResetMachine.label(from);
    List<String> steps = new ArrayList<>();
    if (layout.wrapper()) {
      steps.add("wrapper flavor: the images reset themselves at the new iteration");
      steps.add("verify the node runs iteration " + toIteration);
      return new ResetPreview(
          layout.host(),
          from,
          toIteration,
          due,
          reason,
          true,
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          steps);
    }
    WipePlan plan = files.planWipe(layout, old);
    List<Component> reversed = new ArrayList<>(layout.components());
    java.util.Collections.reverse(reversed);
    steps.add("fetch and verify release ephemery-" + toIteration);
    steps.add("stage release files as " + layout.testnetDir() + ".next");
    reversed.forEach(c -> steps.add("stop " + c.name()));
    plan.archive().forEach(a -> steps.add("archive " + a.source() + " to " + a.target()));
    steps.add("delete " + Plural.of(plan.delete().size(), "path") + " (chain data)");
    steps.add("install release files into " + layout.testnetDir());
    for (Component c : layout.components()) {
      if (c.layout().reinit()) {
        steps.add(
            "genesis init of " + c.name() + (c.init() == null ? "" : " (" + c.init().name() + ")"));
      }
    }
    layout.components().forEach(c -> steps.add("start " + c.name()));
    for (Component c : layout.components()) {
      if (c.role() == Role.VALIDATOR) {
        steps.add(
            "export slashing protection (EIP-3076) of "
                + c.name()
                + " from its archived copy to "
                + layout.slashingArchive(old, c).resolve(ResetMachine.EIP3076_FILE));
      }
    }
    steps.add("verify the node runs iteration " + toIteration);
    return new ResetPreview(
        layout.host(),
        from,
        toIteration,
        due,
        reason,
        false,
        strings(plan.delete()),
        strings(plan.keep()),
        plan.archive().stream()
            .map(a -> new Archived(a.source().toString(), a.target().toString()))
            .toList(),
        plan.refused(),
        steps);
  }

  private static List<String> strings(List<Path> paths) {
    return paths.stream().map(Path::toString).toList();
  }
}
