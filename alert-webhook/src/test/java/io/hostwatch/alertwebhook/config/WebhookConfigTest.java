package io.hostwatch.alertwebhook.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hostwatch.common.config.ConfigException;
import io.hostwatch.common.config.YamlConfigLoader;
import io.hostwatch.common.testing.ModuleJars;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookConfigTest {
  private static Path fixture(String name) {
    return ModuleJars.repoRoot().resolve("alert-webhook/src/test/resources/config").resolve(name);
  }

  @Test
  void theShippedExampleLoads() throws Exception {
    Path example = ModuleJars.repoRoot().resolve("examples/alert-webhook.yml");
    WebhookConfig c = YamlConfigLoader.load(example, WebhookConfig.class).value();
    assertEquals(TlsMode.STARTTLS, c.smtp().tls());
    assertEquals(List.of("oncall@example.com"), c.routes().get(0).to());
    assertEquals(example.getParent().resolve("templates/"), c.templatesDir());
  }

  @Test
  void aMinimalFileLoadsAndLinksLoseTheirTrailingSlash() throws Exception {
    WebhookConfig c =
        YamlConfigLoader.load(fixture("minimal.good.yml"), WebhookConfig.class).value();
    assertEquals("http://127.0.0.1:9093", c.links().alertmanagerUrl());
    assertEquals(List.of(), c.routes());
  }

  @Test
  void everyMistakeIsReportedWithItsLine() {
    Path bad = fixture("routes.bad.yml");
    ConfigException e =
        assertThrows(ConfigException.class, () -> YamlConfigLoader.load(bad, WebhookConfig.class));
    String message = e.getMessage();
    assertEquals(
        List.of(
            bad + ":3:8: smtp.tls: unknown value \"ssl\" (expected one of: starttls, tls, none)",
            bad + ":5:5: routes[0].to: missing required key",
            bad
                + ":6:5: routes[0].too: unknown key \"too\", did you mean \"to\"?"
                + " (expected one of: receiver, match, to)"),
        e.errors().stream().map(Object::toString).toList(),
        message);
  }
}
