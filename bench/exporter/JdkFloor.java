import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * The JVM's floor for bench/exporter.sh: the JDK's own HTTP server, and nothing else, answering
 * every request with one saved scrape page, gzipped per request as the exporter sends it. Run with
 * the exporter's JVM flags, its RSS is what any exporter on this JVM starts from. Usage: {@code
 * java JdkFloor <port> <page file>}.
 */
public class JdkFloor {
  public static void main(String[] args) throws Exception {
    byte[] page = Files.readAllBytes(Path.of(args[1]));
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 0);
    server.createContext(
        "/",
        exchange -> {
          ByteArrayOutputStream buf = new ByteArrayOutputStream();
          try (OutputStream gz = new GZIPOutputStream(buf)) {
            gz.write(page);
          }
          exchange.getResponseHeaders().set("Content-Encoding", "gzip");
          exchange.sendResponseHeaders(200, buf.size());
          try (OutputStream out = exchange.getResponseBody()) {
            buf.writeTo(out);
          }
        });
    server.start();
  }
}
