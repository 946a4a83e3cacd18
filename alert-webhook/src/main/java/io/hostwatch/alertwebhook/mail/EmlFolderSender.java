package io.hostwatch.alertwebhook.mail;

import io.hostwatch.alertwebhook.spool.SendResult;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes each email to {@code <storage>/sent/<time>-<n>.eml} (temp file, then rename), so {@code
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
    Path tmp = dir.resolve("." + name + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        message.writeTo(out);
      }
      Files.move(tmp, dir.resolve(name + ".eml"), StandardCopyOption.ATOMIC_MOVE);
      return SendResult.sent();
    } catch (IOException | MessagingException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the retry rewrites it under a new name
      }
      return SendResult.retry("cannot write " + dir + ": " + e.getMessage(), true);
    }
  }
}
