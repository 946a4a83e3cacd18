package io.hostwatch.common.web;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Adds {@code http_server_config.headers} to every response, 401s and 429s included. */
final class HeadersFilter extends Filter {
  private final Map<String, String> headers = new LinkedHashMap<>();

  HeadersFilter(Map<String, String> configured) {
    configured.forEach(
        (name, value) -> {
          if (value != null && !value.isEmpty()) { // blank means unset, as in exporter-toolkit
            headers.put(name, value);
          }
        });
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    chain.doFilter(exchange);
  }

  @Override
  public String description() {
    return "web config headers";
  }
}
