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
  private static final Color[] PALETTE = {
    new Color(0x1565c0), new Color(0x2e7d32), new Color(0x6a1b9a), new Color(0xef6c00),
    new Color(0x00838f), new Color(0x5d4037), new Color(0x455a64), new Color(0xad1457)
  };

  private ChartRenderer() {}

  /**
   * @param title what fired, where and what is measured
   * @param unit the value axis' label ("%", "bytes"), or "" for none
   */
  public static byte[] png(
      String title, String unit, List<RangeQueries.Series> series, Double threshold, ZoneId zone) {
    TimeSeriesCollection data = new TimeSeriesCollection();
    int n = 0;
    for (RangeQueries.Series s : series) {
      if (n++ >= MAX_SERIES) {
        break;
      }
      String name = legend(s);
      TimeSeries ts = new TimeSeries(data.getSeriesIndex(name) >= 0 ? name + " #" + n : name);
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
    if (!unit.isEmpty()) {
      plot.getRangeAxis().setLabel(unit);
      plot.getRangeAxis().setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }
    for (int i = 0; i < data.getSeriesCount(); i++) {
      plot.getRenderer().setSeriesStroke(i, new BasicStroke(2f));
      // Red is the threshold's colour; series get the others.
      plot.getRenderer().setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    if (threshold != null && Double.isFinite(threshold)) {
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

  /** The instance, else the labels, short enough for a legend whatever the labels hold. */
  private static String legend(RangeQueries.Series s) {
    String instance = s.labels().get("instance");
    String name =
        instance != null ? instance : s.labels().isEmpty() ? "value" : s.labels().toString();
    return name.length() <= 60 ? name : name.substring(0, 59) + "…";
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
