package dev.ephemery.runtime.kubernetes;

import dev.ephemery.common.OperationalException;
import dev.ephemery.ops.Component;
import dev.ephemery.ops.FaultInjector;
import dev.ephemery.ops.NodeFiles;
import dev.ephemery.ops.NodeLayout;
import dev.ephemery.ops.ResetState;
import dev.ephemery.ops.WipePlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.Mount;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The reset's port to a Kubernetes node's files: the release is a ConfigMap (staged while the old
 * iteration runs, made the installed one by applying the new StatefulSet, scaled to zero), the wipe
 * a Job that mounts the node's claims and runs {@link WipeScript} on each.
 */
final class KubernetesNodeFiles implements NodeFiles {

  /** busybox: sh, cp, rm, find; the same image the Docker hosts' helper uses. */
  static final String WIPE_IMAGE = dev.ephemery.runtime.RuntimeOptions.DEFAULT_HELPER_IMAGE;

  private final KubernetesClient client;
  private final NodeManifests manifests;
  private final KubernetesNodeRuntime.Waits waits;

  KubernetesNodeFiles(
      KubernetesClient client, NodeManifests manifests, KubernetesNodeRuntime.Waits waits) {
    this.client = client;
    this.manifests = manifests;
    this.waits = waits;
  }

  private String namespace() {
    return manifests.namespace();
  }

  private KubeNames names() {
    return manifests.names();
  }

  private Applier applier() {
    return new Applier(client, namespace(), manifests.plan().name());
  }

  /** The iteration the applied StatefulSet was made for. */
  @Override
  public Optional<Integer> installedIteration(NodeLayout layout) {
    StatefulSet set =
        client.apps().statefulSets().inNamespace(namespace()).withName(names().statefulSet()).get();
    if (set == null || set.getMetadata().getLabels() == null) {
      return Optional.empty();
    }
    String iteration = set.getMetadata().getLabels().get(LabelKeys.ITERATION);
    return iteration == null ? Optional.empty() : Optional.of(Integer.parseInt(iteration));
  }

  /** The new release's ConfigMap, made while the old iteration runs. */
  @Override
  public void stage(NodeLayout layout, Path releaseDir, int iteration) {
    applier()
        .apply(
            manifests.release(ReleaseFiles.read(releaseDir, iteration)), false, new ArrayList<>());
  }

  @Override
  public WipePlan planWipe(NodeLayout layout, String oldIteration) {
    List<Path> delete = new ArrayList<>();
    List<Path> keep = new ArrayList<>();
    List<WipePlan.Archive> archive = new ArrayList<>();
    for (Component component : layout.components()) {
      Path volume = Path.of(volumeOf(component));
      component.layout().wipe().forEach(rule -> delete.add(volume.resolve(rule)));
      component.layout().keep().forEach(rule -> keep.add(volume.resolve(rule)));
      for (String db : component.layout().resetPerIteration()) {
        archive.add(
            new WipePlan.Archive(
                volume.resolve(db),
                volume.resolve(WipeScript.ARCHIVE).resolve(oldIteration).resolve(db)));
      }
    }
    return new WipePlan(delete, keep, archive, List.of());
  }

  /**
   * Runs the wipe Job (made once per old iteration: a resumed reset finds it and waits for it) and
   * removes it once it completed. A Job that failed is an operational failure: the reset retries.
   */
  @Override
  public WipePlan wipe(NodeLayout layout, String oldIteration, FaultInjector faults) {
    String name = names().wipeJob(oldIteration);
    var jobs = client.batch().v1().jobs().inNamespace(namespace());
    if (jobs.withName(name).get() == null) {
      jobs.resource(wipeJob(layout, oldIteration)).create();
    }
    faults.at("mid:" + ResetState.WIPING);
    Job done =
        jobs.withName(name)
            .waitUntilCondition(
                job ->
                    job == null
                        || job.getStatus() != null
                            && (count(job.getStatus().getSucceeded()) > 0
                                || count(job.getStatus().getFailed()) > 0),
                waits.job().toMillis(),
                TimeUnit.MILLISECONDS);
    if (done != null && count(done.getStatus().getSucceeded()) == 0) {
      throw new OperationalException(
          namespace() + "/" + name,
          "the wipe Job failed",
          "see kubectl -n " + namespace() + " logs job/" + name,
          null);
    }
    jobs.withName(name).delete();
    return planWipe(layout, oldIteration);
  }

  private static int count(Integer value) {
    return value == null ? 0 : value;
  }

  Job wipeJob(NodeLayout layout, String oldIteration) {
    List<String> scripts = new ArrayList<>();
    JobBuilder job =
        new JobBuilder()
            .withNewMetadata()
            .withName(names().wipeJob(oldIteration))
            .withNamespace(namespace())
            .withLabels(KubeLabels.of(manifests.plan().name(), names(), "wipe"))
            .endMetadata()
            .withNewSpec()
            .withBackoffLimit(3)
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(KubeLabels.of(manifests.plan().name(), names(), "wipe"))
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("Never")
            .endSpec()
            .endTemplate()
            .endSpec();
    List<io.fabric8.kubernetes.api.model.Volume> volumes = new ArrayList<>();
    List<io.fabric8.kubernetes.api.model.VolumeMount> mounts = new ArrayList<>();
    for (Component component : layout.components()) {
      String volume = volumeOf(component);
      String mount = "/wipe/" + volume;
      scripts.add("(" + WipeScript.of(mount, component.layout(), oldIteration) + ")");
      volumes.add(
          new VolumeBuilder()
              .withName(volume)
              .withNewPersistentVolumeClaim()
              .withClaimName(names().claim(volume))
              .endPersistentVolumeClaim()
              .build());
      mounts.add(new VolumeMountBuilder().withName(volume).withMountPath(mount).build());
    }
    return job.editSpec()
        .editTemplate()
        .editSpec()
        .withVolumes(volumes)
        .withContainers(
            new ContainerBuilder()
                .withName("wipe")
                .withImage(WIPE_IMAGE)
                .withCommand("sh", "-c", String.join("\n", scripts))
                .withVolumeMounts(mounts)
                .build())
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** The claim template of the component's data folder. */
  private String volumeOf(Component component) {
    String source =
        component.service().mounts().stream()
            .filter(m -> m.target().equals(dev.ephemery.client.ContainerPaths.DATA))
            .map(Mount::source)
            .findFirst()
            .orElseThrow();
    return KubeNames.dataVolume(source);
  }

  /**
   * Applies the new iteration's StatefulSet scaled to zero (STARTING scales it up), so the pod's
   * release volume is the staged ConfigMap; the releases before {@code keepFrom} go.
   */
  @Override
  public void install(
      NodeLayout layout, Path releaseDir, int iteration, int keepFrom, FaultInjector faults) {
    StatefulSet set = manifests.statefulSet(ReleaseFiles.read(releaseDir, iteration));
    set.getSpec().setReplicas(0);
    applier().apply(set, false, new ArrayList<>());
    faults.at("mid:" + ResetState.INSTALLING);
    Map<String, String> ours = KubeLabels.ours(manifests.plan().name());
    for (ConfigMap map :
        client.configMaps().inNamespace(namespace()).withLabels(ours).list().getItems()) {
      String it = map.getMetadata().getLabels().get(LabelKeys.ITERATION);
      if ("release".equals(map.getMetadata().getLabels().get(KubeLabels.COMPONENT))
          && it != null
          && Integer.parseInt(it) < keepFrom) {
        client.configMaps().inNamespace(namespace()).withName(map.getMetadata().getName()).delete();
      }
    }
  }

  /** Not looked into: the pod's key-import step registers what the client needs at its start. */
  @Override
  public boolean hasSlashingDb(Component component) {
    return true;
  }

  @Override
  public Optional<Path> slashingArchive(
      NodeLayout layout, Component component, String oldIteration) {
    return Optional.empty();
  }

  @Override
  public boolean exists(Path file) {
    return false;
  }
}
