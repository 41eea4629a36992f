package dev.ephemery.plan;

/**
 * Every {@code ephemery.*} label key, declared once. The planner puts some on each service, the
 * runtime adds the rest when it creates an object; the tool finds, changes and removes only objects
 * carrying {@link #NODE}. Existing containers carry these exact strings: renaming one orphans them.
 */
public final class LabelKeys {

  /** The inventory host an object belongs to. */
  public static final String NODE = "ephemery.node";

  /** The service's {@link Role#id()}. */
  public static final String ROLE = "ephemery.role";

  /** The client the service runs (geth, lighthouse, ...; {@code ephemery} for the supervisor). */
  public static final String CLIENT = "ephemery.client";

  /** The planned service name (added by the runtime). */
  public static final String SERVICE = "ephemery.service";

  /** The Ephemery iteration the object was planned for. */
  public static final String ITERATION = "ephemery.iteration";

  /** The host's flavor (upstream images or the pk910 wrappers). */
  public static final String FLAVOR = "ephemery.flavor";

  /** {@link PlanHash} of the object when it was created: a different hash recreates it. */
  public static final String PLAN_HASH = "ephemery.plan-hash";

  /**
   * The digest of a run-once step's input folders' content when it last ran ({@link
   * Service#inputs}); a different digest runs it again.
   */
  public static final String INPUTS_HASH = "ephemery.inputs-hash";

  /**
   * On a consensus client whose {@code checkpointSyncUrl} is {@code auto}: the endpoint picked when
   * it was planned, or {@link CheckpointChoice#GENESIS}.
   */
  public static final String CHECKPOINT = "ephemery.checkpoint";

  /** Marks the short-lived helper containers (file work, self-tests). */
  public static final String HELPER = "ephemery.helper";

  private LabelKeys() {}
}
