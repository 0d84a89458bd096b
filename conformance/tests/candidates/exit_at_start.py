#!/usr/bin/env python3
"""A candidate that exits before the handshake."""
import sys
sys.stderr.write("exit_at_start: giving up at once\n")
sys.exit(1)
