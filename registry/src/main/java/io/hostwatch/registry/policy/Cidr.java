package io.hostwatch.registry.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An address range such as {@code 10.0.0.0/8} or {@code fc00::/7}.
 *
 * @param network the range's first address
 * @param prefix how many leading bits an address must share with it
 */
public record Cidr(InetAddress network, int prefix) {
  private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  /**
   * Parses {@code ADDRESS/PREFIX}; a bare address is a range of one.
   *
   * @throws IllegalArgumentException with what is wrong, for a usage error
   */
  public static Cidr parse(String text) {
    String s = text.strip();
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    if (!LITERAL.matcher(addr).matches()) {
      throw new IllegalArgumentException(
          "not a CIDR range \""
              + text
              + "\" (expected an IP address and /prefix, e.g. 10.0.0.0/8)");
    }
    InetAddress network;
    try {
      network = InetAddress.getByName(addr); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not a CIDR range \"" + text + "\": bad address");
    }
    int bits = network.getAddress().length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      prefix = -1;
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException(
          "not a CIDR range \"" + text + "\": prefix must be 0-" + bits);
    }
    return new Cidr(network, prefix);
  }

  /** Whether {@code address} lies in this range (an IPv4 address is never in an IPv6 range). */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    byte[] n = network.getAddress();
    if (a.length != n.length) {
      return false;
    }
    for (int bit = 0; bit < prefix; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((a[bit / 8] & mask) != (n[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefix;
  }
}
