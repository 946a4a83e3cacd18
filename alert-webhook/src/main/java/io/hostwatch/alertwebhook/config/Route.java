package io.hostwatch.alertwebhook.config;

import io.hostwatch.common.config.Required;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code routes:}: a notification matches when its receiver (the {@code
 * /alert/<receiver>} path, else the payload's {@code receiver}) equals {@code receiver} if set, and
 * every {@code match} label equals the group's label. The first match wins.
 */
public record Route(String receiver, Map<String, String> match, @Required List<String> to) {
  public Route {
    match = match == null ? Map.of() : Map.copyOf(match);
    if (to != null && to.isEmpty()) {
      throw new IllegalArgumentException("empty recipient list (expected at least one address)");
    }
  }
}
