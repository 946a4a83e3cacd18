package io.hostwatch.alertwebhook.render;

import java.util.List;
import java.util.Map;

/**
 * The last resort when no template produced a part (a template error on an odd payload, or the time
 * or size budget used up): plain text from the template model, built in Java with fixed bounds, so
 * the email still says what fired, where, and how many.
 */
final class PlainFallback {
  private static final int LINES = 200;

  private PlainFallback() {}

  static String render(EmailRenderer.Part part, Map<String, Object> model) {
    return switch (part) {
      case SUBJECT -> subject(model);
      case TEXT -> text(model);
      case HTML ->
          "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><pre>"
              + escape(text(model))
              + "</pre></body></html>";
    };
  }

  private static String subject(Map<String, Object> model) {
    boolean resolved = Boolean.TRUE.equals(model.get("resolved"));
    return (resolved ? "[RESOLVED] " : "[FIRING:" + model.get("firing_total") + "] ")
        + model.get("alertname")
        + " "
        + model.get("subject_names");
  }

  static String text(Map<String, Object> model) {
    StringBuilder out = new StringBuilder();
    boolean resolved = Boolean.TRUE.equals(model.get("resolved"));
    out.append(resolved ? "RESOLVED: " : "FIRING: ")
        .append(model.get("alertname"))
        .append(" (")
        .append(model.get("total_count"))
        .append(" alerts, receiver ")
        .append(model.get("receiver"))
        .append(")\n\n");
    int shown = 0;
    rows:
    for (String key : List.of("alerts", "other_alerts")) {
      for (Object o : (List<?>) model.getOrDefault(key, List.of())) {
        if (shown == LINES) {
          break rows;
        }
        shown++;
        Map<?, ?> a = (Map<?, ?>) o;
        out.append(Boolean.TRUE.equals(a.get("resolved")) ? "[RESOLVED] " : "")
            .append(a.get("name"))
            .append(" on ")
            .append(a.get("host"));
        Object severity = a.get("severity");
        if (severity != null && !severity.toString().isEmpty()) {
          out.append(" (").append(severity).append(')');
        }
        out.append(" since ").append(a.get("starts_at")).append('\n');
      }
    }
    long total = ((Number) model.get("total_count")).longValue();
    if (total > shown) {
      out.append("and ").append(total - shown).append(" more alerts.\n");
    }
    out.append("\n--\nSent by Hostwatch alert-webhook at ").append(model.get("now")).append(".\n");
    return out.toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
