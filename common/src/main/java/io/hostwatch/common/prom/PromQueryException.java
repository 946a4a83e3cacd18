package io.hostwatch.common.prom;

/**
 * A failed query; {@link #retryable()} says whether trying again may help (Alertmanager's {@code
 * Notify} returns the same flag): network errors and 5xx are, a bad query (4xx) is not.
 */
public final class PromQueryException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  public PromQueryException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
