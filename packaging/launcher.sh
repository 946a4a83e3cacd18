#!/bin/sh
# hostwatch-@TOOL@: Hostwatch's @TOOL@ on the Java runtime packaged beside it (no JDK needed).
# JVM flags are bin/.launch's, the same as a source checkout's bin/@TOOL@: replace them with
# HOSTWATCH_JAVA_OPTS, add to them with JAVA_OPTS.
set -e
home=$(dirname "$(dirname "$(readlink -f "$0")")")
PATH="$home/runtime/bin:$PATH"
export PATH
exec "$home/bin/.launch" @TOOL@ "$@"
