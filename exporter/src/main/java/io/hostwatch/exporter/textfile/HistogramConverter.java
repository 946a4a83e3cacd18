package io.hostwatch.exporter.textfile;

import io.hostwatch.exporter.textfile.MetricFamily.Sample;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A text-format histogram (cumulative {@code _bucket} counts, {@code _sum}, {@code _count}) as a
 * client_java classic histogram (per-bucket counts). A missing {@code +Inf} bucket is taken from
 * {@code _count}, as client_golang's const histograms do.
 */
final class HistogramConverter {
  private HistogramConverter() {}

  static MetricSnapshot histogram(MetricFamily f, List<Sample> samples) throws TextfileException {
    HistogramSnapshot.Builder b = HistogramSnapshot.builder().name(f.name()).help(f.help());
    for (Map.Entry<Map<String, String>, List<Sample>> g :
        SnapshotConverter.groupWithout(samples, "le").entrySet()) {
      b.dataPoint(point(f, g.getKey(), g.getValue()));
    }
    return b.build();
  }

  private static HistogramSnapshot.HistogramDataPointSnapshot point(
      MetricFamily f, Map<String, String> labels, List<Sample> group) throws TextfileException {
    TreeMap<Double, Sample> cumulative = new TreeMap<>();
    Sample count = null;
    Double sum = null;
    for (Sample s : group) {
      if (s.name().endsWith("_bucket")) {
        cumulative.put(SampleRules.parse(s.labels().get("le")), s);
      } else if (s.name().endsWith("_sum")) {
        sum = s.value();
      } else {
        count = s;
      }
    }
    if (cumulative.isEmpty() && count == null) {
      throw group.get(0).error("histogram " + f.name() + " has neither buckets nor a _count");
    }
    if (!cumulative.containsKey(Double.POSITIVE_INFINITY)) {
      Sample inf = count != null ? count : cumulative.lastEntry().getValue();
      cumulative.put(Double.POSITIVE_INFINITY, inf);
    } else if (count != null
        && SnapshotConverter.count(count)
            != SnapshotConverter.count(cumulative.get(Double.POSITIVE_INFINITY))) {
      throw count.error(
          count.name() + " is " + count.value() + " but the +Inf bucket says otherwise");
    }
    double[] bounds = new double[cumulative.size()];
    long[] counts = new long[cumulative.size()];
    long previous = 0;
    int i = 0;
    for (Map.Entry<Double, Sample> e : cumulative.entrySet()) {
      long c = SnapshotConverter.count(e.getValue());
      if (c < previous) {
        throw e.getValue().error("bucket counts must not decrease as le grows");
      }
      bounds[i] = e.getKey();
      counts[i++] = c - previous;
      previous = c;
    }
    var point =
        HistogramSnapshot.HistogramDataPointSnapshot.builder()
            .labels(SnapshotConverter.labels(labels))
            .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts));
    if (sum != null) {
      point.sum(sum);
    }
    return point.build();
  }
}
