package io.hostwatch.registry.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which addresses a registrant may hand to Prometheus. Every address Prometheus would scrape must
 * lie in one of the allowed ranges, so a registrant cannot point it at a cloud metadata service
 * (169.254.169.254), the unspecified address or anything outside the site.
 *
 * <p>Host names are refused unless {@code resolveHostnames}: then every address the name resolves
 * to now must be allowed. Prometheus resolves the name again at each scrape, so a name whose DNS
 * changes later is not checked again; IP addresses have no such gap.
 */
public final class AddressPolicy {
  /** Loopback and the private ranges of RFC 1918 and RFC 4193; not link-local, not multicast. */
  public static final String DEFAULT_ALLOWED =
      "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7";

  private static final Pattern DOTTED_QUAD =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");

  private final List<Cidr> allowed;
  private final boolean resolveHostnames;

  public AddressPolicy(List<Cidr> allowed, boolean resolveHostnames) {
    this.allowed = List.copyOf(allowed);
    this.resolveHostnames = resolveHostnames;
  }

  /**
   * Checks a {@code host:port} that already has the right shape.
   *
   * @return null when allowed, else why not (for a 403 reply)
   */
  public String check(String address) {
    int colon = address.lastIndexOf(':');
    String host = address.substring(0, colon);
    int port = Integer.parseInt(address.substring(colon + 1));
    if (port < 1 || port > 65535) {
      return "address: port " + port + " out of range (expected 1-65535)";
    }
    List<InetAddress> resolved;
    try {
      resolved = addresses(host);
    } catch (UnknownHostException e) {
      return "address: " + e.getMessage();
    }
    for (InetAddress a : resolved) {
      if (allowed.stream().noneMatch(c -> c.contains(a))) {
        return "address: "
            + a.getHostAddress()
            + " is not in an allowed range (--registry.allowed-cidrs)";
      }
    }
    return null;
  }

  private List<InetAddress> addresses(String host) throws UnknownHostException {
    if (host.startsWith("[")) {
      return List.of(InetAddress.getByName(host)); // an IPv6 literal: no lookup
    }
    if (DIGITS_AND_DOTS.matcher(host).matches()) {
      // Resolvers read 2852039166 or 0251.0376.0251.0376 as 169.254.169.254; only the plain
      // dotted form means the same to everyone.
      if (!DOTTED_QUAD.matcher(host).matches()) {
        throw new UnknownHostException(
            "\"" + host + "\" is not a dotted-quad IPv4 address (expected e.g. 10.0.0.5)");
      }
      return List.of(InetAddress.getByName(host));
    }
    if (!resolveHostnames) {
      throw new UnknownHostException(
          "host name \""
              + host
              + "\" not accepted (give an IP address, or start the registry with"
              + " --registry.resolve-hostnames)");
    }
    try {
      return List.of(InetAddress.getAllByName(host));
    } catch (UnknownHostException e) {
      throw new UnknownHostException("cannot resolve \"" + host + "\"");
    }
  }
}
