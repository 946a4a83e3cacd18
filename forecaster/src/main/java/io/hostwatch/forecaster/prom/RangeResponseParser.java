package io.hostwatch.forecaster.prom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hostwatch.common.prom.PromQueryException;
import io.hostwatch.common.prom.PrometheusHttp;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses {@code /api/v1/query_range} JSON onto a regular grid; pure, tested on strings. It reads
 * the body as a stream of tokens, never as a tree, and keeps only the samples it finds, so the
 * memory it takes follows the answer's samples, not the number of series times the lookback.
 */
final class RangeResponseParser {
  private static final JsonFactory JSON = new JsonFactory();

  private RangeResponseParser() {}

  /**
   * Adds every series of {@code body} to {@code into} (keyed by labels without {@code __name__}),
   * each sample at its step of the grid {@code start + i * step}, {@code i < len}.
   *
   * @return the number of samples placed
   */
  static long parse(
      byte[] body, long start, long step, int len, Map<Map<String, String>, SampleBuffer> into)
      throws PromQueryException {
    String status = "";
    String errorType = "";
    String error = "";
    String[] resultType = {""};
    long placed = 0;
    try (JsonParser p = JSON.createParser(body)) {
      expect(p, JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "status" -> status = p.getValueAsString("");
          case "errorType" -> errorType = p.getValueAsString("");
          case "error" -> error = p.getValueAsString("");
          case "data" -> placed += data(p, start, step, len, into, resultType);
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new PromQueryException("response is not JSON: " + e.getMessage(), true, e);
    }
    if (!"success".equals(status)) {
      throw new PromQueryException("query failed: " + errorType + ": " + error, false, null);
    }
    if (!"matrix".equals(resultType[0])) {
      throw new PromQueryException(
          "expected a matrix result, got '" + resultType[0] + "'", false, null);
    }
    return placed;
  }

  private static long data(
      JsonParser p,
      long start,
      long step,
      int len,
      Map<Map<String, String>, SampleBuffer> into,
      String[] resultType)
      throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return 0;
    }
    long placed = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("resultType")) {
        resultType[0] = p.getValueAsString("");
      } else if (field.equals("result") && p.currentToken() == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          placed += series(p, start, step, len, into);
        }
      } else {
        p.skipChildren();
      }
    }
    return placed;
  }

  private static long series(
      JsonParser p, long start, long step, int len, Map<Map<String, String>, SampleBuffer> into)
      throws IOException {
    Map<String, String> labels = new TreeMap<>();
    SampleBuffer samples = new SampleBuffer();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("metric") && p.currentToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          String value = p.getValueAsString("");
          p.skipChildren();
          if (!name.equals("__name__")) {
            labels.put(name, value);
          }
        }
      } else if (field.equals("values") && p.currentToken() == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_ARRAY) {
          p.nextToken();
          double t = p.getValueAsDouble(Double.NaN);
          p.nextToken();
          double v = PrometheusHttp.parseValue(p.getValueAsString(""));
          while (p.nextToken() != JsonToken.END_ARRAY && p.currentToken() != null) {
            p.skipChildren();
          }
          long i = Math.round((t - start) / step);
          if (i >= 0 && i < len) {
            samples.add((int) i, v);
          }
        }
      } else {
        p.skipChildren();
      }
    }
    int placed = samples.size();
    into.merge(labels, samples, SampleBuffer::addAll);
    return placed;
  }

  private static void expect(JsonParser p, JsonToken token) throws IOException {
    if (p.nextToken() != token) {
      throw new IOException("expected " + token + " at the start, got " + p.currentToken());
    }
  }
}
