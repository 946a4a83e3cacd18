package io.hostwatch.alertwebhook.mail;

import io.hostwatch.alertwebhook.render.InlineImage;
import io.hostwatch.alertwebhook.render.RenderedEmail;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Wraps a rendered email in MIME: {@code multipart/alternative} (text, then HTML) inside {@code
 * multipart/related} when there are inline charts, so clients show the HTML with its images and
 * fall back to the text.
 */
public final class MessageBuilder {
  private MessageBuilder() {}

  /**
   * @param messageId stable per notification: a resend after a crash has the same Message-ID
   */
  public static MimeMessage build(
      Session session,
      RenderedEmail email,
      String from,
      List<String> to,
      String messageId,
      Instant date)
      throws MessagingException {
    MimeMessage message =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + messageId + "@hostwatch.alert-webhook>");
          }
        };
    message.setFrom(new InternetAddress(from, true));
    message.setRecipients(
        MimeMessage.RecipientType.TO, InternetAddress.parse(String.join(",", to), true));
    message.setSubject(email.subject(), "UTF-8");
    message.setSentDate(Date.from(date));
    message.setHeader("X-Hostwatch-Notification", messageId);

    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(email.text(), "UTF-8", "plain");
    alternative.addBodyPart(text);
    MimeBodyPart html = new MimeBodyPart();
    html.setText(email.html(), "UTF-8", "html");
    alternative.addBodyPart(html);

    if (email.images().isEmpty()) {
      message.setContent(alternative);
    } else {
      MimeMultipart related = new MimeMultipart("related");
      MimeBodyPart body = new MimeBodyPart();
      body.setContent(alternative);
      related.addBodyPart(body);
      for (InlineImage image : email.images()) {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(image.png(), "image/png")));
        part.setContentID("<" + image.contentId() + ">");
        part.setDisposition(MimeBodyPart.INLINE);
        part.setFileName(image.fileName());
        related.addBodyPart(part);
      }
      message.setContent(related);
    }
    message.saveChanges();
    return message;
  }
}
