package io.hostwatch.exporter.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The reads behind {@link LinuxHost}'s kernel tables (file handles, conntrack, vmstat, netstat,
 * sockets, pressure, entropy, softnet, UDP queues, ARP, {@code /sys/class/net}), kept apart so
 * {@code LinuxHost} stays about the figures every platform has. Each reads and hands the text to
 * its record's parse function.
 */
final class LinuxTables {
  private final HostPaths paths;
  private volatile long pageSize;

  LinuxTables(HostPaths paths) {
    this.paths = paths;
  }

  FileFdStats fileFd() throws IOException {
    return FileFdStats.parse(proc("sys/fs/file-nr"));
  }

  ConntrackStats conntrack() throws IOException {
    double entries = number(proc("sys/net/netfilter/nf_conntrack_count"));
    double limit = number(proc("sys/net/netfilter/nf_conntrack_max"));
    return new ConntrackStats(
        entries, limit, ConntrackStats.parseStat(proc("net/stat/nf_conntrack")));
  }

  TimexStats timex() throws IOException {
    return TimexStats.of(KernelCalls.get().adjtimex());
  }

  List<NamedValue> vmstat(Pattern fields) throws IOException {
    return NamedValue.parseVmstat(proc("vmstat"), fields);
  }

  List<NetStat> netstat(Pattern fields) throws IOException {
    List<NetStat> out = new ArrayList<>();
    NetStat.parseTables(proc("net/netstat"), fields, out);
    NetStat.parseTables(proc("net/snmp"), fields, out);
    try {
      NetStat.parseSnmp6(proc("net/snmp6"), fields, out);
    } catch (NoSuchFileException e) {
      // IPv6 disabled: node_exporter shows the IPv4 figures alone.
    }
    return out;
  }

  List<SockStat> sockstat() throws IOException {
    if (pageSize == 0) {
      pageSize = KernelCalls.get().pageSize();
    }
    List<SockStat> out = new ArrayList<>(SockStat.parse(proc("net/sockstat"), pageSize));
    try {
      out.addAll(SockStat.parse(proc("net/sockstat6"), pageSize));
    } catch (NoSuchFileException e) {
      // IPv6 disabled.
    }
    return out;
  }

  PressureStats pressure(String resource) throws IOException {
    return PressureStats.parse(proc("pressure/" + resource));
  }

  EntropyStats entropy() throws IOException {
    return EntropyStats.parse(
        proc("sys/kernel/random/entropy_avail"), proc("sys/kernel/random/poolsize"));
  }

  List<SoftnetStat> softnet() throws IOException {
    return SoftnetStat.parse(proc("net/softnet_stat"));
  }

  UdpQueues udpQueues(boolean ipv6) throws IOException {
    return UdpQueues.parse(proc(ipv6 ? "net/udp6" : "net/udp"));
  }

  List<ArpEntries> arp() throws IOException {
    return ArpEntries.parse(proc("net/arp"));
  }

  List<NetClassDevice> netClass(Pattern ignored) throws IOException {
    List<Path> devices = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(paths.sys("class/net"))) {
      for (Path p : dir) {
        // Devices are symlinks to their directories; bonding_masters is a plain file.
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
            && !ignored.matcher(p.getFileName().toString()).find()) {
          devices.add(p);
        }
      }
    }
    devices.sort(null);
    List<NetClassDevice> out = new ArrayList<>(devices.size());
    Map<String, String> files = new HashMap<>();
    for (Path device : devices) {
      files.clear();
      readAttributes(device, NetClassDevice.TEXT_FILES, files);
      readAttributes(device, NetClassDevice.NUMBER_FILES, files);
      out.add(NetClassDevice.parse(device.getFileName().toString(), files));
    }
    return out;
  }

  List<MdStat> mdstat() throws IOException {
    return MdStat.parse(proc("mdstat"));
  }

  List<Bond> bonding() throws IOException {
    Path net = paths.sys("class/net");
    // Keyed by master: a name listed twice is one bond, as node_exporter counts it.
    Map<String, Bond> bonds = new java.util.LinkedHashMap<>();
    for (String master : Bond.names(LinuxHost.read(net.resolve("bonding_masters")))) {
      Path dir = net.resolve(master);
      List<String> states = new ArrayList<>();
      for (String slave : Bond.names(LinuxHost.read(dir.resolve("bonding/slaves")))) {
        states.add(miiStatus(dir, slave));
      }
      bonds.put(master, Bond.of(master, states));
    }
    return new ArrayList<>(bonds.values());
  }

  /** A slave's link state; kernels before 4.x name its link {@code slave_<name>}. */
  private static String miiStatus(Path master, String slave) throws IOException {
    Path lower = master.resolve("lower_" + slave + "/bonding_slave/mii_status");
    try {
      return LinuxHost.read(lower);
    } catch (NoSuchFileException e) {
      try {
        return LinuxHost.read(master.resolve("slave_" + slave + "/bonding_slave/mii_status"));
      } catch (NoSuchFileException again) {
        throw new NoSuchFileException(
            lower.toString(),
            null,
            "slave "
                + slave
                + " of bonding/slaves has no mii_status (nor under slave_"
                + slave
                + ")");
      }
    }
  }

  List<NvmeDevice> nvme() throws IOException {
    List<Path> controllers = ProcFiles.sortedEntries(paths.sys("class/nvme"));
    List<NvmeDevice> out = new ArrayList<>(controllers.size());
    for (Path controller : controllers) {
      Map<String, String> files = new HashMap<>();
      for (String name : NvmeDevice.FILES) {
        // Unlike netclass, every attribute is required: a missing one fails the collector.
        files.put(name, ProcFiles.read(controller.resolve(name), NvmeDevice.MAX_ATTRIBUTE_BYTES));
      }
      out.add(NvmeDevice.parse(controller.getFileName().toString(), files));
    }
    return out;
  }

  private static void readAttributes(Path device, List<String> names, Map<String, String> out) {
    for (String name : names) {
      try {
        out.put(name, LinuxHost.read(device.resolve(name)));
      } catch (IOException e) {
        // Missing, or refused for this device's state (EINVAL for a down device's carrier and
        // speed): the attribute is left out, as node_exporter leaves it out.
      }
    }
  }

  private String proc(String relative) throws IOException {
    return LinuxHost.read(paths.proc(relative));
  }

  private static double number(String text) {
    return Long.parseLong(text.strip());
  }
}
