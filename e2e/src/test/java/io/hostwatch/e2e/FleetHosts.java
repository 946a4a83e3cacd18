package io.hostwatch.e2e;

import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.ModuleJars;
import io.hostwatch.common.testing.RealProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet of exporters on one machine: host {@code i} listens on its own loopback address
 * (127.0.0.{i+2}; Linux routes all of 127.0.0.0/8 to lo) at the same port, as a real fleet runs one
 * exporter per host on one port, and registers itself with the registry with its own host id and a
 * role label. Each runs through {@code bin/exporter}, so with the launcher's JVM flags (the small
 * heap and C1 only that keep twenty JVMs cheap).
 */
final class FleetHosts implements AutoCloseable {
  /** One simulated host. */
  record Host(int index, String address, String hostId, String role) {
    String instance(int port) {
      return address + ":" + port;
    }
  }

  private final Path dir;
  private final String registryUrl;
  private final Path token;
  private final int port;
  private final List<Host> hosts = new ArrayList<>();
  private final RealProcess[] processes;

  FleetHosts(Path dir, int size, String registryUrl, Path token) throws IOException {
    this.dir = dir;
    this.registryUrl = registryUrl;
    this.token = token;
    for (int i = 0; i < size; i++) {
      String role = i % 2 == 0 ? "batch" : "db";
      hosts.add(new Host(i, "127.0.0." + (i + 2), String.format("fleet-host-%02d", i), role));
    }
    this.port = portFreeOnEvery(hosts);
    this.processes = new RealProcess[size];
  }

  List<Host> hosts() {
    return hosts;
  }

  int port() {
    return port;
  }

  /** Starts the given hosts' exporters at once, then waits until each is ready. */
  void start(List<Host> which, Duration timeout) throws Exception {
    for (Host h : which) {
      String name = "exporter-" + h.hostId() + (processes[h.index()] == null ? "" : "-again");
      processes[h.index()] = RealProcess.start(name, dir, command(h));
    }
    for (Host h : which) {
      processes[h.index()].awaitReady("http://" + h.instance(port) + "/-/ready", timeout);
    }
  }

  /** SIGKILL to the given hosts' exporters at once, as when a rack loses power. */
  void kill(List<Host> which) throws InterruptedException {
    for (Host h : which) {
      processes[h.index()].process().destroyForcibly();
    }
    for (Host h : which) {
      processes[h.index()].kill();
    }
  }

  /** Resident memory of the running exporters, from /proc, in bytes. */
  long totalRss() throws IOException {
    long kib = 0;
    for (RealProcess p : processes) {
      if (p == null || !p.process().isAlive()) {
        continue;
      }
      for (String l : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
        if (l.startsWith("VmRSS:")) {
          kib += Long.parseLong(l.replaceAll("\\D", ""));
        }
      }
    }
    return kib * 1024;
  }

  private List<String> command(Host h) throws IOException {
    ModuleJars.of("exporter");
    return List.of(
        ModuleJars.repoRoot().resolve("bin/exporter").toString(),
        "--web.listen-address=" + h.instance(port),
        "--path.rootfs=" + rootfs(h),
        "--host.id-file=" + dir.resolve(h.hostId() + ".id"),
        "--discovery.url=" + registryUrl,
        "--discovery.address=" + h.instance(port),
        "--discovery.bearer-token-file=" + token,
        "--discovery.interval=2s",
        "--discovery.label=role=" + h.role());
  }

  /**
   * The host's view of the root filesystem: this machine's, except {@code /etc/machine-id}, where
   * the exporter reads its host id. Every simulated host shares the real machine-id, so each gets a
   * root of its own (as a containerized exporter sees the host's root under {@code --path.rootfs}):
   * links to every top-level folder, and an {@code etc/} with the host's own id.
   */
  private Path rootfs(Host h) throws IOException {
    Path root = dir.resolve("rootfs").resolve(h.hostId());
    if (Files.isDirectory(root)) {
      return root;
    }
    Files.createDirectories(root.resolve("etc"));
    try (DirectoryStream<Path> top = Files.newDirectoryStream(Path.of("/"))) {
      for (Path p : top) {
        if (!p.getFileName().toString().equals("etc")) {
          Files.createSymbolicLink(root.resolve(p.getFileName().toString()), p);
        }
      }
    }
    Files.createSymbolicLink(root.resolve("etc/os-release"), Path.of("/etc/os-release"));
    Files.writeString(root.resolve("etc/machine-id"), h.hostId() + "\n");
    return root;
  }

  /** A port free on 127.0.0.1 that every host's address can also bind. */
  private static int portFreeOnEvery(List<Host> hosts) throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      int candidate = FreePorts.next();
      if (bindsOnEvery(hosts, candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("no port free on every fleet address");
  }

  private static boolean bindsOnEvery(List<Host> hosts, int port) throws IOException {
    for (Host h : hosts) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(h.address()), port));
      } catch (java.net.BindException e) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws InterruptedException {
    for (RealProcess p : processes) {
      if (p != null) {
        p.process().destroy();
      }
    }
    for (RealProcess p : processes) {
      if (p != null) {
        p.close();
      }
    }
  }
}
