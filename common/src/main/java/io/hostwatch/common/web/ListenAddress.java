package io.hostwatch.common.web;

import java.net.InetSocketAddress;

/**
 * A {@code --web.listen-address} value in Go's {@code host:port} form: {@code :9110} listens on
 * every interface, {@code 127.0.0.1:9110} on loopback, {@code [::1]:9110} on IPv6 loopback.
 */
public record ListenAddress(String host, int port) {

  /**
   * Parses {@code host:port}.
   *
   * @throws IllegalArgumentException with a message fit for the user
   */
  public static ListenAddress parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "invalid listen address \""
              + text
              + "\" (expected host:port, e.g. :9110 or 127.0.0.1:9110)");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "invalid port in listen address \"" + text + "\" (expected 0-65535)");
    }
    return new ListenAddress(host, port);
  }

  /** The socket address to bind; an empty host means every interface. */
  public InetSocketAddress toSocketAddress() {
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
