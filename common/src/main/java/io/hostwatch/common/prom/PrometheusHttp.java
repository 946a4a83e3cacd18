package io.hostwatch.common.prom;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way Hostwatch talks to a Prometheus HTTP API: the {@code prometheus:} block's TLS and
 * credentials, one deadline for the whole exchange (connect, headers and body: a server that drips
 * a byte a second cannot hold the caller past it), a cap on the body (a huge answer costs an error,
 * never the heap), and redirects followed only within the configured origin, so neither the request
 * nor its credentials are ever sent to a host the operator did not name.
 */
public final class PrometheusHttp {
  /** Redirect hops followed within the origin; Prometheus itself never needs more than one. */
  static final int MAX_REDIRECTS = 3;

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final PrometheusConfig config;
  private final HttpClient http;
  private final long maxBodyBytes;
  private final URI base;

  /**
   * @param maxBodyBytes the largest answer accepted; a longer one fails the request (not retryable)
   */
  public PrometheusHttp(PrometheusConfig config, long maxBodyBytes) {
    this.config = Objects.requireNonNull(config);
    this.maxBodyBytes = maxBodyBytes;
    this.base = URI.create(config.url().replaceAll("/+$", ""));
    this.http = HttpClients.create(config);
  }

  public PrometheusConfig config() {
    return config;
  }

  /** GET {@code base + pathAndQuery} ({@code /api/v1/query_range?query=...}). */
  public byte[] get(String pathAndQuery) throws PromQueryException, InterruptedException {
    return exchange("GET", pathAndQuery, null);
  }

  /** POST a form to {@code base + path}, as Prometheus accepts for long queries. */
  public byte[] postForm(String path, String form) throws PromQueryException, InterruptedException {
    return exchange("POST", path, form);
  }

  /** {@code query=...&start=...&end=...&step=...} for {@code /api/v1/query_range}, seconds. */
  public static String rangeParams(String query, long start, long end, long step) {
    return "query="
        + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20")
        + "&start="
        + start
        + "&end="
        + end
        + "&step="
        + Math.max(1, step);
  }

  /**
   * A sample value as Prometheus writes it in JSON: a string, including "NaN", "+Inf" and "-Inf";
   * anything unreadable is NaN (no value), never an exception.
   */
  public static double parseValue(String s) {
    return switch (s) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(s);
        } catch (NumberFormatException e) {
          yield Double.NaN;
        }
      }
    };
  }

  private byte[] exchange(String method, String pathAndQuery, String form)
      throws PromQueryException, InterruptedException {
    long deadline = System.nanoTime() + config.timeoutOrDefault().toNanos();
    URI uri = URI.create(base + pathAndQuery);
    String auth = authorization();
    for (int hop = 0; ; hop++) {
      HttpResponse<byte[]> response = send(request(uri, method, form, auth, deadline), deadline);
      int code = response.statusCode();
      if (REDIRECTS.contains(code)) {
        uri = redirectTarget(uri, response, hop);
        continue;
      }
      if (code >= 500 || code == 429) {
        throw new PromQueryException(config.url() + ": HTTP " + code, true, null);
      }
      if (code == 401 || code == 403) {
        throw new PromQueryException(
            config.url() + ": HTTP " + code + " (check the credentials)", false, null);
      }
      return response.body(); // 400/422 carry Prometheus' error JSON, which callers report
    }
  }

  private URI redirectTarget(URI from, HttpResponse<?> response, int hop)
      throws PromQueryException {
    String location = response.headers().firstValue("Location").orElse(null);
    if (location == null) {
      throw new PromQueryException(
          config.url() + ": HTTP " + response.statusCode() + " without a Location", false, null);
    }
    URI to;
    try {
      to = from.resolve(location.strip());
    } catch (IllegalArgumentException e) {
      throw new PromQueryException(
          config.url() + ": redirect to an invalid URL \"" + location + "\"", false, null);
    }
    if (!sameOrigin(base, to)) {
      throw new PromQueryException(
          config.url()
              + ": redirected to "
              + to.getScheme()
              + "://"
              + to.getRawAuthority()
              + ", another origin; not followed (set the URL it should use)",
          false,
          null);
    }
    if (hop + 1 > MAX_REDIRECTS) {
      throw new PromQueryException(
          config.url() + ": more than " + MAX_REDIRECTS + " redirects", false, null);
    }
    return to;
  }

  /** Scheme, host and port equal: the origin the credentials and TLS settings were given for. */
  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
        && a.getHost() != null
        && a.getHost().toLowerCase(Locale.ROOT).equals(lower(b.getHost()))
        && port(a) == port(b);
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static HttpRequest request(
      URI uri, String method, String form, String auth, long deadline) throws PromQueryException {
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(uri).timeout(remaining(deadline));
    } catch (IllegalArgumentException e) {
      throw new PromQueryException(uri + ": not a usable URL", false, e);
    }
    if (auth != null) {
      b.header("Authorization", auth);
    }
    if (form == null) {
      b.GET();
    } else {
      b.header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
    }
    return b.build();
  }

  private HttpResponse<byte[]> send(HttpRequest request, long deadline)
      throws PromQueryException, InterruptedException {
    CompletableFuture<HttpResponse<byte[]>> pending =
        http.sendAsync(request, info -> new CappedBodySubscriber(maxBodyBytes));
    try {
      return pending.get(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new PromQueryException(
          config.url() + ": no complete answer within " + config.timeoutOrDefault(), true, e);
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CappedBodySubscriber.TooLargeException) {
        throw new PromQueryException(config.url() + ": " + cause.getMessage(), false, cause);
      }
      throw new PromQueryException(config.url() + ": " + cause, true, cause);
    }
  }

  private static Duration remaining(long deadline) throws PromQueryException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new PromQueryException("deadline passed before the answer was complete", true, null);
    }
    return Duration.ofNanos(left);
  }

  /** The Authorization header, files re-read on each request so rotated secrets apply. */
  String authorization() throws PromQueryException {
    try {
      if (config.basicAuth() != null) {
        var b = config.basicAuth();
        String password =
            b.passwordFile() != null
                ? Files.readString(b.passwordFile()).strip()
                : b.password() == null ? "" : b.password();
        String pair = b.username() + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
      }
      if (config.bearerToken() != null) {
        return "Bearer " + config.bearerToken();
      }
      if (config.bearerTokenFile() != null) {
        return "Bearer " + Files.readString(config.bearerTokenFile()).strip();
      }
    } catch (IOException e) {
      throw new PromQueryException("cannot read credentials: " + e.getMessage(), true, e);
    }
    return null;
  }
}
