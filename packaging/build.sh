#!/bin/sh
# `make dist`: per Hostwatch tool, a Debian package and a tarball, each with the tool's own trimmed
# Java runtime (packaging/runtime.sh), so a host needs no JDK. Needs `make build` first.
#   packaging/build.sh [--version V] [--out DIR] [--formats deb,tar] [--compression TYPE:LEVEL] TOOL...
# --version defaults to the jar's (the pom's); --out to target/dist; --compression to xz:6, the
# smallest package (gzip:1 builds in a tenth of the time, for tests). The runtime of each tool is
# kept in <tool>/target/runtime and reused while the jar needs the same modules.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
version=""
out=target/dist
formats=deb,tar
compression=xz:6
usage="usage: $0 [--version V] [--out DIR] [--formats deb,tar] [--compression TYPE:LEVEL] TOOL..."
while [ $# -gt 0 ]; do
  case $1 in
    --version) version=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --formats) formats=$2; shift 2 ;;
    --compression) compression=$2; shift 2 ;;
    -*) echo "$usage" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "$usage" >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
case ",$formats," in *,deb,*)
  for t in dpkg-deb dpkg-shlibdeps; do
    command -v $t >/dev/null 2>&1 || { echo "$t not found (Debian: apt-get install dpkg-dev)" >&2; exit 1; }
  done ;;
esac
arch=$(dpkg --print-architecture 2>/dev/null || uname -m)

# summary|unit started on install (no: it needs a configuration file first; -: a command, no unit)
about() {
  case $1 in
    exporter) echo "node_exporter-compatible host metrics for Prometheus|yes" ;;
    registry) echo "exporter discovery for Prometheus (HTTP service discovery)|yes" ;;
    forecaster) echo "forecasts of host metrics, as Prometheus metrics|no" ;;
    alert-webhook) echo "Alertmanager notifications as email, never lost|no" ;;
    rules-gen) echo "Prometheus rules, promtool tests, Alertmanager and Grafana config from one threshold file|-" ;;
    *) echo "unknown tool: $1 (exporter, registry, forecaster, alert-webhook, rules-gen)" >&2; return 2 ;;
  esac
}

# The tool's home, the same in the package (/usr/lib/hostwatch-TOOL) and the tarball:
# bin/hostwatch-TOOL and bin/.launch (the checkout's, so the JVM flags are the same), lib/ the
# jar, runtime/ the trimmed JDK.
tool_home() { # tool dest
  mkdir -p "$2/bin" "$2/lib"
  cp bin/.launch "$2/bin/.launch"
  sed "s/@TOOL@/$1/g" packaging/launcher.sh >"$2/bin/hostwatch-$1"
  chmod 755 "$2/bin/.launch" "$2/bin/hostwatch-$1"
  cp "$1/target/hostwatch-$1.jar" "$2/lib/"
  cp -a "$1/target/runtime" "$2/runtime"
}

# Maintainer script from packaging/debian/, with the tool's unit and state folders filled in.
maintainer_script() { # name tool unit start state_dirs dest
  sed -e "s|@TOOL@|$2|g" -e "s|@UNIT@|$3|g" -e "s|@START@|$4|g" -e "s|@STATE_DIRS@|$5|g" \
    "packaging/debian/$1" >"$6/DEBIAN/$1"
  chmod 755 "$6/DEBIAN/$1"
}

deb() { # tool version summary start work
  tool=$1; pkg=hostwatch-$1; work=$5
  tree=$work/debian/$pkg # the layout dpkg-shlibdeps expects
  mkdir -p "$tree/DEBIAN" "$tree/usr/bin" "$tree/usr/share/doc/$pkg" "$tree/etc/hostwatch"
  tool_home "$tool" "$tree/usr/lib/$pkg"
  ln -s "../lib/$pkg/bin/$pkg" "$tree/usr/bin/$pkg"
  cp README.md "$tree/usr/share/doc/$pkg/README.md"
  cp -r docs "$tree/usr/share/doc/$pkg/docs" # the README links into it
  unit=""
  state_dirs=""
  if [ "$4" != - ]; then
    unit=$pkg.service
    mkdir -p "$tree/lib/systemd/system" "$tree/etc/default"
    awk -v tool="$tool" -v args_file="$work/args" -f packaging/unit.awk \
      "deploy/systemd/$pkg.service" >"$tree/lib/systemd/system/$unit"
    {
      echo "# Flags for $pkg when systemd starts it ($pkg --help lists them all)."
      echo "# A conffile: your changes are kept when the package is upgraded."
      echo "ARGS=\"$(cat "$work/args")\""
      echo "# JVM flags: HOSTWATCH_JAVA_OPTS replaces the defaults (see /usr/lib/$pkg/bin/.launch),"
      echo "# JAVA_OPTS adds to them."
      echo "#HOSTWATCH_JAVA_OPTS=\"\""
      echo "#JAVA_OPTS=\"\""
    } >"$tree/etc/default/$pkg"
    echo "/etc/default/$pkg" >"$tree/DEBIAN/conffiles"
    # The folders the default flags point at, ready for a run without systemd's StateDirectory=.
    state_dirs=$(tr ' ' '\n' <"$work/args" | sed -n 's|^--[a-z.-]*=\(/var/lib/hostwatch/[^/]*\)$|\1|p' |
      grep -v '/host-id$' | tr '\n' ' ')
  fi
  for s in postinst prerm postrm; do maintainer_script $s "$tool" "$unit" "$4" "$state_dirs" "$tree"; done

  # Depends: the shared libraries the runtime links against, as dpkg-shlibdeps finds them
  # (libc, libstdc++, zlib; fonts for the alert-webhook's charts), and adduser for postinst.
  shlibs=$(cd "$work" && mkdir -p debian && printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$pkg" "$pkg" >debian/control &&
    dpkg-shlibdeps -O -l"$tree/usr/lib/$pkg/runtime/lib" -l"$tree/usr/lib/$pkg/runtime/lib/server" \
      $(find "$tree/usr/lib/$pkg/runtime" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper -o -name jexec \)) \
      2>>"$work/shlibdeps.log" | sed -n 's/^shlibs:Depends=//p')
  [ -n "$shlibs" ] || { echo "dpkg-shlibdeps found no dependencies:" >&2; cat "$work/shlibdeps.log" >&2; exit 1; }
  depends="$shlibs, adduser"
  # The JDK loads fontconfig with dlopen, which dpkg-shlibdeps cannot see; charts need a font.
  [ "$tool" != alert-webhook ] || depends="$depends, libfontconfig1, fonts-dejavu-core"
  cat >"$tree/DEBIAN/control" <<CONTROL
Package: $pkg
Version: $2
Architecture: $arch
Maintainer: Hostwatch developers <hostwatch@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$tree" | cut -f1)
Depends: $depends
Section: net
Priority: optional
Description: Hostwatch $tool: $3
 Part of Hostwatch, Prometheus-native host monitoring. Runs on its own trimmed
 Java runtime (/usr/lib/$pkg/runtime): no JDK needed.
CONTROL
  dpkg-deb --root-owner-group -Z"${compression%:*}" -z"${compression#*:}" --build "$tree" "$out/${pkg}_$2_$arch.deb" >/dev/null
  echo "$out/${pkg}_$2_$arch.deb"
}

tarball() { # tool version work
  name=hostwatch-$1-$2-linux-$arch
  tool_home "$1" "$3/tar/$name"
  cp README.md "$3/tar/$name/"
  cp -r docs "$3/tar/$name/docs"
  tar -C "$3/tar" --owner=0 --group=0 -czf "$out/$name.tar.gz" "$name"
  echo "$out/$name.tar.gz"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tool in "$@"; do
  info=$(about "$tool") || exit 2
  [ -f "$tool/target/hostwatch-$tool.jar" ] || { echo "$tool/target/hostwatch-$tool.jar not built; run 'make build' first" >&2; exit 1; }
  v=$version
  if [ -z "$v" ]; then
    (cd "$work" && "${JAVA_HOME:+$JAVA_HOME/bin/}jar" xf "$root/$tool/target/hostwatch-$tool.jar" META-INF/MANIFEST.MF)
    v=$(sed -n 's/^Implementation-Version: *\([^[:space:]]*\).*/\1/p' "$work/META-INF/MANIFEST.MF")
  fi
  packaging/runtime.sh "$tool" "$tool/target/runtime"
  rm -rf "$work/$tool"
  mkdir -p "$work/$tool"
  case ",$formats," in *,deb,*) deb "$tool" "$v" "${info%|*}" "${info#*|}" "$work/$tool" ;; esac
  case ",$formats," in *,tar,*) tarball "$tool" "$v" "$work/$tool" ;; esac
done
