package io.hostwatch.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The JDK server's defaults that {@link WebServer} changes: they are JVM-wide system properties,
 * read when the first server is created, so they must be set by the time one starts.
 */
class JdkServerSettingsTest {
  @Test
  void nagleIsOffAndRequestHeadersHaveATimeLimit() throws Exception {
    try (WebServer server = WebServer.builder("test").start()) {
      assertEquals("true", System.getProperty("sun.net.httpserver.nodelay"));
      assertEquals(
          WebServer.MAX_REQUEST_TIME_SECONDS, System.getProperty("sun.net.httpserver.maxReqTime"));
    }
  }
}
