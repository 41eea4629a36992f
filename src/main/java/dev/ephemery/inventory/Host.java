package dev.ephemery.inventory;

/**
 * One machine that runs one Ephemery node stack (EL + CL, optionally a validator and monitoring).
 *
 * @param baseDir the data root on that machine: every file the tool writes or deletes is under it
 * @param sshKeyFile private key for an ssh address, or null to use the SSH agent
 * @param knownHostsFile known_hosts to verify the host key against, or null for ~/.ssh/known_hosts
 * @param supervisor the on-host supervisor container
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
    SupervisorSpec supervisor) {

  public Host {
    supervisor = supervisor == null ? SupervisorSpec.DEFAULT : supervisor;
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
}
