package dev.ephemery.runtime.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.MonitoringFiles;
import dev.ephemery.plan.Mount;
import dev.ephemery.plan.PlanHash;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.plan.PortBinding;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.Labels;
import dev.ephemery.runtime.ReleaseCopy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Exports one host's plan as a docker-compose.yaml in a folder that plays the host's baseDir: the
 * paths the plan puts under baseDir become relative to the compose file, and the release files are
 * copied in. The JWT secret is not: whoever runs the compose file creates it (the header says how),
 * so a secret never travels inside an export.
 */
public final class ComposeRenderer {
  public static final String FILE_NAME = "docker-compose.yaml";
  static final String NETWORK_KEY = "node";
  static final String STOP_GRACE = "60s";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

  /** The compose file's text: a header with the setup steps, then the services. */
  public String render(HostPlan plan) {
    try {
      return header(plan) + YAML.writeValueAsString(document(plan));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the compose file and a copy of the release folder into {@code out}; returns the files
   * written. Existing data in {@code out} (data dirs, a JWT) is left alone.
   */
  public List<Path> write(HostPlan plan, Path releaseDir, Path out) throws IOException {
    Files.createDirectories(out);
    List<Path> written = new ArrayList<>();
    for (PlannedPath path : plan.paths()) {
      if (path.kind() == PlannedPath.Kind.RELEASE_FILES) {
        Path target = out.resolve(relative(plan, path.path()));
        written.addAll(copyRelease(releaseDir, target));
      }
    }
    written.addAll(writeMonitoring(plan, out));
    Path compose = out.resolve(FILE_NAME);
    Files.writeString(compose, render(plan));
    written.add(compose);
    return written;
  }

  /**
   * The monitoring stack's configuration, rendered from the plan, at the paths the compose file
   * mounts (relative to {@code out}, as under baseDir); nothing when the plan has no monitoring.
   */
  public static List<Path> writeMonitoring(HostPlan plan, Path out) throws IOException {
    List<Path> written = new ArrayList<>();
    Optional<MonitoringFiles> files = MonitoringFiles.of(plan);
    if (files.isPresent()) {
      for (Map.Entry<String, String> file : files.get().files().entrySet()) {
        Path target = out.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue());
        written.add(target);
      }
    }
    return written;
  }

  Map<String, Object> document(HostPlan plan) {
    Map<String, Object> services = new LinkedHashMap<>();
    for (Service service : plan.services()) {
      // The supervisor runs from the tool's jar, which only 'ephemery up' puts on the host.
      if (service.role() != dev.ephemery.plan.Role.SUPERVISOR) {
        services.put(service.name(), service(plan, service));
      }
    }
    Map<String, Object> network = new LinkedHashMap<>();
    network.put("name", plan.network());
    // The labels up gives the network it creates: with them up takes over a node deployed from
    // this file instead of refusing the network as someone else's.
    network.put("labels", Labels.forNetwork(plan));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("services", services);
    doc.put("networks", Map.of(NETWORK_KEY, network));
    return doc;
  }

  private Map<String, Object> service(HostPlan plan, Service service) {
    Map<String, Object> yaml = new LinkedHashMap<>();
    yaml.put("image", service.image());
    yaml.put("container_name", service.name());
    if (service.entrypoint() != null) {
      yaml.put("entrypoint", escape(service.entrypoint()));
    }
    yaml.put("command", escape(service.command()));
    if (service.user() != null) {
      yaml.put("user", service.user());
    }
    if (!service.env().isEmpty()) {
      Map<String, String> env = new LinkedHashMap<>();
      service.env().forEach((k, v) -> env.put(k, v.replace("$", "$$")));
      yaml.put("environment", env);
    }
    List<String> ports = new ArrayList<>();
    for (PortBinding port : service.ports()) {
      if (port.host() != null) {
        ports.add(port.bind() + ":" + port.host() + ":" + port.container() + "/" + port.protocol());
      }
    }
    if (!ports.isEmpty()) {
      yaml.put("ports", ports);
    }
    List<String> expose = new ArrayList<>();
    for (PortBinding port : service.ports()) {
      if (port.host() == null) {
        expose.add(port.container() + "/" + port.protocol());
      }
    }
    if (!expose.isEmpty()) {
      yaml.put("expose", expose);
    }
    List<Map<String, Object>> volumes = new ArrayList<>();
    for (Mount mount : service.mounts()) {
      Map<String, Object> volume = new LinkedHashMap<>();
      volume.put("type", "bind");
      volume.put("source", source(plan, mount.source()));
      volume.put("target", mount.target());
      volume.put("read_only", mount.readOnly());
      volumes.add(volume);
    }
    yaml.put("volumes", volumes);
    Map<String, String> labels = new LinkedHashMap<>(service.labels());
    // The hash up computes, so up finds a node deployed from this file current.
    labels.put(LabelKeys.PLAN_HASH, PlanHash.of(plan, service));
    yaml.put("labels", labels);
    yaml.put("networks", List.of(NETWORK_KEY));
    if (!service.dependsOn().isEmpty()) {
      Map<String, Object> dependsOn = new LinkedHashMap<>();
      for (String name : service.dependsOn()) {
        boolean init =
            plan.service(name).map(s -> s.runOnce() || s.role() == Role.INIT).orElse(false);
        dependsOn.put(
            name, Map.of("condition", init ? "service_completed_successfully" : "service_started"));
      }
      yaml.put("depends_on", dependsOn);
    }
    yaml.put("restart", service.restartPolicy());
    if (service.memoryLimit() != null) {
      yaml.put("mem_limit", service.memoryLimit());
    }
    if (service.stopSignal() != null) {
      yaml.put("stop_signal", service.stopSignal());
    }
    // Databases flush on shutdown: give them longer than Docker's 10 s.
    yaml.put("stop_grace_period", STOP_GRACE);
    return yaml;
  }

  /** Compose interpolates ${...}: a literal $ in an argument must be written $$. */
  private static List<String> escape(List<String> args) {
    return args.stream().map(a -> a.replace("$", "$$")).toList();
  }

  private static String source(HostPlan plan, String hostPath) {
    String relative = relative(plan, hostPath);
    return relative.equals(hostPath) ? hostPath : "./" + relative;
  }

  /** A path under the plan's baseDir, relative to it; any other path unchanged. */
  static String relative(HostPlan plan, String hostPath) {
    String base = plan.baseDir().endsWith("/") ? plan.baseDir() : plan.baseDir() + "/";
    return hostPath.startsWith(base) ? hostPath.substring(base.length()) : hostPath;
  }

  private static String header(HostPlan plan) {
    StringBuilder text = new StringBuilder();
    text.append("# Ephemery node ")
        .append(plan.name())
        .append(", iteration ")
        .append(plan.iteration())
        .append(". Generated by `ephemery render compose`: edit the inventory, not this file.\n");
    if (plan.services().stream().anyMatch(s -> s.role() == dev.ephemery.plan.Role.SUPERVISOR)) {
      text.append(
          "# The on-host supervisor is not in this file: 'ephemery up' starts it, or run"
              + " 'ephemery run' yourself.\n");
    }
    text.append("# Before `docker compose up -d`, in this folder:\n");
    for (PlannedPath path : plan.paths()) {
      String relative = relative(plan, path.path());
      if (relative.equals(path.path()) || path.kind() == PlannedPath.Kind.RELEASE_FILES) {
        continue;
      }
      switch (path.kind()) {
        case DIRECTORY ->
            text.append("#   mkdir -p ")
                .append(relative)
                .append(" && chmod ")
                .append(Integer.toOctalString(path.mode()))
                .append(' ')
                .append(relative);
        case JWT_SECRET ->
            text.append("#   test -s ")
                .append(relative)
                .append(" || (umask 077 && openssl rand -hex 32 | tr -d '\\n' > ")
                .append(relative)
                .append(")  # the Engine API secret, shared by EL and CL, mode 0600");
        case SECRET ->
            text.append("#   test -s ")
                .append(relative)
                .append(" || (umask 077 && openssl rand -hex 32 | tr -d '\\n' > ")
                .append(relative)
                .append(")  # a password kept across resets (prysm's wallet, Grafana's admin),")
                .append(" mode 0600");
        default -> {
          continue;
        }
      }
      if (path.owner() != null) {
        text.append(" && sudo chown ").append(path.owner()).append(' ').append(relative);
      }
      text.append('\n');
    }
    if (plan.resetOwner() == HostPlan.ResetOwner.WRAPPER) {
      text.append("# The pk910 wrapper images fetch each release and reset themselves.\n");
    } else {
      text.append("# At each reset (every iteration) this export goes stale: render it again.\n");
    }
    return text.toString();
  }

  private static List<Path> copyRelease(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      throw new IOException("release folder not found: " + from);
    }
    Files.createDirectories(to);
    List<Path> copied = new ArrayList<>();
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isSymbolicLink(file)) {
          continue; // a release holds plain files only; never follow a link out of it
        }
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
          copied.add(target);
        }
      }
    }
    // The files clients need beside the release's (prysm's config), as up copies them.
    for (Path derived : ReleaseCopy.writeDerived(from, to)) {
      if (!copied.contains(derived)) {
        copied.add(derived);
      }
    }
    return copied;
  }
}
