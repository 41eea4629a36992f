package dev.ephemery.runtime;

/**
 * One change {@code up} or {@code down} made, or would make with {@code --dry-run}.
 *
 * @param action e.g. pull, create, recreate, start, run, remove, update
 * @param kind image, network, path, container
 * @param object its name (a path, container or image)
 * @param reason why, e.g. "missing" or "plan changed"
 */
public record Change(String action, String kind, String object, String reason) {

  public String describe() {
    return action + " " + kind + " " + object + (reason.isEmpty() ? "" : " (" + reason + ")");
  }
}
