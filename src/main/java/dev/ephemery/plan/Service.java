package dev.ephemery.plan;

import dev.ephemery.client.HealthCheck;
import java.util.List;
import java.util.Map;

/**
 * One container of a host's plan: all a runtime needs to create it, nothing runtime-specific.
 *
 * @param entrypoint the entrypoint to set, or null to keep the image's own
 * @param dependsOn services that must be running (or, for init steps, have completed) before this
 *     one
 * @param runOnce true for init steps: run to completion, exit 0, before the services that depend on
 *     them
 * @param user uid[:gid] to run as, or null for the image's user
 * @param memoryLimit a memory limit such as {@code 8g}, or null
 * @param stopSignal the signal that stops it cleanly, or null for the runtime's default (SIGTERM)
 * @param health how to ask the running container whether it serves (the client profile's checks;
 *     the first is what {@code up} waits for); empty when it has none
 * @param inputs host folders (mount sources) whose content is part of what a run-once step does,
 *     beyond its plan: a runtime runs the step again when their content changes (a keystore added
 *     to the validator's keysDir is imported); empty for most services
 */
public record Service(
    String name,
    Role role,
    String client,
    String image,
    List<String> entrypoint,
    List<String> command,
    List<PortBinding> ports,
    List<Mount> mounts,
    Map<String, String> env,
    Map<String, String> labels,
    List<String> dependsOn,
    boolean runOnce,
    String user,
    String restartPolicy,
    String memoryLimit,
    String stopSignal,
    List<HealthCheck> health,
    List<String> inputs) {

  public Service {
    health = health == null ? List.of() : List.copyOf(health);
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
  }

  public Service(
      String name,
      Role role,
      String client,
      String image,
      List<String> entrypoint,
      List<String> command,
      List<PortBinding> ports,
      List<Mount> mounts,
      Map<String, String> env,
      Map<String, String> labels,
      List<String> dependsOn,
      boolean runOnce,
      String user,
      String restartPolicy,
      String memoryLimit,
      String stopSignal,
      List<HealthCheck> health) {
    this(
        name,
        role,
        client,
        image,
        entrypoint,
        command,
        ports,
        mounts,
        env,
        labels,
        dependsOn,
        runOnce,
        user,
        restartPolicy,
        memoryLimit,
        stopSignal,
        health,
        List.of());
  }

  public Service(
      String name,
      Role role,
      String client,
      String image,
      List<String> entrypoint,
      List<String> command,
      List<PortBinding> ports,
      List<Mount> mounts,
      Map<String, String> env,
      Map<String, String> labels,
      List<String> dependsOn,
      boolean runOnce,
      String user,
      String restartPolicy,
      String memoryLimit,
      String stopSignal) {
    this(
        name,
        role,
        client,
        image,
        entrypoint,
        command,
        ports,
        mounts,
        env,
        labels,
        dependsOn,
        runOnce,
        user,
        restartPolicy,
        memoryLimit,
        stopSignal,
        List.of());
  }

  public Service(
      String name,
      Role role,
      String client,
      String image,
      List<String> entrypoint,
      List<String> command,
      List<PortBinding> ports,
      List<Mount> mounts,
      Map<String, String> env,
      Map<String, String> labels,
      List<String> dependsOn,
      boolean runOnce,
      String user,
      String restartPolicy,
      String memoryLimit) {
    this(
        name,
        role,
        client,
        image,
        entrypoint,
        command,
        ports,
        mounts,
        env,
        labels,
        dependsOn,
        runOnce,
        user,
        restartPolicy,
        memoryLimit,
        null);
  }
}
