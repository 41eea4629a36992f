package dev.ephemery.plan;

/**
 * What the caller narrows the plan to.
 *
 * @param host plan only this host, or null for all
 */
public record PlanOptions(String host) {
  public static PlanOptions all() {
    return new PlanOptions(null);
  }
}
