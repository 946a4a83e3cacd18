# Hostwatch: the front door. `make run` starts the whole stack, `make test` runs every test.
MVN ?= mvn
MVN_FLAGS ?= -B -q -Dstyle.color=never
JARS = exporter/target/hostwatch-exporter.jar rules-gen/target/hostwatch-rules-gen.jar \
       forecaster/target/hostwatch-forecaster.jar alert-webhook/target/hostwatch-alert-webhook.jar
# Debian packages the tests and `make run` need that Maven does not bring. victoria-metrics and
# chromium are for the tests only: the forecaster and the alert-webhook are tested against
# VictoriaMetrics as well as Prometheus, and a storm's email is laid out by a real browser. gcc
# compiles the exporter's small JNI library (exporter/src/main/c) on Linux.
DEB_PACKAGES = prometheus prometheus-alertmanager prometheus-node-exporter victoria-metrics \
               chromium curl gcc libc6-dev
DEB_BINARIES = prometheus promtool prometheus-alertmanager amtool prometheus-node-exporter \
               victoria-metrics chromium curl gcc

.PHONY: all build test run stop demo fleet bench deps fmt clean help example-config dist

all: build

help:
	@echo "make run    build, install what is missing, start the whole stack on loopback"
	@echo "make stop   stop what 'make run' started"
	@echo "make demo   'make run' with thresholds that put an alert email in the outbox within a minute"
	@echo "make fleet N=50  the stack with N exporters (127.0.0.2 ...) and an Alertmanager pair"
	@echo "make test   the whole test suite (unit and integration, real binaries)"
	@echo "make build  build the jars; launchers are in bin/"
	@echo "make bench  benchmarks against node_exporter and predict_linear"
	@echo "make deps   install Debian's prometheus, alertmanager, node_exporter, victoria-metrics if missing"
	@echo "make fmt    format the Java sources (google-java-format)"
	@echo "make example-config  regenerate prometheus/, alertmanager/, grafana-dashboards/"

build:
	$(MVN) $(MVN_FLAGS) -DskipTests package

test: deps
	@start=$$(mktemp); status=0; \
	$(MVN) $(MVN_FLAGS) verify || status=$$?; \
	scripts/test-summary.sh "$$start"; rm -f "$$start"; exit $$status

deps:
	@missing=""; for b in $(DEB_BINARIES); do command -v $$b >/dev/null 2>&1 || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages: $(DEB_PACKAGES)"; \
	  scripts/install-debian-packages.sh $(DEB_PACKAGES); \
	fi
	@for b in $(DEB_BINARIES); do command -v $$b >/dev/null || { echo "missing $$b after install" >&2; exit 1; }; done

run: deps build
	@scripts/run.sh start

stop:
	@scripts/run.sh stop

# The same stack with examples/demo-thresholds.yml: an alert email in the outbox within a minute.
demo: deps build
	@THRESHOLDS=examples/demo-thresholds.yml scripts/run.sh start

# The stack with a fleet of N exporters, each on its own loopback address, registered through the
# registry, and an Alertmanager pair; `make stop` stops it. scripts/fleet.sh storm K stops K hosts.
N ?= 50
fleet: deps build
	@scripts/fleet.sh start $(N)

bench: deps build
	@bench/run.sh

# A Debian package and a tarball per tool in target/dist/, each with its own trimmed Java runtime.
dist: build
	packaging/build.sh exporter registry rules-gen forecaster alert-webhook

# The checked-in example configuration (prometheus/, alertmanager/, grafana-dashboards/) is
# rules-gen's output for examples/thresholds.yml; e2e's CheckedInConfigIT keeps it so.
example-config: build
	rm -rf .example-config && bin/rules-gen generate --config examples/thresholds.yml --output .example-config
	rm -rf prometheus alertmanager grafana-dashboards
	mv .example-config/prometheus prometheus
	mv .example-config/alertmanager alertmanager
	mv .example-config/grafana grafana-dashboards
	rm -rf .example-config

fmt:
	$(MVN) $(MVN_FLAGS) spotless:apply

clean:
	$(MVN) $(MVN_FLAGS) clean
	rm -rf .run
