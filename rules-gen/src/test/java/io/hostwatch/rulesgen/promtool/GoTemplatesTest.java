package io.hostwatch.rulesgen.promtool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings are what Prometheus 2.42's template functions print for these values. */
class GoTemplatesTest {
  @Test
  void humanizeKeepsFourSignificantDigitsWithSiPrefixes() {
    assertEquals("85", GoTemplates.humanize(85.00000000000001));
    assertEquals("93.15", GoTemplates.humanize(93.15));
    assertEquals("1.235k", GoTemplates.humanize(1234.5678));
    assertEquals("500m", GoTemplates.humanize(0.5));
    assertEquals("0", GoTemplates.humanize(0));
  }

  @Test
  void humanizeDurationSplitsIntoUnits() {
    assertEquals("1h 0m 0s", GoTemplates.humanizeDuration(3600.5));
    assertEquals("57m 0s", GoTemplates.humanizeDuration(3420.5));
    assertEquals("1d 2h 3m 4s", GoTemplates.humanizeDuration(93784));
    assertEquals("42.5s", GoTemplates.humanizeDuration(42.5));
  }

  @Test
  void expandsLabelsAndValue() {
    assertEquals(
        "CPU 85% on a:1 (85)",
        GoTemplates.expand(
            "CPU {{ $value | humanize }}% on {{ $labels.instance }} ({{ $labels.missing }}{{ $value }})",
            Map.of("instance", "a:1"), 85.0));
  }
}
