package io.hostwatch.alertwebhook.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;
import java.util.TimeZone;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/** Draws series as a PNG line chart with an optional red threshold line (JFreeChart). */
public final class ChartRenderer {
  static final int WIDTH = 600;
  static final int HEIGHT = 260;
  private static final int MAX_SERIES = 8;

  private ChartRenderer() {}

  public static byte[] png(
      String title, List<PrometheusClient.Series> series, Double threshold, ZoneId zone) {
    TimeSeriesCollection data = new TimeSeriesCollection();
    int n = 0;
    for (PrometheusClient.Series s : series) {
      if (n++ >= MAX_SERIES) {
        break;
      }
      TimeSeries ts = new TimeSeries(legend(s));
      for (int i = 0; i < s.times().size(); i++) {
        double v = s.values().get(i);
        if (Double.isFinite(v)) {
          ts.addOrUpdate(new FixedMillisecond(s.times().get(i).toEpochMilli()), v);
        }
      }
      data.addSeries(ts);
    }
    JFreeChart chart =
        ChartFactory.createTimeSeriesChart(null, null, null, data, series.size() > 1, false, false);
    chart.setTitle(
        new org.jfree.chart.title.TextTitle(title, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xe0e0e0));
    plot.setRangeGridlinePaint(new Color(0xe0e0e0));
    ((DateAxis) plot.getDomainAxis()).setTimeZone(TimeZone.getTimeZone(zone));
    for (int i = 0; i < data.getSeriesCount(); i++) {
      plot.getRenderer().setSeriesStroke(i, new BasicStroke(2f));
    }
    if (threshold != null) {
      ValueMarker marker = new ValueMarker(threshold);
      marker.setPaint(new Color(0xc62828));
      marker.setStroke(
          new BasicStroke(
              1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      marker.setLabel("threshold " + format(threshold));
      marker.setLabelPaint(new Color(0xc62828));
      marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
      plot.addRangeMarker(marker);
      // Keep the line in view even when the series is far below it.
      plot.getRangeAxis().setAutoRange(true);
      double lower = Math.min(plot.getRangeAxis().getLowerBound(), threshold);
      double upper = Math.max(plot.getRangeAxis().getUpperBound(), threshold);
      double pad = Math.max((upper - lower) * 0.1, 1e-9);
      plot.getRangeAxis().setRange(lower - pad, upper + pad);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String legend(PrometheusClient.Series s) {
    String instance = s.labels().get("instance");
    if (instance != null) {
      return instance;
    }
    return s.labels().isEmpty() ? "value" : s.labels().toString();
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
