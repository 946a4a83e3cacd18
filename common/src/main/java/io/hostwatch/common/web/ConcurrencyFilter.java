package io.hostwatch.common.web;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * Runs at most {@code limit} handlers at once ({@link WebServer.Builder#threads}); the rest wait
 * their turn. Connections are read on a larger pool, so this limits work, not connections.
 */
final class ConcurrencyFilter extends Filter {
  private final Semaphore permits;

  ConcurrencyFilter(int limit) {
    this.permits = new Semaphore(limit, true);
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
      return;
    }
    try {
      chain.doFilter(exchange);
    } finally {
      permits.release();
    }
  }

  @Override
  public String description() {
    return "handler concurrency limit";
  }
}
