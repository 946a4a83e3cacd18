package io.hostwatch.exporter.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import com.sun.jna.platform.linux.LibC;
import java.io.IOException;

/**
 * {@link KernelCalls} through JNA, where the exporter's own library is not built for the machine.
 */
final class JnaKernelCalls implements KernelCalls {
  /** JNA structures are costly to build, and one thread uses one at a time. */
  private final ThreadLocal<LibC.Statvfs> statvfs = ThreadLocal.withInitial(LibC.Statvfs::new);

  private final ThreadLocal<Timex> timex = ThreadLocal.withInitial(Timex::new);

  @Override
  public FsUsage statfs(String path) throws IOException {
    LibC.Statvfs s = statvfs.get();
    if (LibC.INSTANCE.statvfs(path, s) != 0) {
      throw new IOException(
          "statfs " + path + ": " + JniKernelCalls.describe(Native.getLastError()));
    }
    // node_exporter multiplies by f_bsize (statfs), not f_frsize: keep its figures.
    double bsize = JniKernelCalls.unsigned(s.f_bsize.longValue());
    return new FsUsage(
        JniKernelCalls.unsigned(s.f_blocks.longValue()) * bsize,
        JniKernelCalls.unsigned(s.f_bfree.longValue()) * bsize,
        JniKernelCalls.unsigned(s.f_bavail.longValue()) * bsize,
        JniKernelCalls.unsigned(s.f_files.longValue()),
        JniKernelCalls.unsigned(s.f_ffree.longValue()));
  }

  @Override
  public TimexStats.Raw adjtimex() throws IOException {
    Timex t = timex.get();
    try {
      return t.raw(Libc.INSTANCE.adjtimex(t));
    } catch (LastErrorException e) {
      throw new IOException("adjtimex: " + JniKernelCalls.describe(e.getErrorCode()));
    }
  }

  @Override
  public int pageSize() {
    return Libc.INSTANCE.getpagesize();
  }

  /** The libc functions JNA's platform library lacks. */
  interface Libc extends Library {
    Libc INSTANCE = Native.load("c", Libc.class);

    /** Reads the clock state when {@code buf.modes} is 0 (no privilege needed); returns it. */
    int adjtimex(Timex buf) throws LastErrorException;

    int getpagesize();
  }

  /** glibc's {@code struct timex}; JNA's natural alignment gives the C layout's padding. */
  @Structure.FieldOrder({
    "modes",
    "offset",
    "freq",
    "maxerror",
    "esterror",
    "status",
    "constant",
    "precision",
    "tolerance",
    "timeSec",
    "timeUsec",
    "tick",
    "ppsfreq",
    "jitter",
    "shift",
    "stabil",
    "jitcnt",
    "calcnt",
    "errcnt",
    "stbcnt",
    "tai",
    "reserved"
  })
  public static final class Timex extends Structure {
    public int modes;
    public NativeLong offset;
    public NativeLong freq;
    public NativeLong maxerror;
    public NativeLong esterror;
    public int status;
    public NativeLong constant;
    public NativeLong precision;
    public NativeLong tolerance;
    public NativeLong timeSec;
    public NativeLong timeUsec;
    public NativeLong tick;
    public NativeLong ppsfreq;
    public NativeLong jitter;
    public int shift;
    public NativeLong stabil;
    public NativeLong jitcnt;
    public NativeLong calcnt;
    public NativeLong errcnt;
    public NativeLong stbcnt;
    public int tai;
    public int[] reserved = new int[11];

    TimexStats.Raw raw(int state) {
      return new TimexStats.Raw(
          state,
          status,
          offset.longValue(),
          freq.longValue(),
          maxerror.longValue(),
          esterror.longValue(),
          constant.longValue(),
          tick.longValue(),
          ppsfreq.longValue(),
          jitter.longValue(),
          shift,
          stabil.longValue(),
          jitcnt.longValue(),
          calcnt.longValue(),
          errcnt.longValue(),
          stbcnt.longValue(),
          tai);
    }
  }
}
