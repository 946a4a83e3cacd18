package io.hostwatch.common.web;

import com.sun.net.httpserver.Filter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The filters a web config asks for, outermost first: headers (so 401 and 429 carry them too), then
 * the rate limit, then authentication.
 */
final class WebConfigFilters {
  private WebConfigFilters() {}

  static List<Filter> of(WebConfig c) throws IOException {
    List<Filter> out = new ArrayList<>();
    if (!c.headers().isEmpty()) {
      out.add(new HeadersFilter(c.headers()));
    }
    WebConfig.RateLimit r = c.rateLimit();
    if (r != null && r.interval() != null && !r.interval().isZero()) {
      out.add(new RateLimitFilter(r.interval(), r.burst() == null ? 1 : r.burst()));
    }
    if (c.authRequired()) {
      out.add(authFilter(c));
    }
    return out;
  }

  /** The credentials check of {@code c}: its users and its bearer tokens (the file read now). */
  static AuthFilter authFilter(WebConfig c) throws IOException {
    List<String> tokens = new ArrayList<>();
    if (c.bearerTokens() != null) {
      tokens.addAll(c.bearerTokens());
    }
    if (c.bearerTokenFile() != null) {
      tokens.addAll(WebConfigLoader.readTokenFile(c.bearerTokenFile()));
    }
    Map<String, String> users = c.basicAuthUsers() == null ? Map.of() : c.basicAuthUsers();
    return new AuthFilter(users, tokens);
  }
}
