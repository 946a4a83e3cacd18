package io.hostwatch.alertwebhook;

import io.hostwatch.alertwebhook.mail.EmailDelivery;
import io.hostwatch.alertwebhook.mail.EmlFolderSender;
import io.hostwatch.alertwebhook.mail.MailSender;
import io.hostwatch.alertwebhook.mail.RecipientRouter;
import io.hostwatch.alertwebhook.mail.SmtpMailSender;
import io.hostwatch.alertwebhook.mail.SmtpSettings;
import io.hostwatch.alertwebhook.receiver.AlertHandler;
import io.hostwatch.alertwebhook.spool.Backoff;
import io.hostwatch.alertwebhook.spool.DedupStore;
import io.hostwatch.alertwebhook.spool.DeliveryWorker;
import io.hostwatch.alertwebhook.spool.Outbox;
import io.hostwatch.common.cli.Commands;
import io.hostwatch.common.cli.DurationConverter;
import io.hostwatch.common.cli.LogLevelConverter;
import io.hostwatch.common.cli.UntilSigterm;
import io.hostwatch.common.cli.VersionProvider;
import io.hostwatch.common.config.ConfigException;
import io.hostwatch.common.log.Logging;
import io.hostwatch.common.web.ListenAddress;
import io.hostwatch.common.web.WebServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of {@code alert-webhook}: parses flags and wires the parts. */
@Command(
    name = "alert-webhook",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = PreviewCommand.class,
    description = "Receives Alertmanager webhooks and delivers them as email, never losing one.")
public final class Main implements Callable<Integer> {
  private static final Logger logger = Logger.getLogger(Main.class.getName());

  @Option(
      names = "--web.listen-address",
      defaultValue = ":9112",
      description =
          "Address to listen on for webhooks, health and metrics (default: ${DEFAULT-VALUE}).")
  String listenAddress;

  @Option(
      names = "--web.config.file",
      description = "Web config file (TLS, basic auth, bearer tokens), exporter-toolkit format.")
  Path webConfigFile;

  @Option(
      names = "--config.file",
      description = "alert-webhook.yml: SMTP, routes, links, templates.")
  Path configFile;

  @Option(
      names = "--storage.path",
      defaultValue = "data/alert-webhook",
      description = "Outbox, dead letters, dedup state and .eml files (default: ${DEFAULT-VALUE}).")
  Path storagePath;

  // Hidden: a tuning knob and a test hook (a tiny size makes every request start a segment).
  @Option(
      names = "--storage.segment-size",
      hidden = true,
      defaultValue = "" + Outbox.DEFAULT_SEGMENT_BYTES,
      description = "Outbox journal segment size in bytes (default: ${DEFAULT-VALUE}).")
  long segmentBytes;

  @Option(
      names = "--log.level",
      defaultValue = "info",
      converter = LogLevelConverter.class,
      description = "debug, info, warn or error (default: ${DEFAULT-VALUE}).")
  Logging.LogLevel logLevel;

  @Option(
      names = "--web.max-request-bytes",
      defaultValue = "4194304",
      description =
          "Largest webhook body accepted; larger ones get 413 (default: ${DEFAULT-VALUE}).")
  long maxRequestBytes;

  @Option(
      names = "--dedup.window",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description =
          "How long a sent notification suppresses identical ones (default: ${DEFAULT-VALUE}).")
  Duration dedupWindow;

  @Option(
      names = "--delivery.backoff-initial",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "First retry delay, doubled per failure (default: ${DEFAULT-VALUE}).")
  Duration backoffInitial;

  @Option(
      names = "--delivery.backoff-max",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description = "Longest retry delay (default: ${DEFAULT-VALUE}).")
  Duration backoffMax;

  @Option(
      names = "--delivery.give-up-after",
      defaultValue = "3d",
      converter = DurationConverter.class,
      description =
          "Dead-letter a notification still failing this long after receipt (default: ${DEFAULT-VALUE}).")
  Duration giveUpAfter;

  @Option(
      names = "--prometheus.timeout",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description =
          "Timeout of the chart query; on expiry the email goes without chart (default: ${DEFAULT-VALUE}).")
  Duration chartTimeout;

  @Override
  public Integer call() throws Exception {
    Logging.configure(logLevel, System.err);
    System.setProperty("java.awt.headless", "true");
    Setup setup = Setup.load(configFile, System.getenv());
    Backoff backoff = backoff();
    ListenAddress address = listenAddress();
    Files.createDirectories(storagePath);
    Clock clock = Clock.systemUTC();
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    WebhookMetrics metrics = new WebhookMetrics(registry);
    Outbox outbox = new Outbox(storagePath, segmentBytes);
    metrics.outboxDepth(outbox::depth);
    DedupStore dedup = new DedupStore(storagePath, dedupWindow, clock);
    MailSender sender = sender(setup);
    String from = setup.smtp.map(SmtpSettings::from).orElse("alert-webhook@localhost");
    List<String> defaultTo =
        RecipientRouter.defaultRecipients(setup.config.defaultTo(), System.getenv());
    if (defaultTo.isEmpty() && setup.smtp.isEmpty()) {
      // Out of the box (make run): the .eml files need some address; nothing leaves the host.
      defaultTo = List.of("alerts@localhost");
    }
    EmailDelivery delivery =
        new EmailDelivery(
            setup.composer(chartTimeout, clock, metrics),
            new RecipientRouter(setup.config.routes(), defaultTo),
            sender,
            from,
            metrics,
            clock);
    DeliveryWorker worker =
        new DeliveryWorker(outbox, dedup, delivery, metrics, backoff, giveUpAfter, clock);
    worker.start();
    AlertHandler handler = new AlertHandler(outbox, maxRequestBytes, metrics, worker::wake, clock);
    WebServer server =
        WebServer.builder("alert-webhook")
            .listenAddress(address)
            .webConfigFile(webConfigFile)
            .selfLimitedRoute("/alert", handler)
            .route("/metrics", new MetricsHandler(registry))
            .readiness(() -> Files.isDirectory(outbox.directory()))
            .threads(8)
            .start();
    logger.info(
        "listening on "
            + server.scheme()
            + "://"
            + address.host()
            + ":"
            + server.port()
            + ", storage "
            + storagePath.toAbsolutePath()
            + ", mail "
            + setup.smtp.map(Object::toString).orElse("to " + storagePath.resolve("sent")));
    return UntilSigterm.await(
        logger,
        () -> {
          logger.info("finishing the mail in flight");
          server.stop(1);
          try {
            worker.stop(Duration.ofSeconds(30));
            dedup.close();
            outbox.close();
          } finally {
            sender.close();
          }
        });
  }

  private MailSender sender(Setup setup) throws java.io.IOException, ConfigException {
    if (setup.smtp.isPresent()) {
      try {
        return new SmtpMailSender(setup.smtp.get());
      } catch (IllegalArgumentException e) { // ca_file changed since it was checked
        String file = configFile == null ? "environment" : configFile.toString();
        throw new ConfigException(
            new io.hostwatch.common.config.ConfigError(file, 0, 0, "smtp.ca_file", e.getMessage()));
      }
    }
    return new EmlFolderSender(storagePath.resolve("sent"));
  }

  private Backoff backoff() throws ConfigException {
    try {
      return new Backoff(backoffInitial, backoffMax);
    } catch (IllegalArgumentException e) {
      throw usage("--delivery.backoff-initial/--delivery.backoff-max: " + e.getMessage());
    }
  }

  private ListenAddress listenAddress() throws ConfigException {
    try {
      return ListenAddress.parse(listenAddress);
    } catch (IllegalArgumentException e) {
      throw usage("--web.listen-address: " + e.getMessage());
    }
  }

  private static ConfigException usage(String message) {
    return new ConfigException(
        new io.hostwatch.common.config.ConfigError("flags", 0, 0, "", message));
  }

  /** The command line as {@code main} and the tests use it. */
  static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
    return Commands.configure(new CommandLine(new Main()), out, err);
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(newCommandLine(out, err).execute(args));
  }
}
