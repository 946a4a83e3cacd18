package io.hostwatch.alertwebhook.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * {@code bench/alert-webhook.sh}: starts GreenMail and the alert-webhook jar, measures how many
 * notifications per second it acknowledges (each fsync'd into the outbox before the 200) and the
 * acknowledgement latency, then how many emails per second it delivers to the local SMTP server.
 *
 * <p>Phase 1 runs with the SMTP port closed, so acknowledgements are measured alone; phase 2 opens
 * it and times the drain of everything queued.
 */
public final class AlertWebhookBench {
  private static final double TARGET_RATE = 300;
  private static final double TARGET_P99_MS = 20;

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Path work = Path.of(args[1]);
    int sequential = Integer.parseInt(args.length > 2 ? args[2] : "500");
    int concurrent = Integer.parseInt(args.length > 3 ? args[3] : "2000");
    int pacedCount = Integer.parseInt(args.length > 4 ? args[4] : "1500");
    int warmup = Integer.parseInt(args.length > 5 ? args[5] : "2000");
    int clients = 8;
    Files.createDirectories(work);
    int smtpPort = freePort();
    int webPort = freePort();
    Files.writeString(
        work.resolve("alert-webhook.yml"),
        "smtp: {host: 127.0.0.1, port: "
            + smtpPort
            + ", tls: none, from: bench@example.com}\ndefault_to: [ops@example.com]\n");
    // A launcher (bin/alert-webhook) runs with the JVM flags users get; a bare jar with the JVM's.
    List<String> command =
        jar.toString().endsWith(".jar")
            ? List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString())
            : List.of(jar.toString());
    Process webhook =
        new ProcessBuilder(
                Stream.concat(
                        command.stream(),
                        Stream.of(
                            "--web.listen-address=127.0.0.1:" + webPort,
                            "--config.file=" + work.resolve("alert-webhook.yml"),
                            "--storage.path=" + work.resolve("data"),
                            "--delivery.backoff-initial=100ms",
                            "--delivery.backoff-max=200ms",
                            "--log.level=error"))
                    .toList())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("alert-webhook.log").toFile())
            .start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String base = "http://127.0.0.1:" + webPort;
    try {
      awaitReady(http, base);
      AtomicInteger ids = new AtomicInteger();
      post(http, base, warmup, 4, ids); // warm-up (JIT, both sides), not counted
      Result seq = post(http, base, sequential, 1, ids);
      Result conc = post(http, base, concurrent, clients, ids);
      Result paced = post(http, base, pacedCount, clients, TARGET_RATE, ids);
      int queued = ids.get();

      ServerSetup setup = new ServerSetup(smtpPort, "127.0.0.1", "smtp");
      setup.setServerStartupTimeout(30_000);
      GreenMail mail = new GreenMail(setup);
      long start = System.nanoTime();
      mail.start();
      boolean all = mail.waitForIncomingEmail(600_000, queued);
      double seconds = (System.nanoTime() - start) / 1e9;
      int got = mail.getReceivedMessages().length;
      mail.stop();

      System.out.println("alert-webhook bench (fsync'd outbox on " + work + ")");
      System.out.printf(
          Locale.ROOT, "%-44s %10s %10s %8s%n", "figure", "measured", "target", "ratio");
      row("accepted notifications/s, 1 client", seq.rate(), TARGET_RATE, true);
      row("ack latency p50 ms, 1 client", seq.p50(), TARGET_P99_MS, false);
      row("ack latency p99 ms, 1 client", seq.p99(), TARGET_P99_MS, false);
      row("accepted notifications/s, " + clients + " clients", conc.rate(), TARGET_RATE, true);
      row("ack latency p50 ms, " + clients + " clients", conc.p50(), TARGET_P99_MS, false);
      row("ack latency p99 ms, " + clients + " clients", conc.p99(), TARGET_P99_MS, false);
      String at = "at " + (int) TARGET_RATE + "/s offered";
      row("accepted notifications/s, " + at, paced.rate(), TARGET_RATE, true);
      row("ack latency p50 ms, " + at, paced.p50(), TARGET_P99_MS, false);
      row("ack latency p99 ms, " + at, paced.p99(), TARGET_P99_MS, false);
      System.out.printf(
          Locale.ROOT,
          "%-44s %10.1f %10s %8s%n",
          "emails/s delivered to GreenMail (" + got + ")",
          got / seconds,
          "-",
          "-");
      int failures = seq.failures() + conc.failures() + paced.failures();
      if (!all || failures > 0) {
        System.out.println(
            "WARNING: " + failures + " requests failed, " + got + "/" + queued + " emails arrived");
        System.exit(1);
      }
    } finally {
      webhook.destroy();
      webhook.waitFor();
    }
  }

  /** Prints one figure; ratio > 1 is better than the target either way. */
  private static void row(String name, double value, double target, boolean higherIsBetter) {
    double ratio = higherIsBetter ? value / target : target / value;
    System.out.printf(
        Locale.ROOT,
        "%-44s %10.1f %10s %7.2fx%n",
        name,
        value,
        (higherIsBetter ? ">= " : "< ") + (int) target,
        ratio);
  }

  private record Result(double rate, double p50, double p99, int failures) {}

  private static Result post(
      HttpClient http, String base, int count, int clients, AtomicInteger ids) throws Exception {
    return post(http, base, count, clients, 0, ids);
  }

  /**
   * Posts {@code count} notifications from {@code clients} threads. With {@code rate} > 0 the
   * requests are offered on a fixed schedule (open loop) and latency counts from when a request was
   * due, so a slow answer that delays the next requests is charged to them too.
   */
  private static Result post(
      HttpClient http, String base, int count, int clients, double rate, AtomicInteger ids)
      throws Exception {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      futures.add(
          pool.submit(
              () -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                  int id = ids.incrementAndGet();
                  long t0 = System.nanoTime();
                  if (rate > 0) {
                    long due = start + (long) (i * 1e9 / rate);
                    while ((t0 = System.nanoTime()) < due) {
                      LockSupport.parkNanos(due - t0);
                    }
                    t0 = due;
                  }
                  try {
                    HttpResponse<Void> r =
                        http.send(request(base, id), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() != 200) {
                      failures.incrementAndGet();
                    }
                  } catch (IOException | InterruptedException e) {
                    failures.incrementAndGet();
                  }
                  latencies.add(System.nanoTime() - t0);
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return new Result(
        count / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99), failures.get());
  }

  private static double percentile(List<Long> sorted, double q) {
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1e6;
  }

  private static HttpRequest request(String base, int id) {
    String body =
        "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"Bench\\\",n=\\\""
            + id
            + "\\\"}\",\"status\":\"firing\",\"receiver\":\"ops\","
            + "\"groupLabels\":{\"alertname\":\"Bench\"},\"commonLabels\":{\"alertname\":\"Bench\","
            + "\"severity\":\"warning\"},\"commonAnnotations\":{},\"externalURL\":\"http://127.0.0.1:9093\","
            + "\"truncatedAlerts\":0,\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"Bench\","
            + "\"instance\":\"host-"
            + id
            + ":9110\",\"severity\":\"warning\"},\"annotations\":{\"summary\":\"bench\"},"
            + "\"startsAt\":\"2026-01-01T10:00:00.123Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
            + "\"generatorURL\":\"\",\"fingerprint\":\"fp"
            + id
            + "\"}]}";
    return HttpRequest.newBuilder(URI.create(base + "/alert/ops"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  private static void awaitReady(HttpClient http, String base) throws Exception {
    for (int i = 0; i < 900; i++) {
      try {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/-/ready")).build();
        if (http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // starting
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("alert-webhook did not become ready");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
