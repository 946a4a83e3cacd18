package io.hostwatch.exporter.collector;

import java.util.Set;
import java.util.function.Supplier;

/**
 * A collector whose input comes from outside the exporter (textfiles) and so must not define what
 * the other collectors produce: the coordinator tells it those names and merges its output last, so
 * a collision never replaces a real value.
 */
interface ReadsOthersNames {
  /** Called once with the names the other collectors produced in the latest scrape. */
  void othersProduce(Supplier<Set<String>> names);
}
