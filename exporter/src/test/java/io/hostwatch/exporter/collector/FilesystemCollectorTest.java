package io.hostwatch.exporter.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.exporter.host.FsUsage;
import io.hostwatch.exporter.host.MountPoint;
import io.hostwatch.exporter.host.StatfsGuard;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class FilesystemCollectorTest {

  @Test
  void aStuckMountGetsDeviceErrorAndIsSkippedUntilItAnswers() throws Exception {
    FakeHost host = new FakeHost();
    host.mounts.add(new MountPoint("/dev/vda", "/", "ext4", false));
    host.mounts.add(new MountPoint("srv:/x", "/srv/nfs", "nfs4", false));
    host.mounts.add(new MountPoint("proc", "/proc", "proc", false));
    host.usage.put("/", new FsUsage(1000, 500, 400, 100, 50));
    host.usage.put("/srv/nfs", new FsUsage(2000, 1000, 900, 10, 5));
    CountDownLatch nfs = new CountDownLatch(1);
    host.hung.put("/srv/nfs", nfs);
    StatfsGuard guard = new StatfsGuard(host, Duration.ofMillis(200));
    FilesystemCollector c = new FilesystemCollector(host, guard, CollectorOptions.defaults());

    String first = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> text(c));
    assertTrue(
        first.contains(
            "node_filesystem_device_error{device=\"srv:/x\",fstype=\"nfs4\",mountpoint=\"/srv/nfs\"} 1"),
        first);
    assertFalse(first.contains("node_filesystem_size_bytes{device=\"srv:/x\""), first);
    assertTrue(
        first.contains(
            "node_filesystem_size_bytes{device=\"/dev/vda\",fstype=\"ext4\",mountpoint=\"/\"} 1000"),
        first);
    assertFalse(first.contains("mountpoint=\"/proc\""), "proc is excluded by default");
    assertTrue(guard.isStuck("/srv/nfs"));

    String second = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> text(c));
    assertTrue(second.contains("mountpoint=\"/srv/nfs\"} 1"), "still stuck: " + second);

    nfs.countDown();
    for (int i = 0; i < 1000 && guard.isStuck("/srv/nfs"); i++) {
      Thread.sleep(20);
    }
    String third = text(c);
    assertTrue(
        third.contains(
            "node_filesystem_size_bytes{device=\"srv:/x\",fstype=\"nfs4\",mountpoint=\"/srv/nfs\"} 2000"),
        third);
  }

  @Test
  void aFailingStatfsIsADeviceError() throws Exception {
    FakeHost host = new FakeHost();
    host.mounts.add(new MountPoint("/dev/sdz", "/gone", "ext4", true));
    FilesystemCollector c =
        new FilesystemCollector(
            host, new StatfsGuard(host, Duration.ofSeconds(5)), CollectorOptions.defaults());
    String t = text(c);
    assertTrue(
        t.contains(
            "node_filesystem_device_error{device=\"/dev/sdz\",fstype=\"ext4\",mountpoint=\"/gone\"} 1"),
        t);
    assertTrue(
        t.contains(
            "node_filesystem_readonly{device=\"/dev/sdz\",fstype=\"ext4\",mountpoint=\"/gone\"} 1"),
        t);
    assertEquals(-1, t.indexOf("node_filesystem_size_bytes{"), t);
  }

  static String text(Collector c) throws Exception {
    MetricSink sink = new MetricSink();
    c.collect(sink);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create()
        .write(out, new MetricSnapshots(sink.snapshots()), EscapingScheme.ALLOW_UTF8);
    return out.toString(StandardCharsets.UTF_8).replace(".0\n", "\n").replace("E3\n", "000\n");
  }
}
