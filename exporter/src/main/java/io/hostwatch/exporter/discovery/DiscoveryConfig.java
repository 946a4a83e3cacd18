package io.hostwatch.exporter.discovery;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how to announce this exporter: {@code --discovery.url} (a registry's base URL, {@code
 * null} for no discovery), {@code --discovery.address} (what Prometheus should scrape; {@code null}
 * for the first non-loopback IP and the listen port), {@code --discovery.label}, {@code
 * --discovery.interval}, and the credentials to register with.
 */
public record DiscoveryConfig(
    URI url,
    String address,
    Map<String, String> labels,
    Duration interval,
    DiscoveryCredentials credentials) {

  /** Without credentials. */
  public DiscoveryConfig(URI url, String address, Map<String, String> labels, Duration interval) {
    this(url, address, labels, interval, DiscoveryCredentials.none());
  }
}
