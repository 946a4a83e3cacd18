package io.hostwatch.exporter.host;

/** What {@code statfs} says of a mounted filesystem, in bytes and inodes. */
public record FsUsage(
    double sizeBytes, double freeBytes, double availBytes, double files, double filesFree) {}
