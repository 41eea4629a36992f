package dev.ephemery.inventory;

/**
 * How a {@code kubernetes://} host's node is sized on its cluster; read for such hosts only.
 *
 * @param storageClass the StorageClass of the node's volumes, or null for the cluster's default
 */
public record KubernetesSpec(
    String storageClass, Resources execution, Resources consensus, Resources validator) {

  /** Volume sizes when the inventory gives none: Ephemery's chain is small and reset monthly. */
  public static final String DEFAULT_EXECUTION_STORAGE = "100Gi";

  public static final String DEFAULT_CONSENSUS_STORAGE = "50Gi";
  public static final String DEFAULT_VALIDATOR_STORAGE = "1Gi";

  public static final KubernetesSpec DEFAULT =
      new KubernetesSpec(
          null,
          Resources.storageOnly(DEFAULT_EXECUTION_STORAGE),
          Resources.storageOnly(DEFAULT_CONSENSUS_STORAGE),
          Resources.storageOnly(DEFAULT_VALIDATOR_STORAGE));

  /**
   * One container's resources, as Kubernetes quantities; null for none (a missing memory limit
   * takes the plan's).
   *
   * @param storage the size of its data volume
   */
  public record Resources(
      String cpuRequest,
      String memoryRequest,
      String cpuLimit,
      String memoryLimit,
      String storage) {

    static Resources storageOnly(String storage) {
      return new Resources(null, null, null, null, storage);
    }
  }
}
