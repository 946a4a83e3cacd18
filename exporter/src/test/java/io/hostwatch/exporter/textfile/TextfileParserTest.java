package io.hostwatch.exporter.textfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextfileParserTest {

  private static String parsed(String text) throws TextfileException {
    return Exposition.text(TextfileParser.parse(text, "/d/a.prom"));
  }

  @Test
  void helpTypeLabelsAndEscapes() throws TextfileException {
    String text =
        "# HELP backup_age_seconds Age of the last backup, \\\\ and \\n escaped.\n"
            + "# TYPE backup_age_seconds gauge\n"
            + "backup_age_seconds{job=\"db\",path=\"C:\\\\x \\\"y\\\"\\nz\"} 12.5\n"
            + "  backup_age_seconds { job = \"web\" , } -Inf\n"
            + "# an ordinary comment\n"
            + "\n";
    assertEquals(
        "# HELP backup_age_seconds Age of the last backup, \\\\ and \\n escaped.\n"
            + "# TYPE backup_age_seconds gauge\n"
            + "backup_age_seconds{job=\"db\",path=\"C:\\\\x \\\"y\\\"\\nz\"} 12.5\n"
            + "backup_age_seconds{job=\"web\",path=\"\"} -Inf\n",
        parsed(text));
  }

  @Test
  void familyWithoutHelpSaysWhereItCameFrom() throws TextfileException {
    assertEquals(
        "# HELP x Metric read from /d/a.prom\n# TYPE x untyped\nx NaN\n", parsed("x nan\n"));
  }

  @Test
  void counterEndingInTotalStaysACounter() throws TextfileException {
    assertEquals(
        "# HELP jobs_total h\n# TYPE jobs_total counter\njobs_total{q=\"a\"} 3.0\n",
        parsed("# HELP jobs_total h\n# TYPE jobs_total counter\njobs_total{q=\"a\"} 3\n"));
  }

  @Test
  void counterWithoutTotalKeepsItsNameAsUntyped() throws TextfileException {
    // client_java would print it as jobs_total, which no query of node_exporter users asks for.
    assertEquals(
        "# HELP jobs h\n# TYPE jobs untyped\njobs 3.0\n",
        parsed("# HELP jobs h\n# TYPE jobs counter\njobs 3\n"));
  }

  @Test
  void histogramBucketsBecomeOneHistogram() throws TextfileException {
    String text =
        "# HELP rt h\n# TYPE rt histogram\n"
            + "rt_bucket{op=\"r\",le=\"0.5\"} 2\n"
            + "rt_bucket{op=\"r\",le=\"1\"} 5\n"
            + "rt_bucket{op=\"r\",le=\"+Inf\"} 6\n"
            + "rt_sum{op=\"r\"} 4.5\n"
            + "rt_count{op=\"r\"} 6\n";
    assertEquals(
        "# HELP rt h\n# TYPE rt histogram\n"
            + "rt_bucket{op=\"r\",le=\"0.5\"} 2\n"
            + "rt_bucket{op=\"r\",le=\"1.0\"} 5\n"
            + "rt_bucket{op=\"r\",le=\"+Inf\"} 6\n"
            + "rt_count{op=\"r\"} 6\n"
            + "rt_sum{op=\"r\"} 4.5\n",
        parsed(text));
  }

  @Test
  void summaryQuantilesSumAndCount() throws TextfileException {
    String text =
        "# TYPE s summary\ns{quantile=\"0.5\"} 1\ns{quantile=\"0.9\"} 2\ns_sum 10\ns_count 7\n";
    assertEquals(
        "# HELP s Metric read from /d/a.prom\n# TYPE s summary\n"
            + "s{quantile=\"0.5\"} 1.0\ns{quantile=\"0.9\"} 2.0\ns_count 7\ns_sum 10.0\n",
        parsed(text));
  }

  @Test
  void sumAndCountOfAnUntypedNameAreTheirOwnFamilies() throws TextfileException {
    assertEquals(
        "# HELP a Metric read from /d/a.prom\n# TYPE a untyped\na 1.0\n"
            + "# HELP a_count Metric read from /d/a.prom\n# TYPE a_count untyped\na_count 2.0\n",
        parsed("a 1\na_count 2\n"));
  }

  @Test
  void emptyFileAndTypeWithoutSamplesGiveNothing() throws TextfileException {
    assertEquals("", parsed(""));
    assertEquals("", parsed("# HELP a h\n# TYPE a gauge\n"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          a{b="1} 2                                 | 1:5: label value of b is not closed (expected " before end of line)
          a 1 1700000000000                         | 1:1: sample a has a client-side timestamp, which the textfile collector does not support (the whole file is skipped)
          a{b="\\x"} 1                              | 1:6: invalid escape sequence in the value of label b (expected \\\\, \\" or \\n)
          a 1\\na 2                                 | 2:1: duplicate series a{} (first at line 1)
          a{x="1",y="2"} 1\\na{y="2",x="1"} 3       | 2:1: duplicate series a{x=1, y=2} (first at line 1)
          `# TYPE a gauge\\n# TYPE a counter`        | 2:8: second TYPE line for metric name a, or TYPE after its samples
          a 1\\n# TYPE a gauge                     | 2:8: second TYPE line for metric name a, or TYPE after its samples
          `# HELP a x\\n# HELP a y`                  | 2:8: second HELP line for metric name a
          `# TYPE a gauges`                           | 1:10: unknown metric type "gauges" (expected counter, gauge, histogram, summary or untyped)
          a 1d                                      | 1:3: invalid value "1d" (expected a float, +Inf, -Inf or NaN)
          a                                         | 1:2: missing value for sample a
          1a 2                                      | 1:1: invalid metric name "1a" (expected [a-zA-Z_:][a-zA-Z0-9_:]*)
          a{1b="x"} 2                               | 1:3: invalid label name "1b="x"}" (expected [a-zA-Z_][a-zA-Z0-9_]*)
          a{__name__="x"} 2                         | 1:3: label name __name__ is reserved (names starting with __ are)
          a{b="1",b="2"} 2                          | 1:9: duplicate label name b
          a{b="1" c="2"} 2                          | 1:9: unexpected "c="2"}" after a label (expected , or })
          a 1 2 3                                   | 1:7: unexpected "3" after the timestamp (expected end of line)
          a 1 x                                     | 1:5: invalid timestamp "x" (expected milliseconds as an integer)
          `# TYPE h histogram\\nh_bucket 1`           | 2:11: sample h_bucket has no le label
          `# TYPE h histogram\\nh_bucket{le="x"} 1`   | 2:19: label le="x" of h_bucket is not a float
          `# TYPE h histogram\\nh 1`                  | 2:4: sample h of histogram h (expected h_bucket, _sum or _count)
          `# TYPE s summary\\ns 1`                    | 2:4: sample s has no quantile label
          `# TYPE h histogram\\nh_count 1.5`          | 2:1: h_count is 1.5 (expected a non-negative whole number)
          `# TYPE h histogram\\nh_bucket{le="1"} 3\\nh_bucket{le="2"} 2` | 3:1: bucket counts must not decrease as le grows
          `# HELP a bad \\t escape`                  | 1:14: invalid escape sequence '\\t' in HELP (expected \\\\ or \\n)
          """)
  void badInputNamesFileLineAndProblem(String text, String expected) {
    String input = text.replace("\\n", "\n");
    TextfileException e =
        assertThrows(TextfileException.class, () -> TextfileParser.parse(input, "/d/a.prom"));
    assertEquals("/d/a.prom:" + expected, e.getMessage());
  }
}
