package io.hostwatch.exporter.host;

import io.hostwatch.common.io.AtomicFiles;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Who this host is: an id stable across restarts and re-addressing, its name, its first
 * non-loopback address and its OS, for {@code hostwatch_host_info} and discovery.
 */
public final class HostIdentity {
  private static final Logger logger = Logger.getLogger(HostIdentity.class.getName());

  private final String hostId;
  private final Host host;

  private HostIdentity(String hostId, Host host) {
    this.hostId = hostId;
    this.host = host;
  }

  /**
   * The id, first found of: {@code /etc/machine-id} (systemd, also under {@code /var/lib/dbus}), an
   * id generated once and kept in {@code stateFile}, OSHI's hardware UUID.
   */
  public static HostIdentity detect(HostPaths paths, Host host, Path stateFile) {
    for (String f : new String[] {"/etc/machine-id", "/var/lib/dbus/machine-id"}) {
      String id = readTrimmed(paths.root(f));
      if (!id.isEmpty()) {
        return new HostIdentity(id, host);
      }
    }
    if (stateFile != null) {
      String id = readTrimmed(stateFile);
      if (!id.isEmpty()) {
        return new HostIdentity(id, host);
      }
      id = UUID.randomUUID().toString().replace("-", "");
      try {
        writeAtomically(stateFile, id + "\n");
        return new HostIdentity(id, host);
      } catch (IOException e) {
        logger.warning("cannot keep a host id in " + stateFile + ": " + e.getMessage());
      }
    }
    // Only here, the last resort, may the procfs backend load OSHI.
    OshiHost oshi = host instanceof OshiHost o ? o : new OshiHost();
    String uuid = oshi.hardwareUuid();
    return new HostIdentity(uuid.toLowerCase(java.util.Locale.ROOT).replace("-", ""), host);
  }

  /** For tests and callers that already know the id. */
  public static HostIdentity of(String hostId, Host host) {
    return new HostIdentity(hostId, host);
  }

  public String hostId() {
    return hostId;
  }

  /** The kernel's host name (no DNS look-up). */
  public String hostname() {
    try {
      return host.uname().nodename();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** The OS as people say it: {@code PRETTY_NAME} of os-release, else the JVM's os.name. */
  public String os() {
    try {
      Map<String, String> r = host.osRelease();
      String pretty = r.getOrDefault("PRETTY_NAME", r.getOrDefault("NAME", ""));
      if (!pretty.isEmpty()) {
        return pretty;
      }
    } catch (IOException | RuntimeException e) {
      // fall back below
    }
    return System.getProperty("os.name", "");
  }

  /** The first IPv4 address of an up, non-loopback interface; else any such address; else "". */
  public static String primaryAddress() {
    InetAddress fallback = null;
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!ni.isUp() || ni.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          if (a.isLoopbackAddress() || a.isLinkLocalAddress()) {
            continue;
          }
          if (a instanceof Inet4Address) {
            return a.getHostAddress();
          }
          fallback = fallback == null ? a : fallback;
        }
      }
    } catch (SocketException e) {
      logger.fine("cannot list network interfaces: " + e.getMessage());
    }
    return fallback == null ? "" : fallback.getHostAddress().replaceAll("%.*$", "");
  }

  private static String readTrimmed(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }

  private static void writeAtomically(Path target, String text) throws IOException {
    AtomicFiles.write(target, text.getBytes(StandardCharsets.UTF_8));
  }
}
