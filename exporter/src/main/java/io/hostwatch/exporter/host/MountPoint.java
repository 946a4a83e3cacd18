package io.hostwatch.exporter.host;

/** One mounted filesystem, as {@code /proc/1/mounts} lists it (octal escapes decoded). */
public record MountPoint(String device, String mountPoint, String fsType, boolean readOnly) {}
