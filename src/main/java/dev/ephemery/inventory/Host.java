package dev.ephemery.inventory;

/**
 * One machine that runs one Ephemery node stack (EL + CL, optionally a validator and monitoring).
 *
 * @param baseDir the data root on that machine: every file the tool writes or deletes is under it
 * @param sshKeyFile private key for an ssh address, or null to use the SSH agent
 * @param knownHostsFile known_hosts to verify the host key against, or null for ~/.ssh/known_hosts
 * @param supervisor the on-host supervisor container
 * @param kubernetes resources and storage of the node on a {@code kubernetes://} host
 */
public record Host(
    String name,
    Address address,
    String baseDir,
    Flavor flavor,
    ExecutionSpec execution,
    ConsensusSpec consensus,
    ValidatorSpec validator,
    MonitoringSpec monitoring,
    String sshKeyFile,
    String knownHostsFile,
    SupervisorSpec supervisor,
    KubernetesSpec kubernetes) {

  private static final String STACK_PREFIX = "ephemery-";

  public Host {
    supervisor = supervisor == null ? SupervisorSpec.DEFAULT : supervisor;
    kubernetes = kubernetes == null ? KubernetesSpec.DEFAULT : kubernetes;
  }

  public Host(
      String name,
      Address address,
      String baseDir,
      Flavor flavor,
      ExecutionSpec execution,
      ConsensusSpec consensus,
      ValidatorSpec validator,
      MonitoringSpec monitoring,
      String sshKeyFile,
      String knownHostsFile,
      SupervisorSpec supervisor) {
    this(
        name,
        address,
        baseDir,
        flavor,
        execution,
        consensus,
        validator,
        monitoring,
        sshKeyFile,
        knownHostsFile,
        supervisor,
        KubernetesSpec.DEFAULT);
  }

  public Host(
      String name,
      Address address,
      String baseDir,
      Flavor flavor,
      ExecutionSpec execution,
      ConsensusSpec consensus,
      ValidatorSpec validator,
      MonitoringSpec monitoring,
      String sshKeyFile,
      String knownHostsFile) {
    this(
        name,
        address,
        baseDir,
        flavor,
        execution,
        consensus,
        validator,
        monitoring,
        sshKeyFile,
        knownHostsFile,
        SupervisorSpec.DEFAULT);
  }

  /**
   * What the node's container and Docker network names start with: {@code ephemery-<name>}, or the
   * name itself when it already starts with {@code ephemery-} (no {@code ephemery-ephemery-node1}).
   * The inventory refuses two hosts with the same stack name.
   */
  public static String stackName(String hostName) {
    return hostName.startsWith(STACK_PREFIX) ? hostName : STACK_PREFIX + hostName;
  }

  public String stackName() {
    return stackName(name);
  }
}
