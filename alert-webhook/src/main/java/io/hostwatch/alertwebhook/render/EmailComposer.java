package io.hostwatch.alertwebhook.render;

import io.hostwatch.alertwebhook.config.Links;
import io.hostwatch.alertwebhook.receiver.Notification;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** Notification in, email content out: charts, template model, templates. */
public final class EmailComposer {
  private final EmailRenderer renderer;
  private final ChartService charts;
  private final Links links;
  private final ZoneId zone;
  private final Clock clock;
  private final Runnable onRenderError;

  /**
   * @param charts null to send without charts
   */
  public EmailComposer(
      EmailRenderer renderer,
      ChartService charts,
      Links links,
      ZoneId zone,
      Clock clock,
      Runnable onRenderError) {
    this.renderer = renderer;
    this.charts = charts;
    this.links = links;
    this.zone = zone;
    this.clock = clock;
    this.onRenderError = onRenderError;
  }

  public RenderedEmail compose(Notification n, String receiverPath) {
    Map<String, InlineImage> images = charts == null ? Map.of() : charts.charts(n);
    Map<String, String> cids = new LinkedHashMap<>();
    images.forEach((expr, image) -> cids.put(expr, image.contentId()));
    Map<String, Object> model =
        TemplateModel.of(n, receiverPath, links, zone, clock.instant(), cids);
    return renderer.render(model, new ArrayList<>(images.values()), onRenderError);
  }
}
