package dev.ephemery.ops;

import java.util.List;

/**
 * What auto-recovery sees of the node's long-running containers and may do to them. The Docker
 * runtime implements it; the recovery logic knows nothing of Docker.
 */
public interface ContainerWatch {

  /** The node's long-running containers (init steps excluded). */
  List<Observation> observe();

  /** Starts a stopped or exited container. */
  void restart(String service);

  /** The container's last log lines, oldest first. */
  List<String> lastLogLines(String service, int lines);

  /**
   * @param state running, exited, dead, restarting, created, missing, ...
   * @param restartCount how often the engine's restart policy restarted it (Docker's RestartCount)
   */
  record Observation(String service, String state, int restartCount, Integer exitCode) {
    public boolean running() {
      return "running".equals(state);
    }

    /** Down and not being brought back by the engine itself. */
    public boolean down() {
      return "exited".equals(state) || "dead".equals(state) || "created".equals(state);
    }
  }
}
