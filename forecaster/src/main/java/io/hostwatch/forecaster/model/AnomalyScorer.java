package io.hostwatch.forecaster.model;

/**
 * Causal anomaly score of one series, fed one sample at a time: both {@code forecaster detect} and
 * the service's {@code hostwatch_forecast_anomaly_score} come from here.
 *
 * <p>Each sample's one-step error (against the previous sample) is standardised by the median and
 * interquartile range of the errors before it, and turned into a surprise: -log10 of its two-sided
 * normal tail probability, which keeps growing with the error instead of stopping at 1. The score
 * compares that surprise with the largest one of the last day: {@code r = surprise / (day's largest
 * + 1)}, published as {@code r / (r + 1)}. A score of 0.5 means "as surprising as the worst of the
 * last day"; a noisy series' routine bursts stay low because each one is measured against the
 * previous ones, a step change scores once and the next steps are judged against it.
 *
 * <pre>{@code
 * AnomalyScorer s = new AnomalyScorer();
 * for (double v : values) {
 *   double score = s.next(v); // 0 typical .. 1 extreme, from earlier samples only
 * }
 * }</pre>
 */
public final class AnomalyScorer {
  /** Errors the robust error model is read from: about a week at 5 minutes. */
  public static final int ERRORS = 2000;

  /** Samples whose largest surprise the current one is compared with: a day at 5 minutes. */
  public static final int MEMORY = 288;

  /** Samples before the first non-zero score: 12.5 h at 5 minutes. */
  public static final int WARMUP = 150;

  /**
   * The score that raises the anomaly flag: the threshold the benchmark's scorer chose for this
   * score on labelled server metrics (its standard profile), i.e. a surprise 1.2 times the day's
   * largest.
   */
  public static final double THRESHOLD = 0.545;

  /**
   * Errors needed before a surprise is measured: with fewer, a handful of equal errors would make
   * the next different one look infinitely surprising and mute the rest of the day.
   */
  private static final int MIN_ERRORS = 50;

  /** A counter restarting drops to below this share of its previous value. */
  private static final double RESET_DROP = 0.1;

  /** Samples a series must have only risen over before a drop is read as a counter reset. */
  private static final int COUNTER_EVIDENCE = 10;

  private final SortedWindow errors = new SortedWindow(ERRORS);
  private final WindowMax memory = new WindowMax(MEMORY);
  private double absDevSum;
  private long absDevN;
  private int seen;
  private double prev = Double.NaN;
  private double prevRaw = Double.NaN;
  private double offset;
  private boolean monotone = true;
  private boolean afterGap;

  /** Scores of {@code values[0..len)}, each from the samples before it. */
  public static double[] scoreAll(double[] values, int len) {
    AnomalyScorer s = new AnomalyScorer();
    double[] out = new double[len];
    for (int i = 0; i < len; i++) {
      out[i] = s.next(values[i]);
    }
    return out;
  }

  /**
   * What the service publishes for a series.
   *
   * @param score the last present sample's score
   * @param anomaly one of the last {@code run} present samples scored at least {@link #THRESHOLD}
   * @param warmingUp fewer than {@link #WARMUP} samples so far
   */
  public record Latest(double score, boolean anomaly, boolean warmingUp) {}

  /** Scores {@code values[0..len)} from the start and reports on its newest present samples. */
  public static Latest latest(double[] values, int len, int run) {
    AnomalyScorer s = new AnomalyScorer();
    double[] recent = new double[Math.max(1, run)];
    int head = 0;
    int present = 0;
    for (int i = 0; i < len; i++) {
      double v = s.next(values[i]);
      if (Double.isFinite(values[i])) {
        recent[head] = v;
        head = (head + 1) % recent.length;
        present++;
      }
    }
    boolean anomaly = false;
    for (int i = 0; i < Math.min(present, recent.length); i++) {
      anomaly |= recent[i] >= THRESHOLD;
    }
    double last = present == 0 ? 0 : recent[(head - 1 + recent.length) % recent.length];
    return new Latest(last, anomaly, s.warmingUp());
  }

  /** True until {@link #WARMUP} samples have been seen; scores are 0 meanwhile. */
  public boolean warmingUp() {
    return seen < WARMUP;
  }

  /**
   * Takes the next sample and returns its score. NaN or ±Inf marks a missing one: it scores 0, as
   * does the first sample after it, whose change from the last one spans the gap.
   */
  public double next(double raw) {
    if (!Double.isFinite(raw)) {
      afterGap = true;
      return 0;
    }
    double y = undoReset(raw);
    seen++;
    if (Double.isNaN(prev) || afterGap) { // across a gap the change spans several steps: no error
      prev = y;
      afterGap = false;
      return 0;
    }
    double e = y - prev;
    prev = y;
    if (!Double.isFinite(e)) { // values near ±Double.MAX_VALUE: no measurable change
      return 0;
    }
    if (errors.size() < MIN_ERRORS) { // too few to tell a spread from a few equal values
      errors.add(e);
      return 0;
    }
    double z = standardised(e);
    double surprise = Double.isNaN(z) ? 0 : tailLog10(z); // NaN: spreads themselves overflowed
    double r = surprise / (memory.max() + 1);
    memory.add(surprise);
    return warmingUp() ? 0 : r / (r + 1);
  }

  /** The error in robust standard deviations of the errors before it; then remembers it. */
  private double standardised(double e) {
    double z = 0;
    if (errors.size() > 0) {
      double med = errors.quantile(0.5);
      // below this a spread is rounding noise of identical errors, not a spread
      double tiny = 1e-9 * (Math.abs(prev) + Math.abs(med));
      double scale = (errors.quantile(0.75) - errors.quantile(0.25)) / 1.349;
      if (!(scale
          > tiny)) { // mostly identical errors (a quantised or idle series): wider quantiles
        scale = (errors.quantile(0.9) - errors.quantile(0.1)) / 2.563;
      }
      if (!(scale > tiny)) {
        scale = absDevSum / absDevN;
      }
      if (!(scale > tiny)) { // a constant series: any change is news
        scale = tiny + Double.MIN_NORMAL;
      }
      z = (e - med) / scale;
      absDevSum += Math.abs(e - med);
      absDevN++;
    }
    errors.add(e);
    return z;
  }

  /** -log10 of the two-sided normal tail beyond |z|; finite for any finite z. */
  static double tailLog10(double z) {
    double a = Math.min(Math.abs(z), 1e6); // beyond, only a constant series' first change
    if (a < 8) {
      return Math.max(0.0, -Math.log10(erfc(a / Math.sqrt(2)))); // erfc(0) is 1 + 3e-8 here
    }
    // Mills ratio: 2Q(a) ~ 2 phi(a) / a, 3 % high at a = 8 and closer beyond
    return (a * a / 2 + Math.log(a * Math.sqrt(Math.PI / 2))) / Math.log(10);
  }

  /**
   * The complementary error function, relative error below 1.2e-7 (Numerical Recipes' Chebyshev
   * fit): a tenth of the cost of commons-math's continued fraction, which showed in the per-series
   * time of the service.
   */
  static double erfc(double x) {
    double t = 1 / (1 + 0.5 * x);
    double poly =
        -1.26551223
            + t
                * (1.00002368
                    + t
                        * (0.37409196
                            + t
                                * (0.09678418
                                    + t
                                        * (-0.18628806
                                            + t
                                                * (0.27886807
                                                    + t
                                                        * (-1.13520398
                                                            + t
                                                                * (1.48851587
                                                                    + t
                                                                        * (-0.82215223
                                                                            + t
                                                                                * 0.17087277))))))));
    return t * Math.exp(-x * x + poly);
  }

  /**
   * Undoes a counter's restart as Prometheus' {@code rate()} would, once the series has only risen
   * so far: the drop would otherwise be the largest error the series ever had.
   */
  private double undoReset(double raw) {
    if (raw < 0) {
      monotone = false;
    }
    if (!Double.isNaN(prevRaw) && raw < prevRaw) {
      if (monotone && seen >= COUNTER_EVIDENCE && raw <= RESET_DROP * prevRaw) {
        offset += prevRaw;
      } else {
        monotone = false;
      }
    }
    prevRaw = raw;
    return raw + offset;
  }
}
