package io.hostwatch.exporter.host;

/** The 1, 5 and 15 minute load averages. */
public record LoadAverage(double one, double five, double fifteen) {}
