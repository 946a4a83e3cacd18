package io.hostwatch.alertwebhook.mail;

import io.hostwatch.alertwebhook.spool.SendResult;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** Where emails go: an SMTP server, or a folder of .eml files when none is configured. */
public interface MailSender extends AutoCloseable {
  /** The session messages for this sender are built in. */
  Session session();

  SendResult send(MimeMessage message);

  @Override
  default void close() {}
}
