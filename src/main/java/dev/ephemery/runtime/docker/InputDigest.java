package dev.ephemery.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import dev.ephemery.common.OperationalException;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Service;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The content digest of a run-once step's input folders ({@link Service#inputs}), so {@code up}
 * runs the step again exactly when their content changed. A folder's digest is the SHA-256 of each
 * regular file below it, in byte order of its {@code ./relative/path}: the path, a NUL, the bytes.
 * The same digest is computed here when this machine sees the folders, and by a helper container
 * otherwise, so a host gets the same answer either way.
 */
final class InputDigest {

  /** Where the helper sees input folder {@code i}. */
  static final String MOUNT = "/ephemery-inputs";

  static final String MISSING = "missing";

  private InputDigest() {}

  /** The services of {@code plan} that have inputs. */
  static List<Service> withInputs(List<Service> services) {
    return services.stream().filter(s -> s.runOnce() && !s.inputs().isEmpty()).toList();
  }

  /**
   * Each input-bearing service's digest, by service name: computed here when {@code local} and this
   * process can read every folder, else through one helper that mounts them all read-only.
   */
  static Map<String, String> of(
      DockerClient docker,
      HostPlan plan,
      List<Service> services,
      String helperImage,
      boolean local) {
    List<Service> bearing = withInputs(services);
    List<Path> folders = folders(plan, bearing);
    if (folders.isEmpty()) {
      return Map.of();
    }
    Optional<List<String>> digests = local ? localDigests(folders) : Optional.empty();
    if (digests.isEmpty()) {
      digests = Optional.of(helperDigests(docker, plan.name(), folders, helperImage));
    }
    return combine(plan, bearing, folders, digests.get());
  }

  /** The digests as this machine sees the folders; empty when it cannot read one of them. */
  static Optional<Map<String, String>> local(HostPlan plan, List<Service> services) {
    List<Service> bearing = withInputs(services);
    List<Path> folders = folders(plan, bearing);
    return localDigests(folders).map(digests -> combine(plan, bearing, folders, digests));
  }

  private static List<Path> folders(HostPlan plan, List<Service> services) {
    HostPaths paths = HostPaths.of(plan.baseDir());
    List<Path> folders = new ArrayList<>();
    for (Service service : services) {
      for (String input : service.inputs()) {
        Path folder = paths.mountSource(service.name() + ".inputs", input, true);
        if (!folders.contains(folder)) {
          folders.add(folder);
        }
      }
    }
    return folders;
  }

  /** One digest per service over its folders' digests, in the order it names them. */
  static Map<String, String> combine(
      HostPlan plan, List<Service> services, List<Path> folders, List<String> folderDigests) {
    HostPaths paths = HostPaths.of(plan.baseDir());
    Map<String, String> byService = new LinkedHashMap<>();
    for (Service service : services) {
      StringBuilder text = new StringBuilder();
      for (String input : service.inputs()) {
        Path folder = paths.mountSource(service.name() + ".inputs", input, true);
        text.append(input).append('=').append(folderDigests.get(folders.indexOf(folder)));
        text.append('\n');
      }
      byService.put(service.name(), sha256Hex(text.toString().getBytes(StandardCharsets.UTF_8)));
    }
    return byService;
  }

  /** Empty when some folder cannot be read from here: the helper then looks. */
  static Optional<List<String>> localDigests(List<Path> folders) {
    List<String> digests = new ArrayList<>();
    for (Path folder : folders) {
      try {
        digests.add(folderDigest(folder));
      } catch (IOException | UncheckedIOException | SecurityException e) {
        return Optional.empty();
      }
    }
    return Optional.of(digests);
  }

  static String folderDigest(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return MISSING;
    }
    MessageDigest digest = sha256();
    List<String> names;
    try (Stream<Path> walk = Files.walk(folder)) {
      names =
          walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .map(p -> "./" + folder.relativize(p).toString().replace('\\', '/'))
              .sorted(InputDigest::byteOrder)
              .toList();
    }
    byte[] buffer = new byte[8192];
    for (String name : names) {
      digest.update(name.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      try (InputStream in = Files.newInputStream(folder.resolve(name.substring(2)))) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** {@code LC_ALL=C sort}: unsigned bytes of the UTF-8 form. */
  private static int byteOrder(String a, String b) {
    return java.util.Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** The helper's script: one line per folder, its digest or {@value #MISSING}. */
  static String script(int folders) {
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < folders; i++) {
      String dir = MOUNT + "/" + i;
      script
          .append("if [ -d ")
          .append(dir)
          .append(" ]; then (cd ")
          .append(dir)
          .append(" && find . -type f | LC_ALL=C sort | while IFS= read -r f; do")
          .append(" printf '%s\\000' \"$f\"; cat \"$f\"; done) | sha256sum | cut -d' ' -f1;")
          .append(" else echo ")
          .append(MISSING)
          .append("; fi\n");
    }
    return script.toString();
  }

  private static List<String> helperDigests(
      DockerClient docker, String node, List<Path> folders, String helperImage) {
    try (Helper helper = Helper.withInputs(docker, helperImage, node, folders)) {
      String out = helper.shOrFail("reading the input folders", script(folders.size())).out();
      List<String> digests = out.strip().lines().map(String::strip).toList();
      if (digests.size() != folders.size()) {
        throw new OperationalException(
            node, "unexpected answer reading the input folders: " + out.strip(), "");
      }
      return digests;
    }
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
