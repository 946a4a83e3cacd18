package io.hostwatch.alertwebhook;

import io.hostwatch.alertwebhook.mail.MessageBuilder;
import io.hostwatch.alertwebhook.mail.RecipientRouter;
import io.hostwatch.alertwebhook.mail.SmtpSettings;
import io.hostwatch.alertwebhook.receiver.BadPayloadException;
import io.hostwatch.alertwebhook.receiver.Notification;
import io.hostwatch.alertwebhook.receiver.PayloadParser;
import io.hostwatch.alertwebhook.render.InlineImage;
import io.hostwatch.alertwebhook.render.RenderedEmail;
import io.hostwatch.alertwebhook.spool.DedupKey;
import io.hostwatch.common.cli.ExitCodes;
import io.hostwatch.common.config.ConfigError;
import io.hostwatch.common.config.ConfigException;
import io.hostwatch.common.io.AtomicFiles;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code alert-webhook preview --payload FILE --output DIR}: renders a webhook payload the way the
 * service would (templates, chart if Prometheus answers) into {@code subject.txt}, {@code
 * email.html}, {@code email.txt} and {@code email.eml}, sending nothing.
 */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    description = "Render a webhook payload to subject, HTML, text and .eml without sending.")
final class PreviewCommand implements Callable<Integer> {
  @ParentCommand Main parent;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--payload", required = true, description = "Alertmanager webhook JSON file.")
  Path payload;

  @Option(names = "--output", required = true, description = "Folder to write the files to.")
  Path output;

  @Option(
      names = "--receiver",
      defaultValue = "",
      description = "Receiver name, as in /alert/<receiver>.")
  String receiver;

  @Override
  public Integer call() throws Exception {
    System.setProperty("java.awt.headless", "true");
    io.hostwatch.common.log.Logging.configure(
        io.hostwatch.common.log.Logging.LogLevel.WARN, System.err);
    Setup setup = Setup.load(parent.configFile, System.getenv());
    Notification n;
    try {
      n = PayloadParser.parse(Files.readAllBytes(payload));
    } catch (IOException e) {
      throw new ConfigException(
          new ConfigError(payload.toString(), 0, 0, "", "cannot read: " + e.getMessage()));
    } catch (BadPayloadException e) {
      throw new ConfigException(new ConfigError(payload.toString(), 0, 0, "", e.getMessage()));
    }
    WebhookMetrics metrics = new WebhookMetrics(new PrometheusRegistry());
    Clock clock = Clock.systemUTC();
    RenderedEmail email =
        setup.composer(Duration.ofSeconds(2), clock, metrics).compose(n, receiver);
    List<String> to =
        new RecipientRouter(
                setup.config.routes(),
                RecipientRouter.defaultRecipients(setup.config.defaultTo(), System.getenv()))
            .recipients(receiver, n);
    String from = setup.smtp.map(SmtpSettings::from).orElse("alert-webhook@localhost");
    MimeMessage message =
        MessageBuilder.build(
            Session.getInstance(new Properties()),
            email,
            from,
            to.isEmpty() ? List.of("nobody@localhost") : to,
            DedupKey.of(receiver, n),
            clock.instant());
    ByteArrayOutputStream eml = new ByteArrayOutputStream();
    message.writeTo(eml);
    Files.createDirectories(output);
    write("subject.txt", (email.subject() + "\n").getBytes(StandardCharsets.UTF_8));
    write("email.html", email.html().getBytes(StandardCharsets.UTF_8));
    write("email.txt", email.text().getBytes(StandardCharsets.UTF_8));
    for (InlineImage image : email.images()) {
      write(image.fileName(), image.png());
    }
    write("email.eml", eml.toByteArray());
    spec.commandLine()
        .getOut()
        .println("wrote " + output.resolve("email.eml") + ": " + email.subject());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /** Temp file then rename: nothing half-written. */
  private void write(String name, byte[] bytes) throws IOException {
    AtomicFiles.write(output.resolve(name), bytes);
  }
}
