package io.hostwatch.exporter.host;

import java.util.Locale;

/**
 * Where the figures come from ({@code --host.backend}): {@code procfs} reads {@code /proc} and
 * {@code /sys}, which only Linux has, and is the only one with Linux's kernel tables; {@code oshi}
 * asks OSHI, on any OS.
 *
 * <pre>{@code
 * Host host = HostBackend.defaultFor(System.getProperty("os.name")).create(HostPaths.defaults());
 * }</pre>
 */
public enum HostBackend {
  PROCFS,
  OSHI;

  /** As the flag spells it: {@code procfs}, {@code oshi}. */
  public String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The flag's value, in any case; null when it names no backend. */
  public static HostBackend parse(String value) {
    for (HostBackend b : values()) {
      if (b.flagValue().equalsIgnoreCase(value)) {
        return b;
      }
    }
    return null;
  }

  /** {@code procfs} on Linux, {@code oshi} elsewhere. */
  public static HostBackend defaultFor(String osName) {
    return isLinux(osName) ? PROCFS : OSHI;
  }

  /** Why this backend cannot run on {@code osName}, or null when it can. */
  public String unavailableOn(String osName) {
    if (this == PROCFS && !isLinux(osName)) {
      return "procfs reads Linux's /proc and /sys, which " + osName + " does not have";
    }
    return null;
  }

  /**
   * Whether the collectors of Linux's kernel tables ({@code filefd}, {@code vmstat}...) can run.
   */
  public boolean readsKernelTables() {
    return this == PROCFS;
  }

  /**
   * The host this backend reads. OSHI and JNA are big and start slowly, so their classes load only
   * when this builds an {@link OshiHost}, never for {@code procfs}.
   */
  public Host create(HostPaths paths) {
    return this == PROCFS ? new LinuxHost(paths) : new OshiHost();
  }

  static boolean isLinux(String osName) {
    return osName != null && osName.toLowerCase(Locale.ROOT).startsWith("linux");
  }
}
