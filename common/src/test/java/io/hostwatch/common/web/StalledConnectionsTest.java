package io.hostwatch.common.web;

import static io.hostwatch.common.web.WebFixtures.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More stalled connections than worker threads (each sent one byte, then nothing) must not stop the
 * server: they are closed after the request-header time limit and real requests get through.
 */
class StalledConnectionsTest {
  private static final int THREADS = 2;

  @TempDir Path dir;

  @Test
  void plainHttpSurvivesStalledClients() throws Exception {
    try (WebServer server = WebServer.builder("test").threads(THREADS).start()) {
      assertServesDespiteStalls(server, WebFixtures.plainClient());
    }
  }

  @Test
  void tlsSurvivesStalledHandshakes() throws Exception {
    WebFixtures.copyTo(dir);
    Path config =
        WebFixtures.writeConfig(
            dir, "tls_server_config: {cert_file: server.pem, key_file: server.key}\n");
    try (WebServer server =
        WebServer.builder("test").threads(THREADS).webConfigFile(config).start()) {
      assertServesDespiteStalls(server, WebFixtures.tlsClient(null));
    }
  }

  private static void assertServesDespiteStalls(WebServer server, HttpClient client)
      throws Exception {
    List<Socket> stalled = stall(server, THREADS + 2);
    try {
      // With one pool of `threads` workers this timed out: each waited on a stalled connection.
      assertEquals(200, get(client, server, "/-/healthy", 5).statusCode());
    } finally {
      stalled.forEach(StalledConnectionsTest::closeQuietly);
    }
  }

  @Test
  void beyondTheReadPoolConnectionsQueueUntilStalledOnesAreClosed() throws Exception {
    try (WebServer server = WebServer.builder("test").threads(THREADS).start()) {
      List<Socket> stalled = stall(server, WebServer.IO_THREADS + THREADS + 2);
      try {
        // Every thread waits on a stalled client; the request is served once the header time
        // limit frees them, not dropped.
        assertEquals(200, get(WebFixtures.plainClient(), server, "/-/healthy", 60).statusCode());
      } finally {
        stalled.forEach(StalledConnectionsTest::closeQuietly);
      }
    }
  }

  private static List<Socket> stall(WebServer server, int count) throws IOException {
    List<Socket> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Socket s = new Socket("127.0.0.1", server.port());
      s.getOutputStream().write(0x16); // a TLS record's first byte; junk to plain HTTP
      s.getOutputStream().flush();
      out.add(s);
    }
    return out;
  }

  @Test
  void theServerClosesAStalledConnection() throws Exception {
    try (WebServer server = WebServer.builder("test").start();
        Socket s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write('G');
      s.getOutputStream().flush();
      s.setSoTimeout(60_000);
      int read;
      try {
        read = s.getInputStream().read();
      } catch (java.net.SocketException e) {
        read = -1; // reset: closed too
      }
      assertEquals(-1, read, "the server should close, not answer");
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed by the server
    }
  }
}
