package dev.ephemery.runtime;

import dev.ephemery.client.SlashingImport;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the commands do with one host's node, whatever carries it out: the port every runtime
 * adapter implements ({@code runtime.docker.DockerHost} for local and SSH hosts). Obtained per host
 * from {@code wiring.Runtimes}, which picks the adapter from the host's address, and closed after
 * use. The reset reaches the node through its own port, {@code ops.NodeRuntime}.
 */
public interface HostRuntime extends AutoCloseable {

  /** Converges the node to {@code plan}: creates, recreates or starts what differs. */
  UpReport up(HostPlan plan, RuntimeOptions options);

  /** Each planned service as the runtime sees it (or, without a plan, each of the node's). */
  List<ServiceState> status(String node, HostPlan plan);

  /**
   * Removes the node's containers and networks (only what carries its labels); with a plan and a
   * purge, also the data {@code purge} names.
   */
  List<Change> down(String node, HostPlan plan, Purge purge, String helperImage, boolean dryRun);

  /**
   * Writes a service's output to {@code sink}; {@code service} may be the service, the container,
   * the role or the client name.
   */
  void logs(String node, String service, boolean follow, Integer tail, Consumer<byte[]> sink)
      throws InterruptedException;

  /**
   * How the node's container last ended and how often it restarted; empty when it is gone. {@code
   * container} is the name {@link #status} reports.
   */
  java.util.Optional<ContainerDetail> inspect(String node, String container);

  /**
   * The labels of the node's container {@code container}; empty when it is gone, or when the
   * runtime does not keep labels where this can read them.
   */
  default java.util.Optional<java.util.Map<String, String>> labels(String node, String container) {
    return java.util.Optional.empty();
  }

  /** The node's container's last {@code lines} lines of output. */
  List<String> tail(String node, String container, int lines);

  /**
   * A secret the tool generated under the host's {@code baseDir} (the Grafana admin password), for
   * the operator who asks for it; never logged. {@code path} is the file's path on the host.
   */
  String readSecret(String node, String baseDir, String path, String helperImage);

  /** The file system holding the host's {@code baseDir}. */
  DiskSpace diskSpace(String node, String baseDir, String helperImage);

  /** Runs the EL-CL link's self-test on the running node (it must publish an Engine API port). */
  LinkCheck checkEngineLink(HostPlan plan, String helperImage, Duration timeout);

  /**
   * Runs the client's slashing-protection import ({@code command}, reading {@code folder}) with the
   * service that keeps the slashing DB stopped, and starts it again after, also on failure.
   */
  void importSlashingProtection(
      HostPlan plan,
      Service keeper,
      SlashingImport command,
      Path folder,
      Duration timeout,
      Consumer<String> log);

  /**
   * Runs this tool with {@code args} where the host's supervisor runs (its files, journal and reset
   * lock are there) and returns the exit code there.
   */
  long runInSupervisor(
      String node, List<String> args, Consumer<String> out, Consumer<String> err, Duration timeout);

  @Override
  void close();
}
