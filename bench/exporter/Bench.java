import java.io.ByteArrayInputStream;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * The scrape driver of bench/exporter.sh: scrapes two exporters in turn over one persistent HTTP
 * connection each, as Prometheus would (gzip, text format 0.0.4), and reads their CPU time and RSS
 * from /proc. Run with {@code java Bench.java ports} for two free loopback ports, or {@code java
 * Bench.java run <scrapes> <warmup> <clk_tck> <nameA> <urlA> <pidA> <nameB> <urlB> <pidB>}.
 */
public class Bench {
  static final String ACCEPT = "text/plain;version=0.0.4";

  /** One exporter under test and what was measured of it. */
  static final class Target {
    final String name;
    final URI uri;
    final long pid;
    final List<Long> latenciesNanos = new ArrayList<>();
    final Map<String, double[]> collectorSeconds = new TreeMap<>(); // sum, count
    long wireBytes;
    long bodyBytes;
    long series;
    int failures;
    long cpuTicksStart;
    long cpuTicksEnd;
    Map<String, long[]> threadsStart; // tid -> {ticks}, with names in threadNames
    Map<String, long[]> threadsEnd;
    final Map<String, String> threadNames = new TreeMap<>();
    long rssAfterWarmup;
    long rssAtEnd;

    Target(String name, String url, long pid) {
      this.name = name;
      this.uri = URI.create(url);
      this.pid = pid;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args[0].equals("ports")) {
      System.out.println(freePort() + " " + freePort());
      return;
    }
    int scrapes = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    long clkTck = Long.parseLong(args[3]);
    Target a = new Target(args[4], args[5], Long.parseLong(args[6]));
    Target b = new Target(args[7], args[8], Long.parseLong(args[9]));
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    for (int i = 0; i < warmup; i++) {
      scrape(client, a, false);
      scrape(client, b, false);
    }
    System.gc();
    Thread.sleep(1000); // let both settle (GC, JIT queues) before reading RSS
    for (Target t : List.of(a, b)) {
      t.rssAfterWarmup = rssBytes(t.pid);
      t.cpuTicksStart = cpuTicks(t.pid);
      t.threadsStart = threadTicks(t);
    }
    long start = System.nanoTime();
    for (int i = 0; i < scrapes; i++) {
      // Alternate who goes first, so neither always scrapes right after the other.
      Target first = i % 2 == 0 ? a : b;
      Target second = first == a ? b : a;
      scrape(client, first, true);
      scrape(client, second, true);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    for (Target t : List.of(a, b)) {
      t.cpuTicksEnd = cpuTicks(t.pid);
      t.threadsEnd = threadTicks(t);
      t.rssAtEnd = rssBytes(t.pid);
    }
    Report.print(a, b, scrapes, warmup, clkTck, wall);
  }

  static void scrape(HttpClient client, Target t, boolean measure)
      throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(t.uri)
            .header("Accept", ACCEPT)
            .header("Accept-Encoding", "gzip")
            .timeout(Duration.ofSeconds(30))
            .build();
    long t0 = System.nanoTime();
    HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
    long elapsed = System.nanoTime() - t0;
    if (!measure) {
      return;
    }
    if (r.statusCode() != 200) {
      t.failures++;
      return;
    }
    t.latenciesNanos.add(elapsed);
    byte[] wire = r.body();
    boolean gzip = r.headers().firstValue("Content-Encoding").orElse("").equals("gzip");
    byte[] body = gzip ? new GZIPInputStream(new ByteArrayInputStream(wire)).readAllBytes() : wire;
    t.wireBytes += wire.length;
    t.bodyBytes += body.length;
    account(t, new String(body, StandardCharsets.UTF_8));
  }

  /** Counts series and adds up node_scrape_collector_duration_seconds per collector. */
  static void account(Target t, String text) {
    String prefix = "node_scrape_collector_duration_seconds{collector=\"";
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      t.series++;
      if (line.startsWith(prefix)) {
        int end = line.indexOf('"', prefix.length());
        String collector = line.substring(prefix.length(), end);
        double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        double[] acc = t.collectorSeconds.computeIfAbsent(collector, k -> new double[2]);
        acc[0] += v;
        acc[1]++;
      }
    }
  }

  /** utime + stime of a process, in clock ticks (/proc/<pid>/stat fields 14 and 15). */
  static long cpuTicks(long pid) throws IOException {
    // The command name may hold spaces; fields are counted after its closing parenthesis.
    return cpuTicks(Path.of("/proc/" + pid));
  }

  /** utime + stime per thread, by thread id; names (digits folded) go to t.threadNames. */
  static Map<String, long[]> threadTicks(Target t) throws IOException {
    Map<String, long[]> out = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/" + t.pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String tid = task.getFileName().toString();
          t.threadNames.put(tid, Files.readString(task.resolve("comm")).trim().replaceAll("\\d+", "N"));
          out.put(tid, new long[] {cpuTicks(task)});
        } catch (IOException e) {
          // the thread ended meanwhile
        }
      }
    }
    return out;
  }

  static long cpuTicks(Path procDir) throws IOException {
    String stat = Files.readString(procDir.resolve("stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  static long rssBytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IOException("no VmRSS for " + pid);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The side-by-side table. */
  static final class Report {
    static void print(Target a, Target b, int scrapes, int warmup, long clkTck, double wall) {
      System.out.printf(
          "%d scrapes each after %d warm-up, interleaved, %.1f s; gzip, %s%n%n",
          scrapes, warmup, wall, ACCEPT);
      System.out.printf("%-28s %14s %14s %8s  %s%n", "", a.name, b.name, "ratio", "target");
      row("latency p50 (ms)", p(a, 50), p(b, 50), "<= 1.0x", 1.0);
      row("latency p90 (ms)", p(a, 90), p(b, 90), "", 0);
      row("latency p99 (ms)", p(a, 99), p(b, 99), "<= 1.0x", 1.0);
      row("latency mean (ms)", mean(a), mean(b), "", 0);
      row("CPU per scrape (ms)", cpuMs(a, scrapes, clkTck), cpuMs(b, scrapes, clkTck), "<= 1.0x", 1.0);
      row("RSS after warm-up (MiB)", a.rssAfterWarmup / 1048576.0, b.rssAfterWarmup / 1048576.0, "<= 2.0x", 2.0);
      row("RSS at end (MiB)", a.rssAtEnd / 1048576.0, b.rssAtEnd / 1048576.0, "", 0);
      row("bytes per scrape (gzip)", (double) a.wireBytes / n(a), (double) b.wireBytes / n(b), "", 0);
      row("bytes per scrape (plain)", (double) a.bodyBytes / n(a), (double) b.bodyBytes / n(b), "", 0);
      row("series per scrape", (double) a.series / n(a), (double) b.series / n(b), "", 0);
      System.out.printf("failed scrapes: %s %d, %s %d%n", a.name, a.failures, b.name, b.failures);
      System.out.printf(
          "%nmean node_scrape_collector_duration_seconds (ms), as each exporter reports it:%n");
      TreeMap<String, String> names = new TreeMap<>();
      a.collectorSeconds.keySet().forEach(k -> names.put(k, k));
      b.collectorSeconds.keySet().forEach(k -> names.put(k, k));
      for (String c : names.keySet()) {
        row("  " + c, collectorMs(a, c), collectorMs(b, c), "", 0);
      }
      for (Target t : List.of(a, b)) {
        System.out.printf("%nCPU per scrape by thread of %s (ms):", t.name);
        threadCpu(t, scrapes, clkTck).entrySet().stream()
            .sorted((x, y) -> Double.compare(y.getValue(), x.getValue()))
            .limit(8)
            .forEach(e -> System.out.printf(" %s %.2f;", e.getKey(), e.getValue()));
        System.out.println();
      }
    }

    /** CPU per scrape over the measured run, by thread name (threads started meanwhile too). */
    static Map<String, Double> threadCpu(Target t, int scrapes, long clkTck) {
      Map<String, Double> out = new TreeMap<>();
      t.threadsEnd.forEach(
          (tid, end) -> {
            long[] start = t.threadsStart.get(tid);
            long ticks = end[0] - (start == null ? 0 : start[0]);
            if (ticks > 0) {
              out.merge(t.threadNames.get(tid), ticks * 1000.0 / clkTck / scrapes, Double::sum);
            }
          });
      return out;
    }

    static int n(Target t) {
      return Math.max(1, t.latenciesNanos.size());
    }

    static double p(Target t, int percentile) {
      long[] sorted = t.latenciesNanos.stream().mapToLong(Long::longValue).sorted().toArray();
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, rank)] / 1e6;
    }

    static double mean(Target t) {
      return Arrays.stream(t.latenciesNanos.stream().mapToLong(Long::longValue).toArray())
              .average()
              .orElse(Double.NaN)
          / 1e6;
    }

    static double cpuMs(Target t, int scrapes, long clkTck) {
      return (t.cpuTicksEnd - t.cpuTicksStart) * 1000.0 / clkTck / scrapes;
    }

    static double collectorMs(Target t, String c) {
      double[] acc = t.collectorSeconds.get(c);
      return acc == null ? Double.NaN : acc[0] / acc[1] * 1000;
    }

    static void row(String label, double a, double b, String target, double limit) {
      double ratio = b / a;
      String verdict = limit == 0 ? "" : (ratio <= limit ? "  met" : "  MISSED");
      System.out.printf(
          "%-28s %14.3f %14.3f %7.2fx  %s%s%n", label, a, b, ratio, target, verdict);
    }
  }
}
