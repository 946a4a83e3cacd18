package io.hostwatch.rulesgen.dashboards;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Grafana panel under construction; {@link #toJson} gives the schemaVersion 39 model. */
public final class Panel {
  static final Map<String, String> DATASOURCE =
      Map.of("type", "prometheus", "uid", "${datasource}");

  private final String title;
  private final String type;
  private final List<Map<String, Object>> targets = new ArrayList<>();
  private final Map<String, Object> defaults = new LinkedHashMap<>();
  private final List<Object> overrides = new ArrayList<>();
  private final Map<String, Object> options = new LinkedHashMap<>();
  private String description = "";
  private int w = 12;
  private int h = 8;

  private Panel(String title, String type) {
    this.title = title;
    this.type = type;
  }

  static Panel timeseries(String title) {
    return new Panel(title, "timeseries");
  }

  static Panel stat(String title) {
    return new Panel(title, "stat");
  }

  static Panel table(String title) {
    return new Panel(title, "table");
  }

  /** A full-width row header that groups the panels after it. */
  static Panel row(String title) {
    return new Panel(title, "row").size(24, 1);
  }

  static Panel stateTimeline(String title) {
    return new Panel(title, "state-timeline");
  }

  Panel size(int width, int height) {
    this.w = width;
    this.h = height;
    return this;
  }

  Panel describe(String text) {
    this.description = text;
    return this;
  }

  Panel unit(String unit) {
    defaults.put("unit", unit);
    return this;
  }

  Panel range(double min, double max) {
    defaults.put("min", min);
    defaults.put("max", max);
    return this;
  }

  Panel query(String expr, String legend) {
    return target(expr, legend, false);
  }

  Panel instant(String expr, String legend) {
    return target(expr, legend, true);
  }

  private Panel target(String expr, String legend, boolean instant) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("datasource", DATASOURCE);
    t.put("refId", String.valueOf((char) ('A' + targets.size())));
    t.put("expr", expr);
    t.put("legendFormat", legend);
    t.put("range", !instant);
    t.put("instant", instant);
    if (instant && type.equals("table")) {
      t.put("format", "table");
    }
    targets.add(t);
    return this;
  }

  /** Fixed levels drawn as lines: green below the first, then each colour from its value. */
  Panel levelLines(Map<String, Double> levels) {
    List<Object> steps = new ArrayList<>();
    steps.add(step("green", null));
    levels.forEach((colour, v) -> steps.add(step(colour, v)));
    defaults.put("thresholds", Map.of("mode", "absolute", "steps", steps));
    custom().put("thresholdsStyle", Map.of("mode", "line+area"));
    return this;
  }

  /** Draws the series of query {@code refId} dashed, for per-host levels. */
  Panel dashed(String refId) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("matcher", Map.of("id", "byFrameRefID", "options", refId));
    o.put(
        "properties",
        List.of(
            Map.of(
                "id", "custom.lineStyle", "value", Map.of("fill", "dash", "dash", List.of(10, 10))),
            Map.of("id", "custom.fillOpacity", "value", 0)));
    overrides.add(o);
    return this;
  }

  /** Maps 0/1 to down/up, for the up state timeline. */
  Panel upDown() {
    defaults.put(
        "mappings",
        List.of(
            Map.of(
                "type",
                "value",
                "options",
                Map.of(
                    "0", Map.of("text", "down", "color", "red", "index", 0),
                    "1", Map.of("text", "up", "color", "green", "index", 1)))));
    return this;
  }

  private Map<String, Object> custom() {
    @SuppressWarnings("unchecked")
    Map<String, Object> c =
        (Map<String, Object>) defaults.computeIfAbsent("custom", k -> new LinkedHashMap<>());
    return c;
  }

  private static Map<String, Object> step(String colour, Double value) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("color", colour);
    s.put("value", value);
    return s;
  }

  List<Map<String, Object>> targets() {
    return targets;
  }

  String title() {
    return title;
  }

  int width() {
    return w;
  }

  int height() {
    return h;
  }

  Map<String, Object> toJson(int id, int x, int y) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", id);
    p.put("type", type);
    p.put("title", title);
    if (type.equals("row")) {
      p.put("collapsed", false);
      p.put("gridPos", Map.of("h", h, "w", w, "x", x, "y", y));
      p.put("panels", List.of());
      p.put("targets", targets);
      return p;
    }
    p.put("description", description);
    p.put("datasource", DATASOURCE);
    p.put("gridPos", Map.of("h", h, "w", w, "x", x, "y", y));
    if (type.equals("timeseries") && !custom().containsKey("fillOpacity")) {
      custom().put("fillOpacity", 10);
    }
    p.put("fieldConfig", Map.of("defaults", defaults, "overrides", overrides));
    if (type.equals("timeseries")) {
      options.putIfAbsent(
          "legend", Map.of("displayMode", "table", "placement", "bottom", "showLegend", true));
      options.putIfAbsent("tooltip", Map.of("mode", "multi", "sort", "desc"));
    }
    p.put("options", options);
    p.put("targets", targets);
    return p;
  }
}
