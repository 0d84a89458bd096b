#!/usr/bin/env python3
"""A persistent-mode candidate (PROTOCOL.md section 2) that answers `authorized` to every
document, for tests of the runner. Options:

  --name TEXT       the hello's name, given as a JSON string (so it may hold any character)
  --level LEVEL     verdict (default) or rules
  --delay-ms N      sleep N milliseconds before each answer
  --count FILE      append one line to FILE per check request received
  --die-after N     exit with status 7 after answering N checks; once it has, every later
                    start (the harness restarting it) exits at once, so the run cannot go on
  --state FILE      where --die-after remembers that it died
"""
import argparse, json, os, sys, time

p = argparse.ArgumentParser()
p.add_argument("--name", default='"scripted"')
p.add_argument("--level", default="verdict")
p.add_argument("--delay-ms", type=int, default=0)
p.add_argument("--count")
p.add_argument("--die-after", type=int)
p.add_argument("--state")
a = p.parse_args()
if a.state and os.path.exists(a.state):
    sys.stderr.write("scripted: died before, refusing to start\n")
    sys.exit(7)
answered = 0
count = open(a.count, "a") if a.count else None
for line in sys.stdin:
    msg = json.loads(line)
    if msg["type"] == "hello":
        hello = {"type": "hello", "protocol": "j43-protocol/1", "name": json.loads(a.name),
                 "version": "1\u001b[31m", "level": a.level}
        sys.stdout.write(json.dumps(hello) + "\n")
        sys.stdout.flush()
        continue
    if msg["type"] != "check":
        break
    if count:
        count.write("x\n")
        count.flush()
    if a.die_after is not None and answered >= a.die_after:
        if a.state:
            open(a.state, "w").close()
        sys.stderr.write("scripted: dying on purpose\n")
        sys.exit(7)
    if a.delay_ms:
        time.sleep(a.delay_ms / 1000)
    result = {"type": "result", "id": msg["id"], "verdict": "authorized"}
    if a.level == "rules":
        result["rules"] = []
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    answered += 1
