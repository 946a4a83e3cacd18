/*
 * The three libc calls the Linux collectors make beyond reading /proc and /sys, for
 * io.hostwatch.exporter.host.JniKernelCalls. A JNI library this size costs the exporter a few
 * hundred kilobytes of memory where loading JNA for the same calls cost about nine megabytes.
 * Each call returns 0 or the errno of the failure; figures go into the caller's long array.
 */
#include <errno.h>
#include <jni.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/timex.h>
#include <unistd.h>

/* path: the file name's bytes ending in a NUL. out: bsize, blocks, bfree, bavail, files, ffree. */
JNIEXPORT jint JNICALL Java_io_hostwatch_exporter_host_JniKernelCalls_statfs0(
    JNIEnv *env, jclass cls, jbyteArray path, jlongArray out) {
  jbyte *name = (*env)->GetByteArrayElements(env, path, NULL);
  if (name == NULL) {
    return ENOMEM; /* an OutOfMemoryError is pending */
  }
  struct statfs s;
  int rc = statfs((const char *)name, &s);
  int err = errno;
  (*env)->ReleaseByteArrayElements(env, path, name, JNI_ABORT);
  if (rc != 0) {
    return err;
  }
  jlong v[6] = {(jlong)s.f_bsize, (jlong)s.f_blocks, (jlong)s.f_bfree,
                (jlong)s.f_bavail, (jlong)s.f_files, (jlong)s.f_ffree};
  (*env)->SetLongArrayRegion(env, out, 0, 6, v);
  return 0;
}

/* Reads the clock state (modes 0 needs no privilege). out: the state, then struct timex's fields
 * in the order of TimexStats.Raw. */
JNIEXPORT jint JNICALL Java_io_hostwatch_exporter_host_JniKernelCalls_adjtimex0(
    JNIEnv *env, jclass cls, jlongArray out) {
  struct timex t;
  memset(&t, 0, sizeof t);
  int state = adjtimex(&t);
  if (state < 0) {
    return errno;
  }
  jlong v[17] = {state,        t.status,   t.offset,   t.freq,     t.maxerror, t.esterror,
                 t.constant,   t.tick,     t.ppsfreq,  t.jitter,   t.shift,    t.stabil,
                 t.jitcnt,     t.calcnt,   t.errcnt,   t.stbcnt,   t.tai};
  (*env)->SetLongArrayRegion(env, out, 0, 17, v);
  return 0;
}

JNIEXPORT jint JNICALL Java_io_hostwatch_exporter_host_JniKernelCalls_pageSize0(
    JNIEnv *env, jclass cls) {
  return (jint)sysconf(_SC_PAGESIZE);
}
