package io.hostwatch.forecaster.prom;

import java.util.Map;

/**
 * One series of a range query, on the query's grid: {@code values[i]} is at {@code start + i *
 * step} seconds, NaN where Prometheus returned no sample.
 */
public record PromSeries(Map<String, String> labels, long start, long step, double[] values) {}
