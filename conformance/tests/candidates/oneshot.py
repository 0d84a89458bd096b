#!/usr/bin/env python3
"""A one-shot candidate (PROTOCOL.md section 3): `rejected` with DOC-001 for every document,
except: crash (exit 3), hang (sleep), garbage (not JSON on stdout), mismatch (stdout says
authorized, exit status says rejected), verdictonly (nothing on stdout), setsid:PATH (starts a
sleeping grandchild in a session of its own, detached from every pipe, and writes its pid to
PATH), vanish (deletes the file it was started from, so that the next start fails)."""
import json, os, subprocess, sys, time
doc = sys.stdin.buffer.read().decode("utf-8", "replace")
if doc.startswith("setsid:"):
    p = subprocess.Popen(["sleep", "3600"], start_new_session=True, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(doc[len("setsid:"):], "w") as f:
        f.write(str(p.pid))
    doc = ""
if doc == "vanish":
    os.remove(os.path.abspath(sys.argv[0]))
if "crash" in doc:
    sys.exit(3)
if "hang" in doc:
    time.sleep(3600)
if "garbage" in doc:
    print("garbage")
    sys.exit(1)
if "mismatch" in doc:
    print(json.dumps({"verdict": "authorized", "rules": []}))
    sys.exit(1)
if "verdictonly" in doc and os.environ.get("J43_LEVEL") == "verdict":
    sys.exit(1)
print(json.dumps({"verdict": "rejected", "rules": ["DOC-001"]}))
sys.exit(1)
