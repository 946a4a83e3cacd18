#!/bin/sh
# Installs Debian packages for the tests and `make run` without starting their system services:
# Debian's prometheus, alertmanager and node_exporter packages would otherwise start daemons on
# 9090, 9093 and 9100 that collide with the stack `make run` starts, and victoria-metrics' postinst
# would start one listening on every interface at 8428 (policy-rc.d exit 101 = "do not start", the
# standard Debian mechanism; an existing policy is left alone).
set -eu
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
policy=/usr/sbin/policy-rc.d
created=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod 755 "$policy"
  created=1
fi
cleanup() { [ -z "$created" ] || $SUDO rm -f "$policy"; }
trap cleanup EXIT
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
