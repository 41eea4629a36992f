package dev.ephemery.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Grafana's provisioning files: the Prometheus datasource and the dashboards provider. */
public final class GrafanaProvisioning {
  /** Every dashboard panel names this uid: one fixed datasource, never "the default one". */
  public static final String DATASOURCE_UID = "ephemery-prometheus";

  public static final String DATASOURCE_TYPE = "prometheus";

  private GrafanaProvisioning() {}

  static Map<String, Object> datasources(String prometheusService) {
    Map<String, Object> ds = new LinkedHashMap<>();
    ds.put("name", "Prometheus");
    ds.put("uid", DATASOURCE_UID);
    ds.put("type", DATASOURCE_TYPE);
    ds.put("access", "proxy");
    ds.put("url", "http://" + prometheusService + ":" + MonitoringPlan.PROMETHEUS_PORT);
    ds.put("isDefault", true);
    ds.put("editable", false);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", 1);
    doc.put("datasources", List.of(ds));
    return doc;
  }

  static Map<String, Object> dashboardProviders() {
    Map<String, Object> provider = new LinkedHashMap<>();
    provider.put("name", "ephemery");
    provider.put("folder", "Ephemery");
    provider.put("type", "file");
    provider.put("disableDeletion", true);
    provider.put("allowUiUpdates", false);
    // A new tool version's dashboards appear without a restart.
    provider.put("updateIntervalSeconds", 60);
    provider.put("options", OrderedMap.of("path", MonitoringPlan.DASHBOARDS_IN_CONTAINER));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", 1);
    doc.put("providers", List.of(provider));
    return doc;
  }
}
