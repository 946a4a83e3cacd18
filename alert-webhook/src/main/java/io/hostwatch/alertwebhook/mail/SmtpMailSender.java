package io.hostwatch.alertwebhook.mail;

import io.hostwatch.alertwebhook.config.TlsMode;
import io.hostwatch.alertwebhook.spool.SendResult;
import io.hostwatch.common.web.PemFiles;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Sends through an SMTP server with Jakarta Mail (Angus). STARTTLS is required unless the config
 * says {@code tls: none}; {@code tls: tls} speaks implicit TLS (SMTPS). The connection is kept
 * between messages sent in quick succession (a burst after an outage) and reopened when idle.
 */
public final class SmtpMailSender implements MailSender {
  private static final Logger logger = Logger.getLogger(SmtpMailSender.class.getName());
  private static final long REUSE_IDLE_MILLIS = 5_000;

  private final SmtpSettings settings;
  private final Session session;
  private final String protocol;
  private Transport transport;
  private long lastUse;

  public SmtpMailSender(SmtpSettings settings) {
    this(settings, Map.of());
  }

  /**
   * @param extra further {@code mail.*} properties (tests trust GreenMail's self-signed certificate
   *     through {@code mail.smtps.ssl.trust})
   */
  public SmtpMailSender(SmtpSettings settings, Map<String, String> extra) {
    this.settings = settings;
    this.protocol = settings.tls() == TlsMode.TLS ? "smtps" : "smtp";
    Properties p = new Properties();
    String prefix = "mail." + protocol + ".";
    String millis = Long.toString(settings.timeout().toMillis());
    p.setProperty("mail.transport.protocol", protocol);
    p.setProperty(prefix + "host", settings.host());
    p.setProperty(prefix + "port", Integer.toString(settings.port()));
    p.setProperty(prefix + "connectiontimeout", millis);
    p.setProperty(prefix + "timeout", millis);
    p.setProperty(prefix + "writetimeout", millis);
    p.setProperty(prefix + "auth", Boolean.toString(settings.username() != null));
    p.setProperty(prefix + "sendpartial", "true");
    p.setProperty(prefix + "ssl.checkserveridentity", "true");
    if (settings.tls() == TlsMode.STARTTLS) {
      p.setProperty(prefix + "starttls.enable", "true");
      p.setProperty(prefix + "starttls.required", "true");
    }
    if (settings.tls() == TlsMode.TLS) {
      p.setProperty(prefix + "ssl.enable", "true");
    }
    if (settings.caFile() != null) {
      // Used for implicit TLS and for the STARTTLS upgrade alike; host names are still checked.
      p.put(prefix + "ssl.socketFactory", PemFiles.socketFactory(settings.caFile()));
    }
    extra.forEach(p::setProperty);
    this.session = Session.getInstance(p);
  }

  @Override
  public Session session() {
    return session;
  }

  @Override
  public synchronized SendResult send(MimeMessage message) {
    boolean reused = transport != null && System.currentTimeMillis() - lastUse < REUSE_IDLE_MILLIS;
    SendResult result = attempt(message, reused);
    if (reused && result.kind() == SendResult.Kind.RETRY) {
      // The server may have dropped the kept connection; one fresh try before backing off.
      result = attempt(message, false);
    }
    return result;
  }

  private SendResult attempt(MimeMessage message, boolean reuse) {
    try {
      if (!reuse) {
        closeQuietly();
        transport = session.getTransport(protocol);
        transport.connect(
            settings.host(), settings.port(), settings.username(), settings.password());
      }
      Address[] recipients = message.getAllRecipients();
      transport.sendMessage(message, recipients);
      lastUse = System.currentTimeMillis();
      return SendResult.sent();
    } catch (SendFailedException e) {
      Address[] sent = e.getValidSentAddresses();
      if (sent != null && sent.length > 0) {
        // sendpartial: the good addresses have it; retrying would send it to them twice.
        logger.warning("some recipients refused: " + SmtpErrors.describe(e));
        lastUse = System.currentTimeMillis();
        return SendResult.sent();
      }
      closeQuietly();
      return SmtpErrors.classify(e);
    } catch (MessagingException e) {
      closeQuietly();
      return SmtpErrors.classify(e);
    }
  }

  private void closeQuietly() {
    if (transport != null) {
      try {
        transport.close();
      } catch (MessagingException e) {
        // already broken
      }
      transport = null;
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }
}
