package io.hostwatch.rulesgen.dashboards;

import static io.hostwatch.rulesgen.dashboards.Dashboards.INSTANCE;
import static io.hostwatch.rulesgen.dashboards.Dashboards.host;
import static io.hostwatch.rulesgen.rules.Promql.series;

import io.hostwatch.rulesgen.dashboards.DashboardRenderer.Dashboard;
import io.hostwatch.rulesgen.rules.Promql;
import io.hostwatch.rulesgen.rules.RulesCatalog;
import io.hostwatch.rulesgen.spec.Kind;
import io.hostwatch.rulesgen.spec.Matcher;
import io.hostwatch.rulesgen.spec.Spec;
import io.hostwatch.rulesgen.stack.ForecasterConfigRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Forecast dashboard: each forecast the forecaster serves (CPU busy, memory used, free disk)
 * beside the series it forecasts, then time until full, anomaly scores and models.
 */
public final class ForecastDashboard {
  private static final Matcher H1 = Matcher.eq("horizon", "1h");

  private ForecastDashboard() {}

  static Dashboard forecast(Spec spec) {
    List<Panel> p = new ArrayList<>();
    for (Kind k : ForecasterConfigRenderer.PERCENT_FORECASTS) {
      p.add(percent(spec, k));
    }
    p.add(
        withForecast(
            Panel.timeseries("Disk available: actual vs forecast made 1h earlier")
                .size(24, 9)
                .unit("bytes")
                .query(
                    host(spec, "node_filesystem_avail_bytes", Promql.PSEUDO_FS),
                    "{{instance}} {{mountpoint}} actual"),
            RulesCatalog.DISK_FORECAST,
            "{{instance}} {{mountpoint}}"));
    Matcher disk = Matcher.eq("forecast", RulesCatalog.DISK_FORECAST);
    p.add(
        Panel.timeseries("Time until full")
            .unit("s")
            .describe(
                "The forecaster's estimate; where it has none, the guarded linear estimate the alert falls back to.")
            .query(
                series(RulesCatalog.TIME_TO_FULL, List.of(disk, INSTANCE)),
                "{{instance}} {{mountpoint}} forecaster")
            .query(
                host(spec, "node_filesystem_avail_bytes", Promql.PSEUDO_FS)
                    + " / (-deriv("
                    + host(spec, "node_filesystem_avail_bytes", Promql.PSEUDO_FS)
                    + "[6h])) >= 0",
                "{{instance}} {{mountpoint}} linear"));
    p.add(
        Panel.timeseries("Anomalies")
            .query(
                series("hostwatch_forecast_anomaly_score", List.of(INSTANCE)),
                "{{forecast}} {{instance}} {{mountpoint}}"));
    p.add(
        Panel.table("Forecast models")
            .instant(series("hostwatch_forecast_model_info", List.of(INSTANCE)), ""));
    return new Dashboard(
        "hostwatch-forecast", "Hostwatch / Forecast", Dashboards.hostQuery(spec), p);
  }

  /** CPU busy or memory used per host against its forecast, with the file's levels as lines. */
  private static Panel percent(Spec spec, Kind k) {
    Panel panel =
        Panel.timeseries(k.what() + " %: actual vs forecast made 1h earlier")
            .unit("percent")
            .range(0, 100)
            .query(host(spec, k.recordedSeries()), "{{instance}} actual");
    Map<String, Double> levels = Dashboards.levelColours(spec, k);
    if (!levels.isEmpty()) {
      panel.levelLines(levels);
    }
    return withForecast(panel, k.forecastName(), "{{instance}}");
  }

  /**
   * Adds the forecast {@code name}'s 1h prediction and its band, each drawn at the time it was for
   * ({@code offset 1h}) so it lies on the actual series it predicted; the band edges dashed.
   */
  private static Panel withForecast(Panel panel, String name, String legend) {
    List<Matcher> m = List.of(Matcher.eq("forecast", name), H1, INSTANCE);
    return panel
        .describe(
            "The forecaster's 1h prediction drawn at the time it was for (offset 1h), with its"
                + " band (dashed).")
        .query(series("hostwatch_forecast", m) + " offset 1h", legend + " forecast")
        .query(series("hostwatch_forecast_lower", m) + " offset 1h", legend + " lower")
        .query(series("hostwatch_forecast_upper", m) + " offset 1h", legend + " upper")
        .dashed("C")
        .dashed("D");
  }
}
