package dev.ephemery.runtime.kubernetes;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.Host;
import dev.ephemery.plan.HostPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ephemery render kubernetes}: the node's objects as YAML, one file per object, numbered in
 * the order {@code up} applies them ({@code kubectl apply -f DIR} keeps that order). Secrets are
 * written without data.
 */
public final class KubernetesExport {

  private KubernetesExport() {}

  public static List<Path> write(Host host, HostPlan plan, Path releaseDir, Path dir) {
    String namespace =
        host.address() instanceof Address.Kubernetes kube ? kube.namespace() : "ephemery";
    List<HasMetadata> objects =
        new NodeManifests(plan, namespace, host.kubernetes(), host.monitoring().enabled())
            .all(ReleaseFiles.read(releaseDir, plan.iteration().number()));
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (int i = 0; i < objects.size(); i++) {
        HasMetadata object = ObjectHash.stamped(objects.get(i));
        Path file =
            dir.resolve(
                String.format(
                    Locale.ROOT,
                    "%02d-%s-%s.yaml",
                    i,
                    object.getKind().toLowerCase(Locale.ROOT),
                    object.getMetadata().getName()));
        Files.writeString(file, ObjectHash.JSON.asYaml(object));
        written.add(file);
      }
    } catch (IOException e) {
      throw new OperationalException(
          dir.toString(), "cannot write the manifests: " + e.getMessage(), "", e);
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.of(plan.name(), e.getMessage(), "");
    }
    return written;
  }
}
