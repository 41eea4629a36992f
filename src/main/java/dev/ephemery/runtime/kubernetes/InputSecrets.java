package dev.ephemery.runtime.kubernetes;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.runtime.Change;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The validator's inputs from this machine (keystores folder, password file or folder) as the
 * Secrets the pod mounts read-only, as a Docker host gets them copied: {@code up} fills each from
 * the path the inventory names, and refills it when the files changed. What is reported and logged
 * names the path and the number of files, never their content; {@code render kubernetes} writes the
 * Secrets without data.
 */
final class InputSecrets {

  /** An object may hold 1 MiB; leave room for its metadata. */
  static final long MAX_BYTES = 900 * 1024;

  /** What the API server accepts as a key of a Secret's data. */
  private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  private InputSecrets() {}

  /**
   * Creates or updates {@code rendered} (no data) from {@code input}'s path; nothing when the
   * Secret already holds the same files. A path not on this machine leaves an existing Secret as it
   * is (made with kubectl, or by an up elsewhere) and is an error when there is none.
   */
  static List<Change> ensure(
      KubernetesClient client,
      String namespace,
      Secret rendered,
      NodeVolumes.Source input,
      Secret found,
      boolean dryRun) {
    String name = rendered.getMetadata().getName();
    Optional<Map<String, String>> local = read(Path.of(input.path()), input.key());
    if (local.isEmpty()) {
      if (found == null) {
        throw new OperationalException(
            namespace + "/" + name,
            "the validator's "
                + input.path()
                + " is not on this machine, nor its Secret in the cluster",
            "run up where "
                + input.path()
                + " is, or create the Secret: kubectl -n "
                + namespace
                + " create secret generic "
                + name
                + " --from-file="
                + input.path()
                + ", then label it "
                + KubeLabels.MANAGED_BY
                + "=ephemery",
            null);
      }
      return List.of();
    }
    Map<String, String> data = local.get();
    if (found != null && data.equals(found.getData())) {
      return List.of();
    }
    String reason = "from " + input.path() + " (" + data.size() + " file(s))";
    Change change = new Change(found == null ? "create" : "update", "secret", name, reason);
    if (dryRun) {
      return List.of(change);
    }
    Secret desired = ObjectHash.JSON.clone(rendered);
    desired.setData(data);
    if (found == null) {
      client.secrets().inNamespace(namespace).resource(desired).create();
    } else {
      desired.getMetadata().setResourceVersion(found.getMetadata().getResourceVersion());
      client.secrets().inNamespace(namespace).resource(desired).update();
    }
    return List.of(change);
  }

  /**
   * The Secret's data (base64 by key) from a file (under {@code key}, else its name) or a flat
   * folder (each regular file under its name); empty when the path does not exist here.
   */
  static Optional<Map<String, String>> read(Path path, String key) {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
      return Optional.empty();
    }
    Map<String, Path> files = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (Stream<Path> entries = Files.list(path)) {
        for (Path entry : entries.sorted().toList()) {
          if (Files.isDirectory(entry)) {
            problems.add(entry + " is a folder: a Secret holds one flat folder of files");
          } else if (Files.isRegularFile(entry)) {
            files.put(entry.getFileName().toString(), entry);
          }
        }
      } catch (IOException e) {
        throw unreadable(path, e);
      }
    } else {
      files.put(key != null ? key : path.getFileName().toString(), path);
    }
    Map<String, String> data = new TreeMap<>();
    long total = 0;
    for (Map.Entry<String, Path> file : files.entrySet()) {
      if (!KEY.matcher(file.getKey()).matches()) {
        problems.add(
            file.getValue() + ": a Secret's key may hold only letters, digits, '-', '_' and '.'");
        continue;
      }
      try {
        byte[] bytes = Files.readAllBytes(file.getValue());
        total += bytes.length;
        data.put(file.getKey(), Base64.getEncoder().encodeToString(bytes));
      } catch (IOException e) {
        throw unreadable(file.getValue(), e);
      }
    }
    if (total > MAX_BYTES) {
      problems.add(path + " holds " + total + " bytes; a Secret holds at most " + MAX_BYTES);
    }
    if (!problems.isEmpty()) {
      throw InvalidInputException.of(
          path.toString(),
          String.join("; ", problems),
          "keep the validator's keys in one flat folder of keystore files");
    }
    return Optional.of(data);
  }

  private static OperationalException unreadable(Path path, IOException e) {
    return new OperationalException(
        path.toString(),
        "cannot read the validator's file: " + e.getClass().getSimpleName(),
        "check that this user may read it",
        e);
  }
}
