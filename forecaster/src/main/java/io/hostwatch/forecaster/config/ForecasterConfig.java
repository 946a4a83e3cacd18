package io.hostwatch.forecaster.config;

import io.hostwatch.common.config.Required;
import io.hostwatch.common.prom.PrometheusConfig;
import java.time.Duration;
import java.util.List;

/**
 * {@code forecaster.yml}, as rules-gen generates it for disk fill.
 *
 * <pre>{@code
 * prometheus:
 *   url: http://127.0.0.1:9090
 * interval: 5m
 * forecasts:
 *   - name: disk_avail
 *     query: node_filesystem_avail_bytes{fstype!~"tmpfs|overlay"}
 *     lookback: 7d
 *     step: 5m
 *     horizons: [1h, 6h, 24h]
 *     threshold: 0
 * }</pre>
 *
 * @param interval how often forecasts are refreshed (default 5m)
 * @param parallelism threads fitting series (default: the number of cores)
 * @param shard {@code i/n}: this replica serves the hosts that hash to {@code i} (default: all)
 */
public record ForecasterConfig(
    @Required PrometheusConfig prometheus,
    Duration interval,
    Integer parallelism,
    String shard,
    @Required List<ForecastConfig> forecasts) {

  public Shard shardOrDefault() {
    return shard == null ? Shard.ALL : Shard.parse(shard);
  }

  /**
   * This configuration with {@code shard} replaced (the command line's {@code --shard}).
   *
   * @throws IllegalArgumentException when {@code other} is not {@code i/n} with {@code 0 <= i < n}
   */
  public ForecasterConfig withShard(String other) {
    Shard.parse(other);
    return new ForecasterConfig(prometheus, interval, parallelism, other, forecasts);
  }

  public Duration intervalOrDefault() {
    return interval == null ? Duration.ofMinutes(5) : interval;
  }

  public int parallelismOrDefault() {
    return parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
  }
}
