#!/usr/bin/env python3
"""A candidate that never answers the handshake."""
import time
time.sleep(3600)
