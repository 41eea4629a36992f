package dev.ephemery.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.ephemery.client.ClientProfile;
import dev.ephemery.client.ClientProfiles;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every configuration file of a node's monitoring stack, rendered from its plan with Jackson (never
 * from text templates): {@code prometheus.yml} with a scrape job per client, the alert rules,
 * Grafana's datasource and dashboard provider, and the dashboards. Keys are paths relative to
 * baseDir, which {@code up} installs under baseDir and {@code render monitoring} under its folder.
 */
public final class MonitoringFiles {
  public static final String PROMETHEUS_CONFIG = MonitoringPlan.DIR + "/prometheus/config";
  public static final String PROMETHEUS_DATA = MonitoringPlan.DIR + "/prometheus/data";
  public static final String GRAFANA_PROVISIONING = MonitoringPlan.DIR + "/grafana/provisioning";
  public static final String GRAFANA_DASHBOARDS = MonitoringPlan.DIR + "/grafana/dashboards";
  public static final String GRAFANA_DATA = MonitoringPlan.DIR + "/grafana/data";

  public static final String PROMETHEUS_YML = "prometheus.yml";
  public static final String ALERTS_YML = "alerts.yml";

  /** The folders the files go into (created by {@code up} before it writes them). */
  static final List<String> FOLDERS =
      List.of(
          MonitoringPlan.DIR,
          MonitoringPlan.DIR + "/prometheus",
          PROMETHEUS_CONFIG,
          MonitoringPlan.DIR + "/grafana",
          GRAFANA_PROVISIONING,
          GRAFANA_PROVISIONING + "/datasources",
          GRAFANA_PROVISIONING + "/dashboards",
          GRAFANA_DASHBOARDS);

  /**
   * The YAML and JSON writers, made at the first rendering: planning needs the documents and their
   * digests only, so {@code plan} and {@code check} never start Jackson's serializers.
   */
  private static final class Writers {
    static final ObjectMapper YAML =
        new ObjectMapper(
            new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  private final String node;
  private final int iteration;
  private final String stack;
  private final List<ScrapeTarget> targets;

  /** Relative path under baseDir to the document that file holds (YAML, or JSON for .json). */
  private final Map<String, Object> documents;

  private Map<String, String> files;

  private MonitoringFiles(String node, int iteration, String stack, List<ScrapeTarget> targets) {
    this.node = node;
    this.iteration = iteration;
    this.stack = stack;
    this.targets = List.copyOf(targets);
    this.documents = documents();
  }

  /** The files for a planned host; empty when it plans no monitoring. */
  public static Optional<MonitoringFiles> of(HostPlan plan) {
    if (plan.services().stream().noneMatch(s -> s.role() == Role.MONITORING)) {
      return Optional.empty();
    }
    return Optional.of(of(plan.name(), plan.iteration().number(), plan.network(), plan.services()));
  }

  /**
   * The files for a planned host whether or not it runs the stack itself: for {@code render
   * monitoring}, whose users may run their own Prometheus and Grafana.
   */
  public static MonitoringFiles forPlan(HostPlan plan) {
    return of(plan.name(), plan.iteration().number(), plan.network(), plan.services());
  }

  static MonitoringFiles of(String node, int iteration, String stack, List<Service> services) {
    return new MonitoringFiles(node, iteration, stack, targets(node, iteration, services));
  }

  /** Relative path under baseDir to the document the file holds, in a stable order. */
  Map<String, Object> documentsByPath() {
    return documents;
  }

  /** Relative path under baseDir to content, in a stable order; rendered at the first call. */
  public synchronized Map<String, String> files() {
    if (files == null) {
      Map<String, String> out = new LinkedHashMap<>();
      documents.forEach(
          (path, document) ->
              out.put(path, path.endsWith(".json") ? json(document) : yaml(document)));
      files = java.util.Collections.unmodifiableMap(out);
    }
    return files;
  }

  public List<ScrapeTarget> targets() {
    return targets;
  }

  public String node() {
    return node;
  }

  public int iteration() {
    return iteration;
  }

  String prometheusDigest() {
    return digest(PROMETHEUS_CONFIG);
  }

  String grafanaDigest() {
    return digest(GRAFANA_PROVISIONING);
  }

  /**
   * The digest of the documents under {@code folder}, taken from their content (not their rendered
   * text, which would start Jackson for every plan): a change of what a file says changes it.
   */
  private String digest(String folder) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      documents.forEach(
          (path, document) -> {
            if (path.startsWith(folder + "/")) {
              sha.update(path.getBytes(StandardCharsets.UTF_8));
              sha.update((byte) 0);
              sha.update(CanonicalText.of(document).getBytes(StandardCharsets.UTF_8));
            }
          });
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> documents() {
    Map<String, Object> out = new LinkedHashMap<>();
    Set<String> families = families();
    out.put(PROMETHEUS_CONFIG + "/" + PROMETHEUS_YML, PrometheusConfig.document(targets));
    out.put(PROMETHEUS_CONFIG + "/" + ALERTS_YML, AlertRules.document(families));
    out.put(
        GRAFANA_PROVISIONING + "/datasources/ephemery.yaml",
        GrafanaProvisioning.datasources(MonitoringPlan.prometheusName(stack)));
    out.put(
        GRAFANA_PROVISIONING + "/dashboards/ephemery.yaml",
        GrafanaProvisioning.dashboardProviders());
    for (Dashboards.Dashboard dashboard : Dashboards.forPlan(families)) {
      out.put(GRAFANA_DASHBOARDS + "/" + dashboard.uid() + ".json", dashboard.document());
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** The client families (ids) whose metrics this plan scrapes, EL first. */
  public Set<String> families() {
    Set<String> families = new LinkedHashSet<>();
    for (ScrapeTarget t : targets) {
      String role = t.labels().get("role");
      if (Role.EXECUTION.id().equals(role) || Role.CONSENSUS.id().equals(role)) {
        families.add(t.client());
      }
    }
    return families;
  }

  static List<ScrapeTarget> targets(String node, int iteration, List<Service> services) {
    List<ScrapeTarget> targets = new ArrayList<>();
    for (Service s : services) {
      if (s.runOnce()) {
        continue;
      }
      Optional<ScrapeTarget> target =
          switch (s.role()) {
            case EXECUTION, CONSENSUS, VALIDATOR ->
                profile(s.role(), s.client())
                    .map(
                        p ->
                            target(
                                s.role().id() + "-" + s.client(),
                                s,
                                p.metrics().port(),
                                p.metrics().path(),
                                node,
                                iteration));
            case SUPERVISOR ->
                Optional.of(
                    target("supervisor", s, Planner.SUPERVISOR_PORT, "/metrics", node, iteration));
            case MONITORING ->
                switch (s.client()) {
                  case "node-exporter" ->
                      Optional.of(
                          target(
                              "node-exporter",
                              s,
                              MonitoringPlan.NODE_EXPORTER_PORT,
                              "/metrics",
                              node,
                              iteration));
                  case "prometheus" ->
                      Optional.of(
                          target(
                              "prometheus",
                              s,
                              MonitoringPlan.PROMETHEUS_PORT,
                              "/metrics",
                              node,
                              iteration));
                  default -> Optional.empty();
                };
            default -> Optional.empty();
          };
      target.ifPresent(targets::add);
    }
    return targets;
  }

  private static ScrapeTarget target(
      String job, Service s, int port, String path, String node, int iteration) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("node", node);
    labels.put("client", s.client());
    labels.put("role", s.role().id());
    labels.put("iteration", Integer.toString(iteration));
    return new ScrapeTarget(job, s.name() + ":" + port, path, s.client(), labels);
  }

  static Optional<ClientProfile> profile(Role role, String client) {
    return switch (role) {
      case EXECUTION -> ExecutionClient.byId(client).map(ClientProfiles::execution);
      case CONSENSUS -> ConsensusClient.byId(client).map(ClientProfiles::beacon);
      case VALIDATOR -> ConsensusClient.byId(client).flatMap(ClientProfiles::validator);
      default -> Optional.empty();
    };
  }

  static String yaml(Object document) {
    try {
      return Writers.YAML.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render YAML", e);
    }
  }

  static String json(Object document) {
    try {
      return Writers.JSON.writeValueAsString(document) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }
}
