package dev.ephemery.wiring;

import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.Host;
import dev.ephemery.ops.NodeFiles;
import dev.ephemery.ops.NodeRuntime;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.runtime.HostRuntime;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.docker.DockerHost;
import dev.ephemery.runtime.docker.DockerNodeRuntime;
import dev.ephemery.runtime.kubernetes.KubernetesExport;
import dev.ephemery.runtime.kubernetes.KubernetesHost;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one place that picks a runtime adapter for a host, from its address. Every command gets its
 * {@link HostRuntime}, and every reset its {@link NodeRuntime} and {@link NodeFiles}, here; a new
 * kind of address (a cluster) adds an {@link Adapter}, and the compiler then asks for its case in
 * each switch.
 */
public final class Runtimes {

  private Runtimes() {}

  /** The runtime adapters there are. */
  enum Adapter {
    /** A Docker daemon: this machine's socket, or a remote one through SSH. */
    DOCKER,
    /**
     * A namespace of a Kubernetes cluster (fabric8; its classes load only when such a host is acted
     * on).
     */
    KUBERNETES
  }

  /** Which adapter serves an address. */
  static Adapter adapterFor(Address address) {
    if (address instanceof Address.Local || address instanceof Address.Ssh) {
      return Adapter.DOCKER;
    }
    if (address instanceof Address.Kubernetes) {
      return Adapter.KUBERNETES;
    }
    throw new IllegalArgumentException("no runtime for address " + address.uri());
  }

  /**
   * The Docker adapter's share of the launcher's start-up training ({@link
   * dev.ephemery.runtime.docker.DockerTraining}): no daemon is asked; {@code scratch} is a folder
   * of the training's own.
   */
  public static java.util.List<String> trainDockerCalls(java.nio.file.Path scratch)
      throws java.io.IOException {
    return dev.ephemery.runtime.docker.DockerTraining.run(scratch.resolve("no-daemon.sock"));
  }

  /** The host's runtime; {@code progress} receives lines for long work. Close it after use. */
  public static HostRuntime open(Host host, Consumer<String> progress) {
    return switch (adapterFor(host.address())) {
      case DOCKER -> DockerHost.open(HostTarget.of(host), progress);
      case KUBERNETES -> KubernetesHost.open(host, progress);
    };
  }

  /**
   * The reset's port to the host's node for the new iteration's {@code plan}, the verified release
   * in {@code releaseDir}; {@code progress} receives lines for long work. Closing it closes its
   * connection.
   */
  public static ResetRuntime forReset(
      Host host, HostPlan plan, Path releaseDir, Consumer<String> progress) {
    return switch (adapterFor(host.address())) {
      case DOCKER -> dockerReset(host, plan, releaseDir, progress);
      case KUBERNETES -> kubernetesReset(host, plan, releaseDir, progress);
    };
  }

  private static ResetRuntime kubernetesReset(
      Host host, HostPlan plan, Path releaseDir, Consumer<String> progress) {
    KubernetesHost cluster = KubernetesHost.open(host, progress);
    return new ResetRuntime(cluster.forReset(plan, releaseDir), cluster::close);
  }

  private static ResetRuntime dockerReset(
      Host host, HostPlan plan, Path releaseDir, Consumer<String> progress) {
    DockerHost docker = DockerHost.open(HostTarget.of(host), progress);
    DockerNodeRuntime node = docker.forReset(plan, releaseDir);
    return new ResetRuntime(
        node,
        () -> {
          try (docker) {
            node.close();
          }
        });
  }

  /**
   * Where the host's resets keep their journals and lock and reach its node; close it after use. A
   * Kubernetes host's site holds a client to its cluster (fabric8 loads here, for such hosts only).
   */
  public static ResetSite resetSite(Host host, Consumer<String> progress) {
    return switch (adapterFor(host.address())) {
      case DOCKER -> new ResetSite.Docker(host);
      case KUBERNETES -> new ResetSite.Kubernetes(host, KubernetesHost.open(host, progress));
    };
  }

  /**
   * Writes {@code plan}'s Kubernetes manifests for {@code host} into {@code dir}, one YAML file per
   * object; returns the files written.
   */
  public static List<Path> renderKubernetes(Host host, HostPlan plan, Path releaseDir, Path dir) {
    return KubernetesExport.write(host, plan, releaseDir, dir);
  }

  /** A reset's runtime and what closes it. */
  public record ResetRuntime(NodeRuntime node, AutoCloseable closer) implements AutoCloseable {
    @Override
    public void close() {
      try {
        closer.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
