package dev.ephemery.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code prometheus.yml} as a document: one scrape job per target, the alert rules beside it. */
final class PrometheusConfig {
  /** A slot is 12 s: scraping at that rhythm sees every head change without wasting samples. */
  static final String SCRAPE_INTERVAL = "15s";

  private PrometheusConfig() {}

  static Map<String, Object> document(List<ScrapeTarget> targets) {
    Map<String, Object> global = new LinkedHashMap<>();
    global.put("scrape_interval", SCRAPE_INTERVAL);
    global.put("evaluation_interval", SCRAPE_INTERVAL);
    List<Map<String, Object>> jobs = new ArrayList<>();
    for (ScrapeTarget target : targets) {
      Map<String, Object> staticConfig = new LinkedHashMap<>();
      staticConfig.put("targets", List.of(target.address()));
      staticConfig.put("labels", target.labels());
      Map<String, Object> job = new LinkedHashMap<>();
      job.put("job_name", target.job());
      job.put("metrics_path", target.path());
      job.put("static_configs", List.of(staticConfig));
      jobs.add(job);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("global", global);
    // Relative to this file: promtool and Prometheus both resolve it so.
    doc.put("rule_files", List.of(MonitoringFiles.ALERTS_YML));
    doc.put("scrape_configs", jobs);
    return doc;
  }
}
