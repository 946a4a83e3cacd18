package io.hostwatch.exporter.host;

/** The fields of {@code uname(2)}, as node_exporter labels them. */
public record UnameInfo(
    String sysname,
    String release,
    String version,
    String machine,
    String nodename,
    String domainname) {}
