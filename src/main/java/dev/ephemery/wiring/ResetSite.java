package dev.ephemery.wiring;

import dev.ephemery.inventory.Host;
import dev.ephemery.ops.JournalStore;
import dev.ephemery.ops.NodeFiles;
import dev.ephemery.ops.NodeLayout;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.runtime.ServiceState;
import dev.ephemery.runtime.kubernetes.KubernetesHost;
import dev.ephemery.runtime.local.LocalNodeFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where one host's resets keep their journals and lock, and how they reach the node: for {@code
 * reset}, {@code history} and the supervisor alike. On a Docker host the reset runs where the files
 * are (journal and lock under baseDir, files on the local disk); on a Kubernetes host everything is
 * in the cluster (a ConfigMap journal, a Lease, Jobs and ConfigMaps), reached through one client
 * opened with the site. Get one from {@link Runtimes#resetSite}; close it after use.
 */
public interface ResetSite extends AutoCloseable {

  /** The host's reset journals; its reset lock comes from here too. */
  JournalStore journals();

  /** The node's files as a reset to {@code plan} sees them. */
  NodeFiles files(HostPlan plan);

  /** The iteration whose release the node has installed, read before anything is planned. */
  Optional<Integer> installedIteration();

  /** The reset's port to the node for {@code plan}, the verified release in {@code releaseDir}. */
  Runtimes.ResetRuntime runtime(HostPlan plan, Path releaseDir, Consumer<String> progress);

  @Override
  void close();

  /** Journal, lock and files under the host's baseDir on this machine. */
  record Docker(Host host) implements ResetSite {
    @Override
    public JournalStore journals() {
      return new JournalStore(Path.of(host.baseDir()));
    }

    @Override
    public NodeFiles files(HostPlan plan) {
      return LocalNodeFiles.INSTANCE;
    }

    @Override
    public Optional<Integer> installedIteration() {
      return LocalNodeFiles.INSTANCE.installedIteration(
          new NodeLayout(
              host.name(),
              Path.of(host.baseDir()),
              Path.of(host.baseDir(), "testnet", "ephemery-0"),
              false,
              List.of()));
    }

    @Override
    public Runtimes.ResetRuntime runtime(
        HostPlan plan, Path releaseDir, Consumer<String> progress) {
      return Runtimes.forReset(host, plan, releaseDir, progress);
    }

    @Override
    public void close() {}
  }

  /**
   * Everything in the host's namespace, through one client (fabric8 loads only when this class
   * does: for {@code kubernetes://} hosts).
   */
  final class Kubernetes implements ResetSite {
    private final Host host;
    private final KubernetesHost cluster;

    Kubernetes(Host host, KubernetesHost cluster) {
      this.host = host;
      this.cluster = cluster;
    }

    @Override
    public JournalStore journals() {
      return cluster.journals(host.name(), Path.of(host.baseDir()));
    }

    @Override
    public NodeFiles files(HostPlan plan) {
      return cluster.forReset(plan, null).files();
    }

    @Override
    public Optional<Integer> installedIteration() {
      return cluster.installedIteration(host.name());
    }

    @Override
    public Runtimes.ResetRuntime runtime(
        HostPlan plan, Path releaseDir, Consumer<String> progress) {
      // The client is the site's: closing the reset's runtime leaves it open.
      return new Runtimes.ResetRuntime(cluster.forReset(plan, releaseDir), () -> {});
    }

    /** The node's containers, each running or not, for the supervisor's status page. */
    Map<String, Boolean> health() {
      Map<String, Boolean> up = new LinkedHashMap<>();
      try {
        for (ServiceState state : cluster.status(host.name(), null)) {
          up.put(state.service(), "running".equals(state.state()));
        }
      } catch (RuntimeException e) {
        up.put("kubernetes", false);
      }
      return up;
    }

    @Override
    public void close() {
      cluster.close();
    }
  }
}
