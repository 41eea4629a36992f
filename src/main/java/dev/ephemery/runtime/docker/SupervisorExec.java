package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.ephemery.common.OperationalException;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.Planner;
import dev.ephemery.plan.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs an ephemery command inside a host's supervisor container, which holds the tool's jar, the
 * host's one-host inventory and the host's baseDir: how a workstation resets a remote host, or
 * reads its reset history, without copying files over SSH. Both sides then work on the same journal
 * and reset lock.
 */
public final class SupervisorExec {

  private SupervisorExec() {}

  /**
   * Runs {@code ephemery <args> -f <the supervisor's inventory>} in {@code node}'s supervisor
   * container and returns its exit code; output lines go to {@code out} and {@code err} as they
   * come.
   */
  public static long run(
      DockerClient docker,
      String node,
      List<String> args,
      Consumer<String> out,
      Consumer<String> err,
      Duration timeout) {
    String container = runningSupervisor(docker, node);
    return ContainerExec.run(
        docker, node, container, command(args), out, err, timeout, "the command on the host");
  }

  /** The command line run in the container: a short-lived JVM beside the supervisor's own. */
  static List<String> command(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add("java");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-jar");
    command.add(Planner.SUPERVISOR_DIR + "/" + Planner.SUPERVISOR_JAR);
    command.addAll(args);
    command.add("-f");
    command.add(Planner.SUPERVISOR_DIR + "/" + Planner.SUPERVISOR_INVENTORY);
    return command;
  }

  private static String runningSupervisor(DockerClient docker, String node) {
    List<Container> found =
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(Map.of(LabelKeys.NODE, node, LabelKeys.ROLE, Role.SUPERVISOR.id()))
            .exec();
    if (found.isEmpty()) {
      throw new OperationalException(
          node,
          "no supervisor container on this host",
          "run 'ephemery up --host "
              + node
              + "' (with supervisor enabled) first, or run the command on the host itself");
    }
    Container container = found.get(0);
    if (!"running".equals(container.getState())) {
      throw new OperationalException(
          node,
          "the supervisor container is " + container.getState(),
          "start it with 'ephemery up --host " + node + "', then try again");
    }
    return container.getId();
  }
}
