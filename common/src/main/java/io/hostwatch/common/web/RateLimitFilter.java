package io.hostwatch.common.web;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code rate_limit}: a token bucket over all requests, as Go's {@code rate.Limiter} that
 * exporter-toolkit uses: one token per {@code interval}, at most {@code burst} saved up. A request
 * without a token gets 429.
 */
final class RateLimitFilter extends Filter {
  private final long nanosPerToken;
  private final int burst;
  private double tokens;
  private long last;

  RateLimitFilter(Duration interval, int burst) {
    this(interval, burst, System.nanoTime());
  }

  /** Starts full at {@code start} on the {@link System#nanoTime} clock. */
  RateLimitFilter(Duration interval, int burst, long start) {
    this.nanosPerToken = interval.toNanos();
    this.burst = burst;
    this.tokens = burst;
    this.last = start;
  }

  synchronized boolean tryAcquire(long now) {
    tokens = Math.min(burst, tokens + (double) (now - last) / nanosPerToken);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    if (tryAcquire(System.nanoTime())) {
      chain.doFilter(exchange);
    } else {
      HealthHandlers.respond(exchange, 429, "Too Many Requests\n");
    }
  }

  @Override
  public String description() {
    return "web config rate limit";
  }
}
