#!/bin/sh
# Builds the trimmed Java runtime one Hostwatch tool runs on, with jlink from the JDK that builds
# the jars (JAVA_HOME, else the one on PATH): only the modules the tool's shaded jar uses, no debug
# attributes, headers or man pages. The Debian packages, the tarballs and the container image all
# run on what this prints, so they cannot drift apart.
#   packaging/runtime.sh TOOL DEST
# DEST is reused as it is when it was made from the same modules by the same JDK: jlink is the
# slow step, and a rebuilt package with only a new version needs no new runtime.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 TOOL DEST" >&2; exit 2; }
tool=$1
dest=$2
cd "$(dirname "$0")/.."
jar=$tool/target/hostwatch-$tool.jar
[ -f "$jar" ] || { echo "$jar not built; run 'make build' first" >&2; exit 1; }
jdk_bin=${JAVA_HOME:+$JAVA_HOME/bin/}
for t in jdeps jlink; do
  command -v "${jdk_bin}$t" >/dev/null 2>&1 ||
    { echo "${jdk_bin}$t not found: a JDK 17 is needed (Debian: apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
done

# What jdeps cannot see because it is loaded through ServiceLoader: the elliptic-curve provider,
# without which TLS (--web.config.file, SMTP over TLS) has no ECDHE key exchange and no EC keys.
modules="$("${jdk_bin}jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$jar"),jdk.crypto.ec"

# The tools run headless: the X11, sound and splash-screen libraries of java.desktop are never
# loaded, and would make the packages depend on X and ALSA. Only the alert-webhook draws (its
# charts, with AWT and fonts); the others use java.desktop for java.beans alone.
exclude="/java.desktop/lib/libawt_xawt.so,/java.desktop/lib/libjawt.so,/java.desktop/lib/libsplashscreen.so,/java.desktop/lib/libjsound.so"
if [ "$tool" != alert-webhook ]; then
  exclude="$exclude,/java.desktop/lib/libawt.so,/java.desktop/lib/libawt_headless.so,/java.desktop/lib/libfontmanager.so,/java.desktop/lib/libjavajpeg.so,/java.desktop/lib/liblcms.so,/java.desktop/lib/libmlib_image.so"
fi
# No class-data-sharing archive: it would add 13 MB (25 MB with the one for heaps over 32 GB) to
# each runtime to save ~40 ms of start-up, and the mapped archive costs ~3 MB more RSS.
options="--strip-debug --no-header-files --no-man-pages"
stamp="modules=$modules
exclude=$exclude
options=$options
jdk=$("${jdk_bin}jlink" --version)"

if [ -f "$dest/hostwatch-jlink.txt" ] && [ "$(cat "$dest/hostwatch-jlink.txt")" = "$stamp" ]; then
  exit 0
fi
rm -rf "$dest" "$dest.tmp"
mkdir -p "$(dirname "$dest")"
# shellcheck disable=SC2086
"${jdk_bin}jlink" --add-modules "$modules" --exclude-files "$exclude" $options --output "$dest.tmp"
printf '%s\n' "$stamp" >"$dest.tmp/hostwatch-jlink.txt"
mv "$dest.tmp" "$dest"
