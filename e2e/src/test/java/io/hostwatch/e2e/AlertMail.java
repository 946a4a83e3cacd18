package io.hostwatch.e2e;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an alert email says, read from its plain-text part: one {@code == [RESOLVED] Name on host}
 * heading per alert shown in full, one row per alert in the compact table after them.
 */
record AlertMail(
    String subject, String messageId, String alertname, Set<String> firing, Set<String> resolved) {
  private static final Pattern ALERT =
      Pattern.compile(
          "^(?:== )?(\\[RESOLVED] )?(\\S+) on (\\S+) \\((?:critical|warning|info)\\)",
          Pattern.MULTILINE);

  static AlertMail of(MimeMessage m) throws Exception {
    String text = plainText(m);
    Set<String> firing = new LinkedHashSet<>();
    Set<String> resolved = new LinkedHashSet<>();
    String alertname = "";
    Matcher a = ALERT.matcher(text);
    while (a.find()) {
      alertname = a.group(2);
      (a.group(1) == null ? firing : resolved).add(a.group(3));
    }
    return new AlertMail(m.getSubject(), m.getMessageID(), alertname, firing, resolved);
  }

  static List<AlertMail> of(MimeMessage[] messages, String alertname) throws Exception {
    List<AlertMail> out = new java.util.ArrayList<>();
    for (MimeMessage m : messages) {
      AlertMail mail = of(m);
      if (mail.alertname().equals(alertname)) {
        out.add(mail);
      }
    }
    return out;
  }

  private static String plainText(Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return String.valueOf(part.getContent());
    }
    if (part.getContent() instanceof Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        String text = plainText(mp.getBodyPart(i));
        if (!text.isEmpty()) {
          return text;
        }
      }
    }
    return "";
  }

  @Override
  public String toString() {
    return subject + " " + messageId + " firing=" + firing + " resolved=" + resolved;
  }
}
