package io.hostwatch.rulesgen.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.yaml.Header;
import io.hostwatch.rulesgen.yaml.YamlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code grafana/dashboards/*.json} (Grafana 10.4–11, schemaVersion 39) and the provisioning files.
 * Every dashboard has a stable uid, a {@code ${datasource}} variable (so it imports into any
 * Grafana without the {@code ${DS_PROMETHEUS}} import dance), an {@code instance} variable and
 * firing alerts from {@code ALERTS} as annotations.
 */
public final class DashboardRenderer {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** A dashboard: uid, title, the query for its instance variable, rows of panels. */
  record Dashboard(String uid, String title, String instanceQuery, List<Panel> panels) {}

  private DashboardRenderer() {}

  public static Map<String, String> render(Spec spec) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Dashboard d : Dashboards.all(spec)) {
      out.put("grafana/dashboards/" + d.uid() + ".json", json(spec, d));
    }
    out.put("grafana/provisioning/datasources/hostwatch.yaml", datasources(spec));
    out.put("grafana/provisioning/dashboards/hostwatch.yaml", providers(spec));
    return out;
  }

  static String json(Spec spec, Dashboard d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("uid", d.uid());
    m.put("title", d.title());
    m.put("description", Header.text(spec));
    m.put("tags", List.of("hostwatch", "generated"));
    m.put("schemaVersion", 39);
    m.put("version", 1);
    m.put("editable", false);
    m.put("graphTooltip", 1);
    m.put("refresh", "30s");
    m.put("time", Map.of("from", "now-6h", "to", "now"));
    m.put("timezone", "");
    m.put("templating", Map.of("list", List.of(datasourceVariable(), instanceVariable(d))));
    m.put("annotations", Map.of("list", List.of(builtInAnnotation(), alertAnnotation())));
    List<Object> panels = new ArrayList<>();
    int x = 0;
    int y = 0;
    int rowHeight = 0;
    for (int i = 0; i < d.panels().size(); i++) {
      Panel p = d.panels().get(i);
      if (x + p.width() > 24) {
        x = 0;
        y += rowHeight;
        rowHeight = 0;
      }
      panels.add(p.toJson(i + 1, x, y));
      x += p.width();
      rowHeight = Math.max(rowHeight, p.height());
    }
    m.put("panels", panels);
    try {
      return JSON.writeValueAsString(m) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> datasourceVariable() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", "datasource");
    v.put("label", "Data source");
    v.put("type", "datasource");
    v.put("query", "prometheus");
    v.put("refresh", 1);
    v.put("hide", 0);
    v.put("current", Map.of());
    v.put("options", List.of());
    v.put("regex", "");
    return v;
  }

  private static Map<String, Object> instanceVariable(Dashboard d) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", "instance");
    v.put("label", "Instance");
    v.put("type", "query");
    v.put("datasource", Panel.DATASOURCE);
    v.put("definition", d.instanceQuery());
    v.put("query", Map.of("query", d.instanceQuery(), "refId", "InstanceVariable", "qryType", 1));
    v.put("refresh", 2);
    v.put("multi", true);
    v.put("includeAll", true);
    v.put("allValue", ".*");
    v.put("current", Map.of("text", "All", "value", "$__all"));
    v.put("sort", 1);
    v.put("hide", 0);
    return v;
  }

  private static Map<String, Object> builtInAnnotation() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("builtIn", 1);
    a.put("datasource", Map.of("type", "grafana", "uid", "-- Grafana --"));
    a.put("enable", true);
    a.put("hide", true);
    a.put("iconColor", "rgba(0, 211, 255, 1)");
    a.put("name", "Annotations & Alerts");
    a.put("type", "dashboard");
    return a;
  }

  /** Firing alerts as annotation regions, from Prometheus' own ALERTS series. */
  static Map<String, Object> alertAnnotation() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", "Firing alerts");
    a.put("datasource", Panel.DATASOURCE);
    a.put("enable", true);
    a.put("hide", false);
    a.put("iconColor", "red");
    a.put("expr", "ALERTS{alertstate=\"firing\", instance=~\"$instance\"}");
    a.put("step", "60s");
    a.put("titleFormat", "{{alertname}} ({{severity}})");
    a.put("textFormat", "{{instance}} {{mountpoint}}");
    a.put("tagKeys", "alertname,severity");
    a.put("useValueForTime", false);
    return a;
  }

  static String datasources(Spec spec) {
    Map<String, Object> ds = new LinkedHashMap<>();
    ds.put("name", "Prometheus");
    ds.put("type", "prometheus");
    ds.put("uid", "hostwatch-prometheus");
    ds.put("access", "proxy");
    ds.put("url", spec.endpoints().prometheusUrl());
    ds.put("isDefault", true);
    ds.put(
        "jsonData",
        Map.of(
            "timeInterval",
            io.hostwatch.common.config.Durations.format(spec.endpoints().scrapeInterval())));
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put("apiVersion", 1);
    m.put("datasources", List.of(ds));
    return Header.yaml(spec, YamlWriter.write(m));
  }

  static String providers(Spec spec) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", "hostwatch");
    p.put("folder", "Hostwatch");
    p.put("type", "file");
    p.put("disableDeletion", false);
    p.put("allowUiUpdates", false);
    p.put("updateIntervalSeconds", 60);
    p.put("options", Map.of("path", spec.endpoints().grafanaDashboardsDir()));
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put("apiVersion", 1);
    m.put(
        YamlWriter.comment(
            "Copy grafana/dashboards/*.json to options.path (grafana_dashboards_dir)."),
        "");
    m.put("providers", List.of(p));
    return Header.yaml(spec, YamlWriter.write(m));
  }
}
