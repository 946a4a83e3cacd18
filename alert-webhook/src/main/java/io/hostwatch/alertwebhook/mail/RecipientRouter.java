package io.hostwatch.alertwebhook.mail;

import io.hostwatch.alertwebhook.config.Route;
import io.hostwatch.alertwebhook.receiver.Notification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks recipients: the first route whose receiver and label matchers fit the notification, else
 * the default list ({@code default_to}, else {@code EMAIL_TO}).
 */
public final class RecipientRouter {
  private final List<Route> routes;
  private final List<String> defaultTo;

  public RecipientRouter(List<Route> routes, List<String> defaultTo) {
    this.routes = List.copyOf(routes);
    this.defaultTo = List.copyOf(defaultTo);
  }

  /** {@code default_to}, else the comma-separated {@code EMAIL_TO}, else none. */
  public static List<String> defaultRecipients(List<String> configured, Map<String, String> env) {
    if (configured != null && !configured.isEmpty()) {
      return configured;
    }
    String fromEnv = env.getOrDefault("EMAIL_TO", "");
    return java.util.Arrays.stream(fromEnv.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /**
   * @param receiverPath the {@code <receiver>} of {@code /alert/<receiver>}, "" for {@code /alert}
   */
  public List<String> recipients(String receiverPath, Notification n) {
    String receiver = receiverPath.isEmpty() ? n.receiver() : receiverPath;
    Map<String, String> labels = new HashMap<>(n.commonLabels());
    labels.putAll(n.groupLabels());
    for (Route route : routes) {
      if (route.receiver() != null && !route.receiver().equals(receiver)) {
        continue;
      }
      if (route.match().entrySet().stream()
          .allMatch(m -> m.getValue().equals(labels.get(m.getKey())))) {
        return route.to();
      }
    }
    return defaultTo;
  }
}
