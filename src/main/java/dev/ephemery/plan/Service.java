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
 * @param layout the client's data folder and what a reset does to it, for the containers that keep
 *     a client's data (execution, consensus, validator); null for the others
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
    List<String> inputs,
    DataLayout layout) {

  public Service {
    health = health == null ? List.of() : List.copyOf(health);
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
  }

  /** A service to build field by field: what is not set is empty, false or null. */
  public static Builder builder(String name, Role role, String client) {
    return new Builder(name, role, client);
  }

  /** This service running {@code other} as its command, all else kept. */
  public Service withCommand(List<String> other) {
    return new Service(
        name,
        role,
        client,
        image,
        entrypoint,
        other,
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
        inputs,
        layout);
  }

  /** Which client it runs in which role, to reach the client's profile. */
  public ClientRef clientRef() {
    return new ClientRef(role, client);
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
      List<HealthCheck> health,
      List<String> inputs) {
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
        inputs,
        null);
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

  /** Builds a {@link Service}; lists and maps start empty, the rest unset. */
  public static final class Builder {
    private final String name;
    private final Role role;
    private final String client;
    private String image;
    private List<String> entrypoint;
    private List<String> command = List.of();
    private List<PortBinding> ports = List.of();
    private List<Mount> mounts = List.of();
    private Map<String, String> env = Map.of();
    private Map<String, String> labels = Map.of();
    private List<String> dependsOn = List.of();
    private boolean runOnce;
    private String user;
    private String restartPolicy;
    private String memoryLimit;
    private String stopSignal;
    private List<HealthCheck> health = List.of();
    private List<String> inputs = List.of();
    private DataLayout layout;

    private Builder(String name, Role role, String client) {
      this.name = name;
      this.role = role;
      this.client = client;
    }

    public Builder image(String image) {
      this.image = image;
      return this;
    }

    /** Null keeps the image's own entrypoint. */
    public Builder entrypoint(List<String> entrypoint) {
      this.entrypoint = entrypoint;
      return this;
    }

    public Builder command(List<String> command) {
      this.command = List.copyOf(command);
      return this;
    }

    public Builder ports(List<PortBinding> ports) {
      this.ports = List.copyOf(ports);
      return this;
    }

    public Builder mounts(List<Mount> mounts) {
      this.mounts = List.copyOf(mounts);
      return this;
    }

    public Builder env(Map<String, String> env) {
      this.env = env;
      return this;
    }

    public Builder labels(Map<String, String> labels) {
      this.labels = labels;
      return this;
    }

    public Builder dependsOn(List<String> dependsOn) {
      this.dependsOn = List.copyOf(dependsOn);
      return this;
    }

    /** True for a step that runs to completion (init, key import), not a lasting service. */
    public Builder runOnce(boolean runOnce) {
      this.runOnce = runOnce;
      return this;
    }

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public Builder restartPolicy(String restartPolicy) {
      this.restartPolicy = restartPolicy;
      return this;
    }

    public Builder memoryLimit(String memoryLimit) {
      this.memoryLimit = memoryLimit;
      return this;
    }

    public Builder stopSignal(String stopSignal) {
      this.stopSignal = stopSignal;
      return this;
    }

    public Builder health(List<HealthCheck> health) {
      this.health = health;
      return this;
    }

    public Builder inputs(List<String> inputs) {
      this.inputs = inputs;
      return this;
    }

    public Builder layout(DataLayout layout) {
      this.layout = layout;
      return this;
    }

    public Service build() {
      return new Service(
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
          inputs,
          layout);
    }
  }
}
