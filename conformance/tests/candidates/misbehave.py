#!/usr/bin/env python3
"""A persistent-mode candidate (PROTOCOL.md section 2) that misbehaves on request.

It answers every document `rejected` with `DOC-001` (right for any malformed document),
except when the document's text contains one of these words:

  crash        writes to stderr and exits with status 3
  hang         sleeps for an hour
  garbage      writes a line that is not JSON
  badid        answers with the wrong id
  badverdict   answers the verdict `maybe`
  unknownrule  answers the rule `XYZ-999`
  error        answers {"type":"error"}
  stderrflood  writes 8 MiB to stderr, then answers normally
  longline     writes 17 MiB to stdout without a newline
  forkhang     starts a grandchild that sleeps (and prints its pid to stderr), then hangs
  setsid:PATH  starts a grandchild in a session of its own (`setsid`, detached from every pipe)
               that sleeps, writes its pid to PATH, then answers normally
  exitfork     starts a grandchild that sleeps holding standard output (same process group,
               pid on stderr), then exits with status 5
  vanish       deletes the file it was started from (so that no restart can start), then exits
               with status 6
"""
import json, os, subprocess, sys, time

def send(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()

for line in sys.stdin:
    msg = json.loads(line)
    if msg["type"] == "hello":
        send({"type": "hello", "protocol": "j43-protocol/1", "name": "misbehave", "version": "1", "level": "rules"})
        continue
    if msg["type"] == "bye":
        break
    doc = msg.get("document", "")
    cid = msg["id"]
    ok = {"type": "result", "id": cid, "verdict": "rejected", "rules": ["DOC-001"]}
    if doc.startswith("setsid:"):
        p = subprocess.Popen(["sleep", "3600"], start_new_session=True, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(doc[len("setsid:"):], "w") as f:
            f.write(str(p.pid))
        send(ok)
    elif "exitfork" in doc:
        p = subprocess.Popen(["sleep", "3600"], stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        sys.stderr.write("grandchild pid %d\n" % p.pid)
        sys.stderr.flush()
        os._exit(5)
    elif doc == "vanish":
        os.remove(os.path.abspath(sys.argv[0]))
        os._exit(6)
    elif "crash" in doc:
        sys.stderr.write("misbehave: crashing on purpose\n")
        sys.stderr.flush()
        sys.exit(3)
    elif "forkhang" in doc:
        p = subprocess.Popen(["sleep", "3600"])
        sys.stderr.write("grandchild pid %d\n" % p.pid)
        sys.stderr.flush()
        time.sleep(3600)
    elif "hang" in doc:
        time.sleep(3600)
    elif "garbage" in doc:
        sys.stdout.write("this is not json\n")
        sys.stdout.flush()
    elif "badid" in doc:
        send(dict(ok, id="not-" + cid))
    elif "badverdict" in doc:
        send(dict(ok, verdict="maybe"))
    elif "unknownrule" in doc:
        send(dict(ok, rules=["XYZ-999"]))
    elif "error" in doc:
        send({"type": "error", "id": cid, "message": "cannot check this"})
    elif "stderrflood" in doc:
        chunk = "e" * 65536 + "\n"
        for _ in range(128):
            sys.stderr.write(chunk)
        sys.stderr.write("flood end\n")
        sys.stderr.flush()
        send(ok)
    elif "longline" in doc:
        chunk = "x" * (1 << 20)
        for _ in range(17):
            sys.stdout.write(chunk)
        sys.stdout.flush()
        time.sleep(3600)
    else:
        send(ok)
