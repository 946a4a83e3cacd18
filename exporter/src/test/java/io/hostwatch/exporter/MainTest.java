package io.hostwatch.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.exporter.collector.CollectorRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  private final StringWriter err = new StringWriter();

  private Main parse(String... args) {
    CommandLine cl =
        Main.newCommandLine(
            CollectorRegistry.builtIn(), new PrintWriter(new StringWriter()), new PrintWriter(err));
    cl.parseArgs(args);
    return cl.getCommand();
  }

  @Test
  void everyBuiltInCollectorIsOnByDefault() {
    Set<String> enabled = parse().enabledCollectors();
    assertTrue(
        enabled.containsAll(
            Set.of(
                "cpu",
                "meminfo",
                "filesystem",
                "diskstats",
                "netdev",
                "loadavg",
                "stat",
                "time",
                "uname",
                "os",
                "usage",
                "hostinfo")),
        enabled.toString());
  }

  @Test
  void noCollectorTurnsOneOff() {
    Set<String> enabled = parse("--no-collector.cpu").enabledCollectors();
    assertTrue(!enabled.contains("cpu") && enabled.contains("meminfo"), enabled.toString());
  }

  @Test
  void disableDefaultsKeepsOnlyExplicitOnes() {
    assertEquals(
        Set.of("cpu", "loadavg"),
        parse("--collector.disable-defaults", "--collector.cpu", "--collector.loadavg")
            .enabledCollectors());
  }

  @Test
  void badFlagsExitWithUsageError() {
    CommandLine cl =
        Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    assertEquals(2, cl.execute("--collector.nosuch"));
    assertTrue(err.toString().contains("--collector.nosuch"), err.toString());
    assertEquals(2, cl.execute("--collector.sample-interval=5x"));
  }

  @Test
  void badListenAddressIsAUsageError() {
    CommandLine cl =
        Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true));
    assertEquals(2, cl.execute("--web.listen-address=nocolon"));
    assertTrue(err.toString().contains("--web.listen-address"), err.toString());
  }
}
