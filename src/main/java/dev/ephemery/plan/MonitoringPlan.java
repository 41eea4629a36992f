package dev.ephemery.plan;

import dev.ephemery.client.HealthCheck;
import dev.ephemery.inventory.Host;
import dev.ephemery.inventory.MonitoringSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus, Grafana and node-exporter next to a node whose host says {@code monitoring.enabled}.
 * Pure: from the host and the node's services it gives the folders and the three containers. Their
 * configuration ({@link MonitoringFiles}) is rendered from the plan, and its digest is part of each
 * container's environment, so a changed configuration recreates the container that reads it.
 *
 * <p>Everything lives under {@code <baseDir>/monitoring}, which no reset wipe rule names (they come
 * from the client profiles and cover only client data dirs) and which {@code down --purge-data}
 * keeps unless {@code --purge-monitoring} is given.
 */
public final class MonitoringPlan {

  /** Pinned like the client images: a release tag, never {@code latest}. */
  public static final String PROMETHEUS_IMAGE = "prom/prometheus:v3.5.0";

  public static final String GRAFANA_IMAGE = "grafana/grafana:12.1.0";
  public static final String NODE_EXPORTER_IMAGE = "prom/node-exporter:v1.9.1";

  public static final int PROMETHEUS_PORT = 9090;
  public static final int GRAFANA_PORT = 3000;
  public static final int NODE_EXPORTER_PORT = 9100;

  /** Where everything of the monitoring stack lives, relative to baseDir. */
  public static final String DIR = "monitoring";

  /** The Grafana admin password's file, relative to baseDir (a SECRET path: made once, kept). */
  public static final String GRAFANA_PASSWORD = DIR + "/grafana-admin-password";

  /** uid:gid the images run as: nobody for prom/*, grafana's 472 (group root). */
  static final String PROMETHEUS_OWNER = "65534:65534";

  static final String GRAFANA_OWNER = "472:0";

  /** Where node-exporter sees baseDir, so its filesystem metrics describe the node's disk. */
  public static final String BASE_IN_NODE_EXPORTER = "/ephemery-base";

  static final String PROMETHEUS_CONFIG_IN_CONTAINER = "/etc/prometheus";
  static final String GRAFANA_PROVISIONING_IN_CONTAINER = "/etc/grafana/provisioning";
  static final String DASHBOARDS_IN_CONTAINER = "/var/lib/ephemery-dashboards";
  static final String PASSWORD_IN_CONTAINER = "/run/ephemery/grafana-admin-password";

  /** What monitoring adds to a host plan. */
  public record Addition(List<PlannedPath> paths, List<Service> services) {
    public static final Addition NONE = new Addition(List.of(), List.of());
  }

  private MonitoringPlan() {}

  /** The service names, as the node network resolves them. */
  public static String prometheusName(String stackName) {
    return stackName + "-prometheus";
  }

  public static String grafanaName(String stackName) {
    return stackName + "-grafana";
  }

  public static String nodeExporterName(String stackName) {
    return stackName + "-node-exporter";
  }

  /**
   * The monitoring stack for {@code host}, scraping {@code nodeServices} (the node's planned
   * containers, the supervisor included); nothing when the host does not enable it.
   */
  public static Addition of(Host host, int iteration, List<Service> nodeServices) {
    MonitoringSpec spec = host.monitoring();
    if (spec == null || !spec.enabled()) {
      return Addition.NONE;
    }
    String bind = spec.bind();
    String stack = host.stackName();
    List<PlannedPath> paths = new ArrayList<>();
    for (String folder : MonitoringFiles.FOLDERS) {
      paths.add(new PlannedPath(path(host, folder), PlannedPath.Kind.DIRECTORY, 0755, null));
    }
    paths.add(
        new PlannedPath(
            path(host, MonitoringFiles.PROMETHEUS_DATA),
            PlannedPath.Kind.DIRECTORY,
            0755,
            PROMETHEUS_OWNER));
    paths.add(
        new PlannedPath(
            path(host, MonitoringFiles.GRAFANA_DATA),
            PlannedPath.Kind.DIRECTORY,
            0755,
            GRAFANA_OWNER));
    paths.add(
        new PlannedPath(
            path(host, GRAFANA_PASSWORD), PlannedPath.Kind.SECRET, 0600, GRAFANA_OWNER));

    Service nodeExporter =
        service(
            host,
            iteration,
            nodeExporterName(stack),
            "node-exporter",
            NODE_EXPORTER_IMAGE,
            List.of(
                "--web.listen-address=:" + NODE_EXPORTER_PORT,
                "--collector.filesystem.mount-points-exclude=^/(dev|proc|sys|etc)($|/)"),
            new PortBinding(NODE_EXPORTER_PORT, spec.nodeExporterPort(), bind, "tcp", "metrics"),
            List.of(new Mount(host.baseDir(), BASE_IN_NODE_EXPORTER, true)),
            Map.of(),
            List.of(),
            "128m",
            HealthCheck.get(NODE_EXPORTER_PORT, "/metrics"));
    Service prometheus =
        service(
            host,
            iteration,
            prometheusName(stack),
            "prometheus",
            PROMETHEUS_IMAGE,
            List.of(
                "--config.file="
                    + PROMETHEUS_CONFIG_IN_CONTAINER
                    + "/"
                    + MonitoringFiles.PROMETHEUS_YML,
                "--storage.tsdb.path=/prometheus",
                // Three iterations of history: enough to compare a reset with the one before.
                "--storage.tsdb.retention.time=90d",
                "--web.listen-address=:" + PROMETHEUS_PORT),
            new PortBinding(PROMETHEUS_PORT, spec.prometheusPort(), bind, "tcp", "http"),
            List.of(
                new Mount(
                    path(host, MonitoringFiles.PROMETHEUS_CONFIG),
                    PROMETHEUS_CONFIG_IN_CONTAINER,
                    true),
                new Mount(path(host, MonitoringFiles.PROMETHEUS_DATA), "/prometheus", false)),
            Map.of(),
            List.of(nodeExporter.name()),
            "1g",
            HealthCheck.get(PROMETHEUS_PORT, "/-/ready"));
    Map<String, String> grafanaEnv = new LinkedHashMap<>();
    // Read from a 0600 file, never from the environment or the plan.
    grafanaEnv.put("GF_SECURITY_ADMIN_PASSWORD__FILE", PASSWORD_IN_CONTAINER);
    grafanaEnv.put("GF_AUTH_ANONYMOUS_ENABLED", "false");
    grafanaEnv.put("GF_USERS_ALLOW_SIGN_UP", "false");
    grafanaEnv.put("GF_PATHS_PROVISIONING", GRAFANA_PROVISIONING_IN_CONTAINER);
    // Nothing is fetched at start: no update checks, no plugin installs, no news feed.
    grafanaEnv.put("GF_ANALYTICS_REPORTING_ENABLED", "false");
    grafanaEnv.put("GF_ANALYTICS_CHECK_FOR_UPDATES", "false");
    grafanaEnv.put("GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES", "false");
    grafanaEnv.put("GF_PLUGINS_PREINSTALL_DISABLED", "true");
    grafanaEnv.put("GF_NEWS_NEWS_FEED_ENABLED", "false");
    Service grafana =
        service(
            host,
            iteration,
            grafanaName(stack),
            "grafana",
            GRAFANA_IMAGE,
            List.of(),
            new PortBinding(GRAFANA_PORT, spec.grafanaPort(), bind, "tcp", "http"),
            List.of(
                new Mount(
                    path(host, MonitoringFiles.GRAFANA_PROVISIONING),
                    GRAFANA_PROVISIONING_IN_CONTAINER,
                    true),
                new Mount(
                    path(host, MonitoringFiles.GRAFANA_DASHBOARDS), DASHBOARDS_IN_CONTAINER, true),
                new Mount(path(host, MonitoringFiles.GRAFANA_DATA), "/var/lib/grafana", false),
                new Mount(path(host, GRAFANA_PASSWORD), PASSWORD_IN_CONTAINER, true)),
            grafanaEnv,
            List.of(prometheus.name()),
            "512m",
            HealthCheck.get(GRAFANA_PORT, "/api/health"));

    List<Service> all = new ArrayList<>(nodeServices);
    all.add(nodeExporter);
    all.add(prometheus);
    all.add(grafana);
    MonitoringFiles files = MonitoringFiles.of(host.name(), iteration, stack, all);
    return new Addition(
        paths,
        List.of(
            nodeExporter,
            withDigest(prometheus, files.prometheusDigest()),
            withDigest(grafana, files.grafanaDigest())));
  }

  /** The environment variable that carries a container's configuration digest. */
  public static final String CONFIG_DIGEST_ENV = "EPHEMERY_CONFIG_SHA256";

  private static Service withDigest(Service s, String digest) {
    Map<String, String> env = new LinkedHashMap<>(s.env());
    env.put(CONFIG_DIGEST_ENV, digest);
    return new Service(
        s.name(),
        s.role(),
        s.client(),
        s.image(),
        s.entrypoint(),
        s.command(),
        s.ports(),
        s.mounts(),
        env,
        s.labels(),
        s.dependsOn(),
        s.runOnce(),
        s.user(),
        s.restartPolicy(),
        s.memoryLimit(),
        s.stopSignal(),
        s.health());
  }

  private static Service service(
      Host host,
      int iteration,
      String name,
      String client,
      String image,
      List<String> command,
      PortBinding port,
      List<Mount> mounts,
      Map<String, String> env,
      List<String> dependsOn,
      String memory,
      HealthCheck health) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LabelKeys.NODE, host.name());
    labels.put(LabelKeys.ROLE, Role.MONITORING.id());
    labels.put(LabelKeys.CLIENT, client);
    labels.put(LabelKeys.ITERATION, Integer.toString(iteration));
    labels.put(LabelKeys.FLAVOR, host.flavor().id());
    return new Service(
        name,
        Role.MONITORING,
        client,
        image,
        null,
        command,
        List.of(port),
        mounts,
        env,
        labels,
        dependsOn,
        false,
        null,
        "unless-stopped",
        memory,
        null,
        List.of(health));
  }

  /**
   * The plan as {@code down --purge-data} sees it unless told to purge monitoring too: without the
   * monitoring folders, so their data (Prometheus history, Grafana's database) is kept.
   */
  public static dev.ephemery.plan.HostPlan keepingItsData(dev.ephemery.plan.HostPlan plan) {
    String base = plan.baseDir().endsWith("/") ? plan.baseDir() : plan.baseDir() + "/";
    String dir = base + DIR;
    return new dev.ephemery.plan.HostPlan(
        plan.name(),
        plan.address(),
        plan.baseDir(),
        plan.iteration(),
        plan.network(),
        plan.paths().stream()
            .filter(p -> !p.path().equals(dir) && !p.path().startsWith(dir + "/"))
            .toList(),
        plan.services(),
        plan.resetOwner());
  }

  static String path(Host host, String relative) {
    String base = host.baseDir().endsWith("/") ? host.baseDir() : host.baseDir() + "/";
    return base + relative;
  }
}
