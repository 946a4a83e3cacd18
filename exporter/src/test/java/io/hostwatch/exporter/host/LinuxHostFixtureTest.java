package io.hostwatch.exporter.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LinuxHost on a made-up /proc, /sys and root: the --path.* flags as a container uses them. */
class LinuxHostFixtureTest {
  @TempDir Path dir;

  private LinuxHost host(String rootfs) {
    return new LinuxHost(new HostPaths(dir.resolve("proc"), dir.resolve("sys"), Path.of(rootfs)));
  }

  private void write(String relative, String text) throws Exception {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void rootfsPrefixIsStrippedAsNodeExporterDoes() throws Exception {
    write(
        "proc/1/mounts",
        "/dev/vda / ext4 rw 0 0\n/dev/vda /host ext4 rw 0 0\n/dev/vdb /host/data xfs ro 0 0\n");
    List<MountPoint> m = host("/host").mounts();
    assertEquals(
        List.of(
            new MountPoint("/dev/vda", "/", "ext4", false),
            new MountPoint("/dev/vda", "/", "ext4", false),
            new MountPoint("/dev/vdb", "/data", "xfs", true)),
        m);
  }

  @Test
  void fallsBackToSelfMountsWhenPid1IsUnreadable() throws Exception {
    write("proc/self/mounts", "tmpfs /tmp tmpfs rw 0 0\n");
    assertEquals("/tmp", host("/").mounts().get(0).mountPoint());
  }

  @Test
  void netDevAddsNohandlerFromSysfs() throws Exception {
    write(
        "proc/net/dev",
        "Inter-|   Receive                            |  Transmit\n"
            + " face |bytes packets errs drop fifo frame compressed multicast|bytes packets errs"
            + " drop fifo colls carrier compressed\n"
            + "  eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n");
    write("sys/class/net/eth0/statistics/rx_nohandler", "42\n");
    NetDevStats eth0 = host("/").netDev().get(0);
    assertEquals(42.0, eth0.counters().get("receive_nohandler"));
    assertEquals(9.0, eth0.counters().get("transmit_bytes"));
  }

  @Test
  void osReleaseFromTheRootfsAndItsFallback() throws Exception {
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("usr/lib"));
    Files.writeString(root.resolve("usr/lib/os-release"), "ID=alpine\n");
    LinuxHost h = host(root.toString());
    assertEquals("alpine", h.osRelease().get("ID"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/os-release"), "ID=debian\n");
    assertEquals("debian", h.osRelease().get("ID"));
    Files.delete(root.resolve("etc/os-release"));
    Files.delete(root.resolve("usr/lib/os-release"));
    assertThrows(NoSuchFileException.class, h::osRelease);
  }
}
