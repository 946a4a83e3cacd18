package io.hostwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hostwatch.common.testing.Binaries;
import io.hostwatch.common.testing.FreePorts;
import io.hostwatch.common.testing.RealProcess;
import io.hostwatch.e2e.FleetHosts.Host;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet, not a host: twenty exporters, each on its own loopback address with its own host id and
 * a role, register with the registry; Prometheus finds them through http_sd and evaluates the rules
 * rules-gen wrote (with an override for {@code role: batch}); an Alertmanager pair, clustered over
 * loopback, both get every alert and both send to the alert-webhook, which mails through GreenMail.
 * Then the registry crashes and comes back, and a fifth of the hosts go down at once while the
 * webhook is killed and restarted: the storm must arrive as a few emails naming every host, each
 * exactly once, and the recovery as resolved emails. Throughout, the forecaster serves every host's
 * forecasts.
 */
class FleetIT {
  private static final int N = 20;
  private static final Duration START = Duration.ofMinutes(3);
  private static final Duration ALERT = Duration.ofMinutes(3);
  private static final String WEBHOOK = "hostwatch_alert_webhook_";

  @TempDir Path dir;
  private final Map<String, RealProcess> services = new LinkedHashMap<>();
  private final Map<String, List<String>> commands = new HashMap<>();
  private final int prom = FreePorts.next();
  private final int am1 = FreePorts.next();
  private final int am2 = FreePorts.next();
  private final int webhook = FreePorts.next();
  private final int registry = FreePorts.next();
  private final int forecaster = FreePorts.next();
  private FleetMailbox mail;
  private FleetHosts fleet;
  private PromApi api;

  @AfterEach
  void stopAll() throws InterruptedException {
    if (fleet != null) {
      fleet.close();
    }
    List<RealProcess> running = List.copyOf(services.values());
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
    if (mail != null) {
      mail.close();
    }
  }

  @Test
  void twentyHostsAnHaPairAndAStorm() throws Exception {
    mail = new FleetMailbox();
    Path config =
        FleetStack.configure(dir, prom, am1, am2, webhook, registry, forecaster, mail.port());
    startStack(config);
    fleet = new FleetHosts(dir, N, "http://127.0.0.1:" + registry, dir.resolve("registry-token"));
    long t0 = System.nanoTime();
    fleet.start(fleet.hosts(), START);
    everyHostIsATargetOfItsOwn();
    report("all %d targets up after %d s", N, (System.nanoTime() - t0) / 1_000_000_000L);
    report("exporters' resident memory: %d MiB in all", fleet.totalRss() >> 20);
    batchHostsAlertOnTheirOwnLevels();
    registryRestartLosesNoTarget();
    report("Prometheus appends %.0f samples/s", samplesPerSecond());
    stormIsAFewEmailsNamingEveryHostEachOnce();
    aHostDownStillMailedOnceWithOneOfThePairDead();
    everyHostIsForecast();
  }

  /**
   * The forecaster, on rules-gen's configuration, serves CPU busy and memory used forecasts and a
   * disk's time to full for every host of the fleet, each under the host's own instance.
   */
  private void everyHostIsForecast() throws Exception {
    String url = "http://127.0.0.1:" + forecaster + "/metrics";
    Await.value(
        "forecasts for every host", START, () -> unforecast(PromApi.get(url)), List::isEmpty);
  }

  /** What some host still lacks: "instance forecast" pairs. */
  private List<String> unforecast(String metrics) {
    List<String> missing = new java.util.ArrayList<>();
    for (Host h : fleet.hosts()) {
      String instance = "instance=\"" + h.instance(fleet.port()) + "\"";
      for (String[] want :
          List.of(
              new String[] {"hostwatch_forecast{", "cpu_busy"},
              new String[] {"hostwatch_forecast{", "memory_used"},
              new String[] {"hostwatch_forecast_time_to_threshold_seconds{", "disk_avail"})) {
        boolean served =
            metrics
                .lines()
                .anyMatch(
                    l ->
                        l.startsWith(want[0])
                            && l.contains(instance)
                            && l.contains("forecast=\"" + want[1] + "\""));
        if (!served) {
          missing.add(h.address() + " " + want[1]);
        }
      }
    }
    return missing;
  }

  private double samplesPerSecond() throws Exception {
    List<PromApi.Sample> rate = api.query("rate(prometheus_tsdb_head_samples_appended_total[30s])");
    return rate.isEmpty() ? 0 : rate.get(0).value();
  }

  /**
   * One member of the pair killed, then one more host down and back: the survivor alone mails both,
   * each once.
   */
  private void aHostDownStillMailedOnceWithOneOfThePairDead() throws Exception {
    Host host = fleet.hosts().get(1);
    Set<String> name = Set.of(host.address());
    int from = awaitQuietFleet();
    services.remove("am1").kill();
    fleet.kill(List.of(host));
    Await.value(
        "a HostDown email for " + host.address() + " from the surviving Alertmanager",
        ALERT,
        () -> mail.hostDown(from, name),
        mails -> FleetMailbox.union(mails, AlertMail::firing).containsAll(name));
    fleet.start(List.of(host), START);
    Await.value(
        "the resolved email for " + host.address(),
        ALERT,
        () -> mail.hostDown(from, name),
        mails -> FleetMailbox.union(mails, AlertMail::resolved).containsAll(name));
    everyEmailOnce();
  }

  private void startStack(Path config) throws Exception {
    Path alertmanager = Binaries.require("prometheus-alertmanager");
    int cluster1 = FreePorts.next();
    int cluster2 = FreePorts.next();
    start("registry", FleetStack.registry(dir, registry));
    start("alert-webhook", FleetStack.webhook(dir, config, webhook));
    start("am1", FleetStack.alertmanager(alertmanager, dir, config, 1, am1, cluster1, cluster2));
    start("am2", FleetStack.alertmanager(alertmanager, dir, config, 2, am2, cluster2, cluster1));
    start("prometheus", FleetStack.prometheus(Binaries.require("prometheus"), dir, config, prom));
    start("forecaster", FleetStack.forecaster(config, forecaster));
    api = new PromApi("http://127.0.0.1:" + prom);
    for (int am : new int[] {am1, am2}) {
      String metrics = "http://127.0.0.1:" + am + "/metrics";
      Await.until(
          "the Alertmanager pair to form a cluster of two",
          START,
          () -> PromApi.scrape(metrics, "alertmanager_cluster_members") == 2);
    }
  }

  private RealProcess start(String name, List<String> command) throws Exception {
    commands.put(name, command);
    RealProcess p = RealProcess.start(name, dir, command);
    services.put(name, p);
    int port = Integer.parseInt(FleetStack.listenPort(command));
    return p.awaitReady("http://127.0.0.1:" + port + "/-/ready", START);
  }

  /** SIGKILL, then the same command again: same port, same storage. */
  private void crashAndRestart(String name) throws Exception {
    services.get(name).kill();
    start(name, commands.get(name));
  }

  private void everyHostIsATargetOfItsOwn() throws Exception {
    List<PromApi.Sample> up =
        Await.value(
            "every host to be scraped",
            START,
            () -> api.query("up{job=\"node\"} == 1"),
            samples -> samples.size() == N);
    Map<String, PromApi.Sample> byInstance =
        up.stream().collect(Collectors.toMap(s -> s.label("instance"), s -> s));
    assertEquals(N, byInstance.size(), "each host its own instance: " + up);
    for (Host h : fleet.hosts()) {
      PromApi.Sample s = byInstance.get(h.instance(fleet.port()));
      assertTrue(s != null, h + " is a target: " + byInstance.keySet());
      assertEquals(h.hostId(), s.label("host_id"), h.toString());
      assertEquals(h.role(), s.label("role"), h.toString());
    }
  }

  /**
   * The override for {@code role: batch} puts their memory levels at 1 % and 2 %, the others' at 98
   * % and 99 %: once every batch host fires, the same evaluations have held every db host below its
   * own level.
   */
  private void batchHostsAlertOnTheirOwnLevels() throws Exception {
    Set<String> batch = instances(fleet.hosts().stream().filter(h -> h.role().equals("batch")));
    // Recorded at the first evaluation after each host's first scrape.
    List<PromApi.Sample> cpu =
        Await.value(
            "a CPU level for every host",
            ALERT,
            () -> api.query("hostwatch:threshold_cpu_busy:percent{severity=\"warning\"}"),
            samples -> samples.size() == N);
    for (PromApi.Sample s : cpu) {
      double expected = batch.contains(s.label("instance")) ? 97 : 80;
      assertEquals(expected, s.value(), s.toString());
    }
    Set<String> firing =
        Await.value(
            "HostHighMemory on every batch host",
            ALERT,
            () ->
                labelSet(
                    api.query("ALERTS{alertname=\"HostHighMemory\",alertstate=\"firing\"}"),
                    "instance"),
            got -> got.containsAll(batch));
    assertEquals(batch, firing, "only the batch hosts alert");
  }

  private void registryRestartLosesNoTarget() throws Exception {
    String promMetrics = "http://127.0.0.1:" + prom + "/metrics";
    double failures = PromApi.scrape(promMetrics, "prometheus_sd_http_failures_total");
    services.get("registry").kill();
    Await.until(
        "Prometheus to find the registry gone",
        START,
        () ->
            allTargetsKept()
                && PromApi.scrape(promMetrics, "prometheus_sd_http_failures_total") > failures);
    start("registry", commands.get("registry"));
    double refreshes = refreshes(promMetrics);
    // Several discoveries from the restarted registry, and every target kept through each.
    Await.until(
        "three discoveries from the restarted registry",
        START,
        () -> allTargetsKept() && refreshes(promMetrics) >= refreshes + 3);
    String listed = PromApi.get("http://127.0.0.1:" + registry + "/api/v1/targets");
    for (Host h : fleet.hosts()) {
      assertTrue(listed.contains("\"" + h.hostId() + "\""), h + " still registered: " + listed);
    }
  }

  private boolean allTargetsKept() throws Exception {
    List<PromApi.Sample> targets = api.query("count(up{job=\"node\"})");
    assertEquals(N, (int) targets.get(0).value(), "targets while the registry restarts");
    return true;
  }

  private static double refreshes(String promMetrics) throws Exception {
    return PromApi.scrape(
        promMetrics, "prometheus_sd_refresh_duration_seconds_count", "mechanism=\"http\"");
  }

  private void stormIsAFewEmailsNamingEveryHostEachOnce() throws Exception {
    List<Host> down = fleet.hosts().stream().filter(h -> h.index() % 5 == 0).toList();
    Set<String> names = down.stream().map(Host::address).collect(Collectors.toSet());
    String hook = "http://127.0.0.1:" + webhook + "/metrics";
    int from = awaitQuietFleet();
    double queued = PromApi.scrape(hook, WEBHOOK + "notifications_queued_total");
    fleet.kill(down);
    Set<String> downInstances = instances(down.stream());
    Await.until(
        "HostDown firing for each stopped host",
        ALERT,
        () ->
            labelSet(api.query("ALERTS{alertname=\"HostDown\",alertstate=\"firing\"}"), "instance")
                .containsAll(downInstances));
    // The webhook dies while the storm's notifications reach it, and comes back.
    Await.until(
        "the storm's first notification at the webhook",
        ALERT,
        () -> PromApi.scrape(hook, WEBHOOK + "notifications_queued_total") > queued);
    double dropped = PromApi.scrape(hook, WEBHOOK + "notifications_deduplicated_total");
    crashAndRestart("alert-webhook");
    Await.value(
        "HostDown emails naming every stopped host",
        ALERT,
        () -> mail.hostDown(from, names),
        mails -> FleetMailbox.union(mails, AlertMail::firing).containsAll(names));
    fleet.start(down, START);
    Await.value(
        "resolved HostDown emails naming every host that came back",
        ALERT,
        () -> mail.hostDown(from, names),
        mails -> FleetMailbox.union(mails, AlertMail::resolved).containsAll(names));
    Await.until(
        "the webhook's outbox to drain",
        ALERT,
        () -> PromApi.scrape(hook, WEBHOOK + "outbox_depth") == 0);
    List<AlertMail> mails = mail.hostDown(from, names);
    report("storm of %d hosts: %d HostDown emails: %s", down.size(), mails.size(), mails);
    stormMailsAreFewCompleteAndUnique(mails, names);
    bothAlertmanagersSentAndTheWebhookDroppedTheCopies(hook, dropped);
  }

  /**
   * Waits until every host is up, no HostDown is pending or firing and the webhook has mailed all
   * it was given, so that what follows starts from a quiet fleet (a loaded machine can miss scrapes
   * long enough for a HostDown of its own); the number of emails so far.
   */
  private int awaitQuietFleet() throws Exception {
    String hook = "http://127.0.0.1:" + webhook + "/metrics";
    Await.until(
        "a quiet fleet",
        ALERT,
        () ->
            api.query("up{job=\"node\"} == 1").size() == N
                && api.query("ALERTS{alertname=\"HostDown\"}").isEmpty()
                && PromApi.scrape(hook, WEBHOOK + "outbox_depth") == 0);
    return mail.count();
  }

  /**
   * The storm's emails are those before any host came back: at most two (hosts that fail after the
   * first flush come in the next), one of them naming every host. The recovery's emails carry at
   * least one resolved host each; there are as many as group intervals the hosts took to come back,
   * bounded here by three. Every email in the mailbox arrived once.
   */
  private void stormMailsAreFewCompleteAndUnique(List<AlertMail> mails, Set<String> names)
      throws Exception {
    List<AlertMail> storm = mails.stream().filter(m -> m.resolved().isEmpty()).toList();
    List<AlertMail> recovery = mails.stream().filter(m -> !m.resolved().isEmpty()).toList();
    assertTrue(storm.size() <= 2, "a few emails for the storm, not one per host: " + storm);
    assertTrue(
        storm.stream().anyMatch(m -> m.firing().containsAll(names)),
        "one names every host: " + storm);
    assertTrue(recovery.size() <= 3, "a few emails for the recovery: " + recovery);
    assertTrue(
        FleetMailbox.union(recovery, AlertMail::resolved).containsAll(names),
        "every host came back");
    everyEmailOnce();
  }

  private void everyEmailOnce() throws Exception {
    String hook = "http://127.0.0.1:" + webhook + "/metrics";
    AlertMail twice = mail.twice();
    assertTrue(
        twice == null,
        "delivered twice: "
            + twice
            + "; resent after the crash: "
            + PromApi.scrape(hook, WEBHOOK + "notifications_resent_after_crash_total"));
    assertEquals(0.0, PromApi.scrape(hook, WEBHOOK + "notifications_dead_lettered_total"));
  }

  /**
   * With no peer timeout both members of the pair deliver, so the webhook receives copies and drops
   * them: the exact mailbox above is its doing, not the pair's.
   */
  private void bothAlertmanagersSentAndTheWebhookDroppedTheCopies(String hook, double dropped)
      throws Exception {
    double delivered = 0;
    for (int am : new int[] {am1, am2}) {
      String metrics = "http://127.0.0.1:" + am + "/metrics";
      double ok =
          PromApi.scrape(metrics, "alertmanager_notifications_total", "integration=\"webhook\"")
              - PromApi.scrape(
                  metrics, "alertmanager_notifications_failed_total", "integration=\"webhook\"");
      report("alertmanager on %d delivered %.0f notifications", am, ok);
      assertTrue(ok >= 1, "the Alertmanager on " + am + " delivered");
      delivered += ok;
    }
    double droppedAfter = PromApi.scrape(hook, WEBHOOK + "notifications_deduplicated_total");
    int emails = mail.count();
    report(
        "webhook dropped %.0f copies before its crash and %.0f after; %d emails in all",
        dropped, droppedAfter, emails);
    assertTrue(dropped + droppedAfter >= 1, "the webhook dropped the pair's copies");
    assertTrue(delivered > emails, delivered + " deliveries for " + emails + " emails");
  }

  private Set<String> instances(java.util.stream.Stream<Host> hosts) {
    return hosts.map(h -> h.instance(fleet.port())).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> labelSet(List<PromApi.Sample> samples, String label) {
    return samples.stream().map(s -> s.label(label)).collect(Collectors.toCollection(TreeSet::new));
  }

  private static void report(String format, Object... args) {
    System.out.println("FleetIT: " + String.format(format, args));
  }
}
