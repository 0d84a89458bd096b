#!/usr/bin/env python3
"""A candidate that completes the handshake, then exits on every check."""
import json, sys
for line in sys.stdin:
    msg = json.loads(line)
    if msg["type"] == "hello":
        print(json.dumps({"type": "hello", "protocol": "j43-protocol/1", "name": "crash", "version": "1", "level": "rules"}), flush=True)
    else:
        sys.stderr.write("crash_always: dying\n")
        sys.exit(4)
