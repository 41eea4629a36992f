package dev.ephemery.runtime.kubernetes;

import dev.ephemery.plan.LabelKeys;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels of every object the adapter creates: the recommended {@code app.kubernetes.io/*} ones
 * and the tool's own ({@link LabelKeys}). {@link #MANAGED_BY} with {@link LabelKeys#NODE} is what
 * makes an object ours: {@code up}, {@code down} and a reset touch nothing else.
 */
final class KubeLabels {

  static final String NAME = "app.kubernetes.io/name";
  static final String INSTANCE = "app.kubernetes.io/instance";
  static final String COMPONENT = "app.kubernetes.io/component";
  static final String PART_OF = "app.kubernetes.io/part-of";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String VERSION = "app.kubernetes.io/version";
  static final String TOOL = "ephemery";

  /** The field manager of every server-side apply. */
  static final String FIELD_MANAGER = "ephemery";

  private KubeLabels() {}

  /**
   * An object of {@code node}'s: {@code component} says which part (node, supervisor, wipe). Only
   * what changes with the iteration anyway (the StatefulSet, the release) carries it: a reset
   * changes nothing else.
   */
  static Map<String, String> of(String node, KubeNames names, String component) {
    Map<String, String> labels = new LinkedHashMap<>(selector(names, component));
    labels.put(PART_OF, TOOL);
    labels.put(MANAGED_BY, TOOL);
    labels.put(LabelKeys.NODE, node);
    return labels;
  }

  static Map<String, String> of(String node, KubeNames names, String component, int iteration) {
    Map<String, String> labels = of(node, names, component);
    labels.put(LabelKeys.ITERATION, Integer.toString(iteration));
    return labels;
  }

  /** What a StatefulSet or Deployment selects its pods by (never changes for a node). */
  static Map<String, String> selector(KubeNames names, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, TOOL);
    labels.put(INSTANCE, names.stack());
    labels.put(COMPONENT, component);
    return labels;
  }

  /** The label selector of everything that is {@code node}'s. */
  static Map<String, String> ours(String node) {
    return Map.of(MANAGED_BY, TOOL, LabelKeys.NODE, node);
  }

  static boolean isOurs(Map<String, String> labels, String node) {
    return labels != null
        && TOOL.equals(labels.get(MANAGED_BY))
        && node.equals(labels.get(LabelKeys.NODE));
  }
}
