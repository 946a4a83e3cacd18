package io.hostwatch.exporter.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@link KernelCalls} through {@code libhostwatch-kernel.so} ({@code src/main/c}), which the build
 * compiles into the jar for the machine's architecture.
 */
final class JniKernelCalls implements KernelCalls {
  static final String LIBRARY =
      "/native/linux-" + System.getProperty("os.arch", "") + "/libhostwatch-kernel.so";

  private JniKernelCalls() {}

  /**
   * Copies the library out of the jar (a shared object must be a file to be loaded), loads it and
   * deletes the copy: the loaded mapping outlives the name, and nothing is left behind after a
   * crash.
   */
  static JniKernelCalls load() throws IOException {
    if (!HostBackend.isLinux(System.getProperty("os.name"))) {
      throw new IOException("not Linux");
    }
    try (InputStream in = JniKernelCalls.class.getResourceAsStream(LIBRARY)) {
      if (in == null) {
        throw new IOException(LIBRARY + " not in the jar");
      }
      Path copy = Files.createTempFile("hostwatch-kernel", ".so");
      try {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        System.load(copy.toAbsolutePath().toString());
      } finally {
        Files.deleteIfExists(copy);
      }
    }
    return new JniKernelCalls();
  }

  @Override
  public FsUsage statfs(String path) throws IOException {
    long[] v = new long[6];
    byte[] name = (path + "\0").getBytes(StandardCharsets.UTF_8);
    int err = statfs0(name, v);
    if (err != 0) {
      throw new IOException("statfs " + path + ": " + describe(err));
    }
    // node_exporter multiplies by f_bsize (statfs), not f_frsize: keep its figures.
    double bsize = unsigned(v[0]);
    return new FsUsage(
        unsigned(v[1]) * bsize,
        unsigned(v[2]) * bsize,
        unsigned(v[3]) * bsize,
        unsigned(v[4]),
        unsigned(v[5]));
  }

  @Override
  public TimexStats.Raw adjtimex() throws IOException {
    long[] v = new long[17];
    int err = adjtimex0(v);
    if (err != 0) {
      throw new IOException("adjtimex: " + describe(err));
    }
    return new TimexStats.Raw(
        (int) v[0],
        (int) v[1],
        v[2],
        v[3],
        v[4],
        v[5],
        v[6],
        v[7],
        v[8],
        v[9],
        (int) v[10],
        v[11],
        v[12],
        v[13],
        v[14],
        v[15],
        (int) v[16]);
  }

  @Override
  public int pageSize() {
    return pageSize0();
  }

  /** The errno values a mount's statfs meets in practice, named as strerror(3) names them. */
  static String describe(int errno) {
    String name =
        switch (errno) {
          case 1 -> "operation not permitted";
          case 2 -> "no such file or directory";
          case 5 -> "input/output error";
          case 13 -> "permission denied";
          case 20 -> "not a directory";
          case 107 -> "transport endpoint is not connected";
          case 116 -> "stale file handle";
          default -> "error";
        };
    return name + " (errno " + errno + ")";
  }

  static double unsigned(long v) {
    return v >= 0 ? v : v + 0x1p64;
  }

  private static native int statfs0(byte[] path, long[] out);

  private static native int adjtimex0(long[] out);

  private static native int pageSize0();
}
