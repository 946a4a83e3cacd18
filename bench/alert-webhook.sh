#!/bin/sh
# alert-webhook: notifications/s acknowledged (each fsync'd into the outbox before the 200),
# acknowledgement latency p50/p99, and emails/s delivered to a local SMTP server (GreenMail,
# started by the bench). Targets: >= 300/s, p99 < 20 ms; the last phase offers exactly
# 300/s and measures the p99 at that rate.
set -eu
cd "$(dirname "$0")/.."
MVN=${MVN:-mvn}
jar=alert-webhook/target/hostwatch-alert-webhook.jar
# Test classes hold the bench driver; the classpath brings GreenMail.
$MVN -B -q -Dstyle.color=never -pl alert-webhook -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
[ -f "$jar" ] || $MVN -B -q -Dstyle.color=never -pl alert-webhook -am package -DskipTests >/dev/null
work=alert-webhook/target/bench
rm -rf "$work"
# On the real disk under target/, not tmpfs: the fsync must cost what it costs in production.
java -cp "alert-webhook/target/test-classes:$(cat alert-webhook/target/bench.classpath)" \
  io.hostwatch.alertwebhook.bench.AlertWebhookBench bin/alert-webhook "$work" "${BENCH_SEQUENTIAL:-300}" \
  "${BENCH_CONCURRENT:-1000}" "${BENCH_PACED:-1500}" "${BENCH_WARMUP:-2000}"
