package io.hostwatch.exporter.host;

/**
 * The kernel clock discipline as {@code adjtimex(2)} reports it, converted to the units
 * node_exporter's timex collector exposes (seconds, ratios, hertz).
 */
public record TimexStats(
    double syncStatus,
    double offsetSeconds,
    double frequencyAdjustmentRatio,
    double maxerrorSeconds,
    double estimatedErrorSeconds,
    double status,
    double loopTimeConstant,
    double tickSeconds,
    double ppsFrequencyHertz,
    double ppsJitterSeconds,
    double ppsShiftSeconds,
    double ppsStabilityHertz,
    double ppsJitterTotal,
    double ppsCalibrationTotal,
    double ppsErrorTotal,
    double ppsStabilityExceededTotal,
    double taiOffsetSeconds) {

  /** {@code adjtimex}'s return value when the clock is not synchronized. */
  static final int TIME_ERROR = 5;

  /** Status bit: offset and jitter are in nanoseconds, not microseconds. */
  static final int STA_NANO = 0x2000;

  /** Frequencies are in ppm with a 16-bit fraction (adjtimex(2), NOTES). */
  private static final double PPM16FRAC = 1_000_000.0 * 65_536.0;

  /** The fields of {@code struct timex} the metrics use, and the call's return value. */
  public record Raw(
      int state,
      int status,
      long offset,
      long freq,
      long maxerror,
      long esterror,
      long constant,
      long tick,
      long ppsfreq,
      long jitter,
      int shift,
      long stabil,
      long jitcnt,
      long calcnt,
      long errcnt,
      long stbcnt,
      int tai) {}

  /** Converts as node_exporter does, so both expose the same figures. */
  public static TimexStats of(Raw r) {
    double divisor = (r.status() & STA_NANO) != 0 ? 1e9 : 1e6;
    return new TimexStats(
        r.state() == TIME_ERROR ? 0 : 1,
        r.offset() / divisor,
        1 + r.freq() / PPM16FRAC,
        r.maxerror() / 1e6,
        r.esterror() / 1e6,
        r.status(),
        r.constant(),
        r.tick() / 1e6,
        r.ppsfreq() / PPM16FRAC,
        r.jitter() / divisor,
        r.shift(),
        r.stabil() / PPM16FRAC,
        r.jitcnt(),
        r.calcnt(),
        r.errcnt(),
        r.stbcnt(),
        r.tai());
  }
}
