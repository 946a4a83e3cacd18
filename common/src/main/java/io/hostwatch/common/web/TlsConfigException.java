package io.hostwatch.common.web;

/**
 * A problem in {@code tls_server_config}, with the key it belongs to (e.g. {@code cert_file}) so
 * the loader can point at its line.
 */
final class TlsConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String key;

  TlsConfigException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The key below {@code tls_server_config}, or empty for the section itself. */
  String key() {
    return key;
  }
}
