package io.hostwatch.forecaster.service;

import io.hostwatch.forecaster.config.Shard;
import io.hostwatch.forecaster.prom.SelectorFilter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One forecast's query split into parts by host, so that neither Prometheus' answer nor the
 * forecaster's memory grows with the fleet: each part asks for the series of a few hosts (a matcher
 * on {@value #HOST_LABEL} in every selector), at most about {@code maxSeries} of them. Only this
 * replica's hosts are asked for. A query whose series lack the label, or that the selector filter
 * cannot follow, is one part: the whole query.
 */
final class QueryPlan {
  /** The label that names a host, by which series are split and replicas share the work. */
  static final String HOST_LABEL = "instance";

  /** Hosts per part at most, which keeps a part's query text short whatever the series count. */
  static final int MAX_HOSTS_PER_PART = 256;

  /**
   * Characters of host names per part at most: the matcher goes into every selector of the query,
   * and VictoriaMetrics refuses a query over 16 KiB (Prometheus has no such limit).
   */
  static final int MAX_HOST_CHARS_PER_PART = 3000;

  /**
   * One request: {@code query} and the hosts it is for, whose series alone are kept from its answer
   * ({@code hosts} is null when the part is the whole query).
   */
  record Part(String query, Set<String> hosts) {
    boolean keeps(String host) {
      return hosts == null || hosts.contains(host);
    }
  }

  private QueryPlan() {}

  /**
   * @param seriesPerHost series per {@value #HOST_LABEL} value, "" for series without it
   */
  static List<Part> plan(
      String query, Map<String, Long> seriesPerHost, Shard shard, long maxSeries) {
    if (seriesPerHost.isEmpty()) {
      return List.of();
    }
    if (seriesPerHost.containsKey("")) {
      return List.of(new Part(query, null));
    }
    List<Part> parts = new ArrayList<>();
    Set<String> hosts = new LinkedHashSet<>();
    long series = 0;
    int chars = 0;
    for (Map.Entry<String, Long> e : seriesPerHost.entrySet()) {
      if (!shard.owns(e.getKey())) {
        continue;
      }
      int length = e.getKey().length() + 1;
      if (!hosts.isEmpty()
          && (series + e.getValue() > maxSeries
              || hosts.size() == MAX_HOSTS_PER_PART
              || chars + length > MAX_HOST_CHARS_PER_PART)) {
        Optional<Part> part = part(query, hosts);
        if (part.isEmpty()) {
          return List.of(new Part(query, null));
        }
        parts.add(part.get());
        hosts = new LinkedHashSet<>();
        series = 0;
        chars = 0;
      }
      hosts.add(e.getKey());
      series += e.getValue();
      chars += length;
    }
    if (!hosts.isEmpty()) {
      Optional<Part> part = part(query, hosts);
      if (part.isEmpty()) {
        return List.of(new Part(query, null));
      }
      parts.add(part.get());
    }
    return parts;
  }

  private static Optional<Part> part(String query, Set<String> hosts) {
    return SelectorFilter.restrict(query, HOST_LABEL, hosts)
        .map(q -> new Part(q, Set.copyOf(hosts)));
  }
}
