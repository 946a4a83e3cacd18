package io.hostwatch.forecaster.prom;

import java.util.Map;

/**
 * One series of a range query on the query's grid of {@code length} steps from {@code start}:
 * {@link #values()} has the sample for {@code start + i * step} at {@code i}, NaN where Prometheus
 * returned none. Only the samples received are held until then.
 */
public record PromSeries(
    Map<String, String> labels, long start, long step, int length, SampleBuffer samples) {

  /** The dense grid, built anew on each call: call once per fit. */
  public double[] values() {
    return samples.toGrid(length);
  }
}
