package io.hostwatch.forecaster.export;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The forecaster's own health metrics, and the JVM's. */
public final class ServiceMetrics {
  public static final String LAST_SUCCESS = "hostwatch_forecaster_last_success_timestamp_seconds";
  public static final String AGE = "hostwatch_forecaster_forecast_age_seconds";
  public static final String RUN_DURATION = "hostwatch_forecaster_run_duration_seconds";
  public static final String SERIES_FITTED = "hostwatch_forecaster_series_fitted";
  public static final String QUERY_ERRORS = "hostwatch_forecaster_query_errors";
  public static final String POINTS_FETCHED = "hostwatch_forecaster_points_fetched";
  public static final String SERIES_ISSUES = "hostwatch_forecaster_series_issues";
  public static final String RUNS = "hostwatch_forecaster_runs";

  final PrometheusRegistry registry = new PrometheusRegistry();
  final Gauge lastSuccess;
  final Gauge runDuration;
  final Gauge seriesFitted;
  final Counter queryErrors;
  final Counter pointsFetched;
  final Counter seriesIssues;
  final Counter runs;

  public ServiceMetrics(ForecastStore store, java.util.function.LongSupplier nowMillis) {
    lastSuccess =
        Gauge.builder()
            .name(LAST_SUCCESS)
            .help("Unix time of the forecast's last successful run.")
            .labelNames("forecast")
            .register(registry);
    runDuration =
        Gauge.builder()
            .name(RUN_DURATION)
            .help("Duration of the forecast's last run (query and fits), seconds.")
            .labelNames("forecast")
            .register(registry);
    seriesFitted =
        Gauge.builder()
            .name(SERIES_FITTED)
            .help("Series forecast in the last successful run.")
            .labelNames("forecast")
            .register(registry);
    queryErrors =
        Counter.builder()
            .name(QUERY_ERRORS)
            .help("Runs whose query failed after retries; the previous forecasts stay served.")
            .labelNames("forecast")
            .register(registry);
    pointsFetched =
        Counter.builder()
            .name(POINTS_FETCHED)
            .help("Samples fetched from Prometheus.")
            .labelNames("forecast")
            .register(registry);
    seriesIssues =
        Counter.builder()
            .name(SERIES_ISSUES)
            .help("Series skipped or repaired, by reason (see the README).")
            .labelNames("forecast", "issue")
            .register(registry);
    runs =
        Counter.builder()
            .name(RUNS)
            .help("Forecast runs attempted.")
            .labelNames("forecast")
            .register(registry);
    GaugeWithCallback.builder()
        .name(AGE)
        .help("Age of the forecasts served, seconds: grows while Prometheus is unreachable.")
        .labelNames("forecast")
        .callback(
            cb -> {
              for (ForecastBatch b : store.all()) {
                cb.call((nowMillis.getAsLong() - b.completedAtMillis()) / 1000.0, b.name());
              }
            })
        .register(registry);
    JvmMetrics.builder().register(registry);
  }

  public void ran(String forecast) {
    runs.labelValues(forecast).inc();
  }

  public void succeeded(String forecast, double seconds, int series, long nowMillis) {
    lastSuccess.labelValues(forecast).set(nowMillis / 1000.0);
    runDuration.labelValues(forecast).set(seconds);
    seriesFitted.labelValues(forecast).set(series);
  }

  public void failed(String forecast, double seconds) {
    queryErrors.labelValues(forecast).inc();
    runDuration.labelValues(forecast).set(seconds);
  }

  public void fetched(String forecast, long points) {
    pointsFetched.labelValues(forecast).inc(points);
  }

  public void issue(String forecast, String issue) {
    seriesIssues.labelValues(forecast, issue).inc();
  }

  public PrometheusRegistry registry() {
    return registry;
  }
}
