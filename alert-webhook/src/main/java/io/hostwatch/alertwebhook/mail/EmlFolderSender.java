package io.hostwatch.alertwebhook.mail;

import io.hostwatch.alertwebhook.spool.SendResult;
import io.hostwatch.common.io.AtomicFiles;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes each email to {@code <storage>/sent/<time>-<n>.eml} (temp file, fsync, rename), so {@code
 * make run} delivers somewhere visible without an SMTP server; any mail client opens the files.
 */
public final class EmlFolderSender implements MailSender {
  private final Path dir;
  private final Session session = Session.getInstance(new Properties());
  private final AtomicLong sequence = new AtomicLong();

  public EmlFolderSender(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  @Override
  public Session session() {
    return session;
  }

  @Override
  public SendResult send(MimeMessage message) {
    String name =
        String.format("%013d-%06d", System.currentTimeMillis(), sequence.incrementAndGet());
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      message.writeTo(out);
      // Fsync'd before it counts as sent: the outbox entry is finished right after this.
      AtomicFiles.write(dir.resolve(name + ".eml"), out.toByteArray());
      return SendResult.sent();
    } catch (IOException | MessagingException e) {
      return SendResult.retry("cannot write " + dir + ": " + e.getMessage(), true);
    }
  }
}
