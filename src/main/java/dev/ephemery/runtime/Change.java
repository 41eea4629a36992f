package dev.ephemery.runtime;

/**
 * One change {@code up} or {@code down} made, or would make with {@code --dry-run}.
 *
 * @param action e.g. pull, create, recreate, start, run, remove, update; {@link #ENSURE} in a dry
 *     run for a planned path that was not looked at; {@link #KEEP} for what {@code down} leaves on
 *     purpose
 * @param kind image, network, path, container
 * @param object its name (a path, container or image)
 * @param reason why, e.g. "missing" or "plan changed"
 */
public record Change(String action, String kind, String object, String reason) {

  /** A dry run does not look into baseDir (that needs a container): its paths "would ensure". */
  public static final String ENSURE = "ensure";

  /** {@code down} leaves it in place on purpose (e.g. the reset history); the reason says why. */
  public static final String KEEP = "keep";

  public boolean isEnsure() {
    return ENSURE.equals(action);
  }

  public boolean isKeep() {
    return KEEP.equals(action);
  }

  public String describe() {
    return action + " " + kind + " " + object + (reason.isEmpty() ? "" : " (" + reason + ")");
  }
}
