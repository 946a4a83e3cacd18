package io.hostwatch.forecaster.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SeriesCsvTest {
  @Test
  void readsNabTimestampsOnAGrid() throws Exception {
    SeriesCsv.Grid g =
        SeriesCsv.parse(
            "timestamp,value\n2014-02-14 14:30:00,1.5\n2014-02-14 14:35:00,2\n"
                + "2014-02-14 14:45:00,4\n",
            "a.csv");
    assertEquals(300, g.step());
    assertEquals(1392388200L, g.start());
    assertEquals(4, g.values().length);
    assertEquals(1.5, g.values()[0]);
    assertTrue(Double.isNaN(g.values()[2])); // 14:40 is missing
    assertEquals(4, g.values()[3]);
  }

  @Test
  void readsEpochSeconds() throws Exception {
    SeriesCsv.Grid g = SeriesCsv.parse("100,1\n160,2\n220,3\n", "b.csv");
    assertEquals(60, g.step());
    assertEquals(100, g.start());
    assertEquals(3, g.values()[2]);
  }

  @Test
  void reportsEveryBadLineWithItsPosition() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                SeriesCsv.parse(
                    "timestamp,value\n2014-02-14 14:30:00,1\nyesterday,2\n"
                        + "2014-02-14 14:40:00,lots\nnocomma\n",
                    "bad.csv"));
    assertEquals(3, e.errors().size());
    String m = e.getMessage();
    assertTrue(m.contains("bad.csv:3:1"), m);
    assertTrue(m.contains("cannot parse 'yesterday'"), m);
    assertTrue(m.contains("bad.csv:4:21"), m);
    assertTrue(m.contains("bad.csv:5:1"), m);
  }
}
