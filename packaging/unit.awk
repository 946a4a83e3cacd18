# A unit under deploy/systemd (written for a tree under /opt/hostwatch) turned into the one a
# package installs: the program is /usr/bin/hostwatch-TOOL, and the flags its ExecStart passes
# move into ARGS in /etc/default/hostwatch-TOOL, a conffile an admin edits and an upgrade keeps.
#   awk -v tool=exporter -v args_file=ARGS_OUT -f unit.awk deploy/systemd/hostwatch-exporter.service
# prints the unit and writes the flags (one line) to args_file.
BEGIN { body = 0; exec = "" }
!body && /^\[Unit\]/ { body = 1 }
!body { next } # the header says how to install the /opt tree by hand
/^#/ && /ARGS|[Ff]lags/ { next } # replaced by the EnvironmentFile comment below
/^Environment=ARGS=/ {
  print "# Flags: ARGS in /etc/default/hostwatch-" tool " (hostwatch-" tool " --help lists them)."
  print "EnvironmentFile=-/etc/default/hostwatch-" tool
  next
}
/^Documentation=/ { print "Documentation=file:///usr/share/doc/hostwatch-" tool "/README.md"; next }
exec != "" || /^ExecStart=/ {
  line = $0
  continued = sub(/\\$/, "", line)
  exec = exec " " line
  if (continued) next
  sub(/^ *ExecStart=/, "", exec)
  n = split(exec, words, /[ \t]+/)
  flags = ""
  for (i = 2; i <= n; i++) {
    if (words[i] == "" || words[i] == "$ARGS") continue
    if (words[i] ~ /["'$\\]/) { print "unit.awk: cannot move " words[i] " to ARGS" > "/dev/stderr"; exit 1 }
    flags = flags (flags == "" ? "" : " ") words[i]
  }
  print flags > args_file
  print "ExecStart=/usr/bin/hostwatch-" tool " $ARGS"
  exec = ""
  next
}
{ gsub("/opt/hostwatch/bin/" tool, "/usr/bin/hostwatch-" tool); print }
