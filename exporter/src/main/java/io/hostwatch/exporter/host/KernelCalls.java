package io.hostwatch.exporter.host;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * The libc calls the Linux collectors need beyond reading files: {@code statfs(2)} for the
 * filesystem collector, {@code adjtimex(2)} for timex, the page size for sockstat's bytes.
 */
interface KernelCalls {
  /** Space and inodes of the filesystem holding {@code path}, as node_exporter reads them. */
  FsUsage statfs(String path) throws IOException;

  /** The kernel clock discipline; reading it needs no privilege. */
  TimexStats.Raw adjtimex() throws IOException;

  int pageSize();

  /** The calls of this JVM, loaded at first use: a host without those collectors loads none. */
  static KernelCalls get() {
    return Loaded.CALLS;
  }

  /** Holds the loaded calls (the class is initialised on first use, once). */
  final class Loaded {
    static final KernelCalls CALLS = load();

    private Loaded() {}
  }

  /**
   * The exporter's own small JNI library where it was built for this machine, else JNA (which OSHI
   * brings anyway) for the same calls at several megabytes more.
   */
  static KernelCalls load() {
    try {
      return JniKernelCalls.load();
    } catch (IOException | LinkageError e) {
      Logger.getLogger(KernelCalls.class.getName())
          .fine("native library not loaded (" + e.getMessage() + "); using JNA");
      return new JnaKernelCalls();
    }
  }
}
