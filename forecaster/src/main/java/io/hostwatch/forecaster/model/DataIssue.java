package io.hostwatch.forecaster.model;

import java.util.Locale;

/**
 * Why a series was skipped or repaired: counted in {@code
 * hostwatch_forecaster_series_issues_total{issue}} and logged, never thrown: one bad series must
 * not stop the others.
 */
public enum DataIssue {
  /** No finite sample at all. */
  EMPTY,
  /** Fewer finite samples than the simplest model needs. */
  TOO_FEW_POINTS,
  /** More than half the steps are missing: skipped rather than invented. */
  TOO_SPARSE,
  /** Missing or non-finite samples inside the series, filled by linear interpolation. */
  GAPS_FILLED,
  /** A monotone counter dropped towards zero; later samples were offset as rate() does. */
  COUNTER_RESET,
  /** Every sample is the same value: forecasts are that value with a zero-width band. */
  CONSTANT,
  /** The newest samples are missing: forecasts start from the last sample seen. */
  STALE,
  /** The configured model needs more history; a simpler one was used. */
  MODEL_FALLBACK;

  /** The label value, e.g. {@code too_few_points}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
