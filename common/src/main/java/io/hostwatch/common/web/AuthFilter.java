package io.hostwatch.common.web;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lets a request through with valid basic auth credentials ({@code basic_auth_users}) or, the
 * Hostwatch extension, a valid {@code Authorization: Bearer} token; otherwise answers 401 with
 * {@code WWW-Authenticate} as exporter-toolkit does.
 */
final class AuthFilter extends Filter {
  private final BasicAuthVerifier basic;
  private final boolean hasUsers;
  private final List<byte[]> tokenDigests;

  AuthFilter(Map<String, String> users, List<String> tokens) {
    this.basic = new BasicAuthVerifier(users);
    this.hasUsers = !users.isEmpty();
    this.tokenDigests = tokens.stream().map(AuthFilter::sha256).toList();
  }

  BasicAuthVerifier basic() {
    return basic;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    String principal = header == null ? null : principal(header.strip());
    if (principal != null) {
      exchange.setAttribute(RouteAuth.PRINCIPAL_ATTRIBUTE, principal);
      chain.doFilter(exchange);
      return;
    }
    if (hasUsers) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic");
    }
    if (!tokenDigests.isEmpty()) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
    }
    HealthHandlers.respond(exchange, 401, "Unauthorized\n");
  }

  /**
   * Who the header proves to be: {@code user:NAME} for basic auth, {@code token:HEX} (the start of
   * the token's SHA-256, never the token) for a bearer token; null when it proves nothing.
   */
  private String principal(String header) {
    int space = header.indexOf(' ');
    if (space < 0) {
      return null;
    }
    String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
    String credentials = header.substring(space + 1).strip();
    if (scheme.equals("basic") && hasUsers) {
      return basicUser(credentials);
    }
    if (scheme.equals("bearer") && !tokenDigests.isEmpty() && tokenOk(credentials)) {
      return "token:" + HexFormat.of().formatHex(sha256(credentials), 0, 8);
    }
    return null;
  }

  private String basicUser(String credentials) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    return basic.verify(user, decoded.substring(colon + 1)) ? "user:" + user : null;
  }

  /** Compares digests in constant time, and every token, so timing reveals nothing. */
  private boolean tokenOk(String token) {
    byte[] given = sha256(token);
    boolean ok = false;
    for (byte[] d : tokenDigests) {
      ok |= MessageDigest.isEqual(d, given);
    }
    return ok;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String description() {
    return "web config authentication";
  }
}
