package io.hostwatch.exporter.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;

/**
 * The libc calls the Linux collectors need beyond reading files, through JNA (already loaded for
 * {@code statvfs}): {@code adjtimex(2)} for the kernel clock discipline, {@code getpagesize(2)} for
 * sockstat's pages-to-bytes.
 */
interface KernelCalls extends Library {
  KernelCalls INSTANCE = Native.load("c", KernelCalls.class);

  /** Reads the clock state when {@code buf.modes} is 0 (no privilege needed); returns it. */
  int adjtimex(Timex buf) throws LastErrorException;

  int getpagesize();

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
  final class Timex extends Structure {
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
