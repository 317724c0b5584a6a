#!/usr/bin/env python3
"""Time from start to a prompt at a pseudo-terminal, best of 7, in milliseconds.

    start.py PROMPT PROGRAM ARGS...     e.g. start.py 'problem> ' qualify interview NAME
"""
import os, pty, select, sys, time

prompt, argv = sys.argv[1].encode(), sys.argv[2:]
times = []
for _ in range(7):
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm"
        os.execvp(argv[0], argv)
    seen = b""
    while prompt not in seen:
        if not select.select([fd], [], [], 30)[0]:
            raise SystemExit(f"start.py: no {prompt!r} after 30 s: {seen[-300:]!r}")
        seen += os.read(fd, 65536)
    times.append((time.monotonic() - start) * 1000)
    os.write(fd, b"\x04")
    try:
        while select.select([fd], [], [], 5)[0] and os.read(fd, 65536):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
print(f"{min(times):.1f}")
