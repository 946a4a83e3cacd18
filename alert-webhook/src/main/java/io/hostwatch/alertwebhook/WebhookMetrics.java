package io.hostwatch.alertwebhook;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.IntSupplier;

/**
 * The alert-webhook's own metrics, one instance per registry. Every failing part is counted here
 * rather than being fatal (house style, after node_exporter's scrape_collector_success).
 */
public final class WebhookMetrics {
  static final String PREFIX = "hostwatch_alert_webhook_";
  public static final String RECEIVED = PREFIX + "notifications_received_total";
  public static final String REJECTED = PREFIX + "notifications_rejected_total";
  public static final String QUEUED = PREFIX + "notifications_queued_total";
  public static final String SENT = PREFIX + "emails_sent_total";
  public static final String RETRIED = PREFIX + "send_retries_total";
  public static final String FAILED = PREFIX + "send_failures_total";
  public static final String DEAD_LETTERED = PREFIX + "notifications_dead_lettered_total";
  public static final String DEDUPLICATED = PREFIX + "notifications_deduplicated_total";
  public static final String RESENT_AFTER_CRASH = PREFIX + "notifications_resent_after_crash_total";
  public static final String RENDER_ERRORS = PREFIX + "render_errors_total";
  public static final String CHART_ERRORS = PREFIX + "chart_errors_total";
  public static final String SEND_DURATION = PREFIX + "send_duration_seconds";
  public static final String OUTBOX_DEPTH = PREFIX + "outbox_depth";

  private final PrometheusRegistry registry;
  private final Counter received;
  private final Counter rejected;
  private final Counter queued;
  private final Counter sent;
  private final Counter retried;
  private final Counter failed;
  private final Counter deadLettered;
  private final Counter deduplicated;
  private final Counter resentAfterCrash;
  private final Counter renderErrors;
  private final Counter chartErrors;
  private final Histogram sendDuration;

  public WebhookMetrics(PrometheusRegistry registry) {
    this.registry = registry;
    received = counter(RECEIVED, "Webhook requests received on /alert.");
    rejected =
        Counter.builder()
            .name(REJECTED)
            .help("Webhook requests refused, by HTTP status (400 malformed, 413 too large, 503).")
            .labelNames("code")
            .register(registry);
    queued = counter(QUEUED, "Notifications written durably to the outbox (acknowledged).");
    sent = counter(SENT, "Emails accepted by the SMTP server (or written to the .eml folder).");
    retried = counter(RETRIED, "Delivery attempts that failed with a retryable error.");
    failed =
        Counter.builder()
            .name(FAILED)
            .help("Failed delivery attempts, by kind (retryable, permanent).")
            .labelNames("kind")
            .register(registry);
    deadLettered = counter(DEAD_LETTERED, "Notifications moved to the dead-letter folder.");
    deduplicated = counter(DEDUPLICATED, "Notifications dropped as duplicates of a sent one.");
    resentAfterCrash =
        counter(
            RESENT_AFTER_CRASH,
            "Notifications sent again because a crash hid whether the first send succeeded.");
    renderErrors = counter(RENDER_ERRORS, "Template errors; the built-in template was used.");
    chartErrors = counter(CHART_ERRORS, "Charts left out because Prometheus could not be queried.");
    sendDuration =
        Histogram.builder()
            .name(SEND_DURATION)
            .help("Time to hand one email to the SMTP server.")
            .classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
            .register(registry);
  }

  private Counter counter(String name, String help) {
    return Counter.builder().name(name).help(help).register(registry);
  }

  /** Registers the outbox depth gauge, read at scrape time. */
  public void outboxDepth(IntSupplier depth) {
    GaugeWithCallback.builder()
        .name(OUTBOX_DEPTH)
        .help("Notifications waiting in the outbox.")
        .callback(cb -> cb.call(depth.getAsInt()))
        .register(registry);
  }

  public void received() {
    received.inc();
  }

  public void rejected(int code) {
    rejected.labelValues(Integer.toString(code)).inc();
  }

  public void queued() {
    queued.inc();
  }

  public void sent(double seconds) {
    sent.inc();
    sendDuration.observe(seconds);
  }

  public void retryableFailure() {
    retried.inc();
    failed.labelValues("retryable").inc();
  }

  public void permanentFailure() {
    failed.labelValues("permanent").inc();
  }

  public void deadLettered() {
    deadLettered.inc();
  }

  public void deduplicated() {
    deduplicated.inc();
  }

  public void resentAfterCrash() {
    resentAfterCrash.inc();
  }

  public void renderError() {
    renderErrors.inc();
  }

  public void chartError() {
    chartErrors.inc();
  }
}
