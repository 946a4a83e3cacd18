package io.hostwatch.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.hostwatch.common.testing.FreePorts;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The GreenMail SMTP server the fleet's alert-webhook delivers to, and what its emails say. */
final class FleetMailbox implements AutoCloseable {
  private final GreenMail mail;

  FleetMailbox() {
    ServerSetup setup = new ServerSetup(FreePorts.next(), "127.0.0.1", "smtp");
    setup.setServerStartupTimeout(30_000); // the machine is shared
    mail = new GreenMail(setup);
    mail.start();
  }

  int port() {
    return mail.getSmtp().getPort();
  }

  /** How many emails have arrived. */
  int count() {
    return mail.getReceivedMessages().length;
  }

  /** The HostDown emails from the {@code from}th on that name one of {@code hosts}. */
  List<AlertMail> hostDown(int from, Set<String> hosts) throws Exception {
    MimeMessage[] all = mail.getReceivedMessages();
    return AlertMail.of(Arrays.copyOfRange(all, from, all.length), "HostDown").stream()
        .filter(
            m ->
                m.firing().stream().anyMatch(hosts::contains)
                    || m.resolved().stream().anyMatch(hosts::contains))
        .toList();
  }

  /**
   * An email that arrived twice (the webhook derives the Message-ID from the notification's
   * identity, so a copy mailed again has the same one), or null.
   */
  AlertMail twice() throws Exception {
    Set<String> ids = new TreeSet<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      if (!ids.add(m.getMessageID())) {
        return AlertMail.of(m);
      }
    }
    return null;
  }

  static Set<String> union(List<AlertMail> mails, Function<AlertMail, Set<String>> part) {
    return mails.stream().flatMap(m -> part.apply(m).stream()).collect(Collectors.toSet());
  }

  @Override
  public void close() {
    mail.stop();
  }
}
