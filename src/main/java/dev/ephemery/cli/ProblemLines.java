package dev.ephemery.cli;

import dev.ephemery.common.Problem;
import dev.ephemery.inventory.SafeYaml;
import dev.ephemery.inventory.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives problems found on the parsed inventory (the pre-flight checks) the line of the key they
 * name, e.g. {@code hosts[0].consensus.extraArgs[1]}. A key inherited from {@code defaults} points
 * at the nearest key that is written in the host.
 */
final class ProblemLines {
  private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

  private ProblemLines() {}

  /** The inventory file's text, or null for the embedded default or an unreadable file. */
  static String textOf(InventoryLoader.Source source) {
    if (source.file() == null) {
      return null;
    }
    try {
      return java.nio.file.Files.readString(source.file());
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  static List<Problem> locate(List<Problem> problems, String inventoryText) {
    if (inventoryText == null || problems.stream().allMatch(p -> p.line() > 0)) {
      return problems;
    }
    YamlNode root = SafeYaml.parse(inventoryText).root();
    if (root == null) {
      return problems;
    }
    List<Problem> located = new ArrayList<>();
    for (Problem problem : problems) {
      int line = problem.line() > 0 ? problem.line() : lineOf(root, problem.where());
      located.add(Problem.at(problem.where(), line, problem.message(), problem.hint()));
    }
    return located;
  }

  static int lineOf(YamlNode root, String where) {
    YamlNode node = root;
    int line = 0;
    Matcher step = STEP.matcher(where);
    while (step.find()) {
      YamlNode next = null;
      if (step.group(1) != null && node instanceof YamlNode.Mapping map) {
        YamlNode.Entry entry = map.entries().get(step.group(1));
        if (entry != null) {
          next = entry.value();
          line = entry.keyLine();
        }
      } else if (step.group(2) != null && node instanceof YamlNode.Sequence list) {
        int index = Integer.parseInt(step.group(2));
        if (index < list.items().size()) {
          next = list.items().get(index);
          line = next.line();
        }
      }
      if (next == null) {
        break;
      }
      node = next;
    }
    return line;
  }
}
