#!/usr/bin/env python3
"""A wrong candidate for tests: relays to `j43 serve` (the command in the arguments) but
answers `authorized` whenever the reference finds DOC-003 (a false accept of DOC-003)."""
import json, subprocess, sys
ref = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
for line in sys.stdin:
    ref.stdin.write(line)
    ref.stdin.flush()
    if line.strip() == '{"type":"bye"}':
        break
    answer = json.loads(ref.stdout.readline())
    if "DOC-003" in answer.get("rules", []):
        answer["verdict"] = "authorized"
        answer["rules"] = []
    print(json.dumps(answer), flush=True)
