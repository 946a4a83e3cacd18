package io.hostwatch.alertwebhook.mail;

import io.hostwatch.alertwebhook.WebhookMetrics;
import io.hostwatch.alertwebhook.receiver.Notification;
import io.hostwatch.alertwebhook.render.EmailComposer;
import io.hostwatch.alertwebhook.render.RenderedEmail;
import io.hostwatch.alertwebhook.spool.Deliverer;
import io.hostwatch.alertwebhook.spool.OutboxEntry;
import io.hostwatch.alertwebhook.spool.SendResult;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.List;

/** The worker's {@link Deliverer}: recipients, compose, MIME, send, count. */
public final class EmailDelivery implements Deliverer {
  private final EmailComposer composer;
  private final RecipientRouter router;
  private final MailSender sender;
  private final String from;
  private final WebhookMetrics metrics;
  private final Clock clock;

  public EmailDelivery(
      EmailComposer composer,
      RecipientRouter router,
      MailSender sender,
      String from,
      WebhookMetrics metrics,
      Clock clock) {
    this.composer = composer;
    this.router = router;
    this.sender = sender;
    this.from = from;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public SendResult deliver(OutboxEntry entry, Notification notification, String messageId) {
    List<String> to = router.recipients(entry.receiverPath(), notification);
    if (to.isEmpty()) {
      return SendResult.permanent(
          "no recipients: no route matches and neither default_to nor EMAIL_TO is set");
    }
    RenderedEmail email = composer.compose(notification, entry.receiverPath());
    MimeMessage message;
    try {
      message = MessageBuilder.build(sender.session(), email, from, to, messageId, clock.instant());
    } catch (AddressException e) {
      return SendResult.permanent(
          "bad address in " + to + " or from " + from + ": " + e.getMessage());
    } catch (MessagingException e) {
      return SendResult.retry("cannot build the message: " + e.getMessage(), false);
    }
    long start = System.nanoTime();
    SendResult result = sender.send(message);
    if (result.kind() == SendResult.Kind.SENT) {
      metrics.sent((System.nanoTime() - start) / 1e9);
    }
    return result;
  }
}
