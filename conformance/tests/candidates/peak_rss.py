#!/usr/bin/env python3
"""Not a candidate: runs the command in its arguments with this process's standard input,
output and error, then writes `peak_rss_kib N` (the command's peak resident set size, from
wait4) to standard error and exits with the command's exit status (128 + N for signal N)."""
import os, sys
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ)
_, status, usage = os.wait4(pid, 0)
sys.stderr.write("peak_rss_kib %d\n" % usage.ru_maxrss)
sys.stderr.flush()
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
