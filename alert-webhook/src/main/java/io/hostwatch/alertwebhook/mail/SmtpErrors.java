package io.hostwatch.alertwebhook.mail;

import io.hostwatch.alertwebhook.spool.SendResult;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Sorts a Jakarta Mail failure into retryable or permanent, the SMTP way: 4xx replies and network
 * trouble are worth retrying, 5xx replies and malformed addresses are not. Authentication failures
 * are retried (the operator fixes the password; losing alerts meanwhile helps nobody).
 */
final class SmtpErrors {
  private SmtpErrors() {}

  static SendResult classify(MessagingException e) {
    String reason = describe(e);
    if (e instanceof AddressException) {
      return SendResult.permanent("bad address: " + reason);
    }
    if (e instanceof AuthenticationFailedException) {
      return SendResult.retry("SMTP authentication failed: " + reason, true);
    }
    int code = replyCode(e);
    if (code >= 500) {
      return SendResult.permanent("SMTP " + code + ": " + reason);
    }
    if (code >= 400) {
      return SendResult.retry("SMTP " + code + ": " + reason, false);
    }
    if (e instanceof SendFailedException) {
      return SendResult.permanent("rejected: " + reason);
    }
    // No reply code: connection refused, timeout, TLS handshake, STARTTLS missing.
    return SendResult.retry(reason, true);
  }

  /** The SMTP reply code carried by this exception or one it wraps, else 0. */
  static int replyCode(MessagingException e) {
    Exception current = e;
    for (int depth = 0; current != null && depth < 10; depth++) {
      if (current instanceof SMTPAddressFailedException a) {
        return a.getReturnCode();
      }
      if (current instanceof SMTPSendFailedException s) {
        return s.getReturnCode();
      }
      if (current instanceof SMTPSenderFailedException s) {
        return s.getReturnCode();
      }
      current = current instanceof MessagingException m ? m.getNextException() : null;
    }
    return 0;
  }

  static String describe(Exception e) {
    StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()).strip());
    Throwable cause = e.getCause();
    if (cause instanceof IOException && cause.getMessage() != null) {
      sb.append(" (").append(cause.getClass().getSimpleName()).append(": ");
      sb.append(cause.getMessage()).append(')');
    }
    return sb.toString().replaceAll("[\\r\\n]+", " ");
  }
}
