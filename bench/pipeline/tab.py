#!/usr/bin/env python3
"""Times Tab at qualify's home prompt, in a pseudo-terminal, as a rep presses it.

    tab.py QUALIFY DATABASE

Starts `qualify --database DATABASE` under a pty, waits for the prompt
(the time to the prompt is the welcome screen's), then for each case types
the text, waits for its echo, presses Tab and times until the completion
has been drawn (the text that shows it has arrived). Ctrl-C clears the
line between cases. Prints one line per case: the best and the median of
7 presses, in milliseconds.
"""
import os, pty, sys, time, statistics

from terminal import quiet, read_until

qualify, database = sys.argv[1], sys.argv[2]

# (label, text typed before Tab, text that shows the completion is drawn)
CASES = [
    ("/open <Tab>, 1 of 100,000 deals", "/open Account 1234 - Deal 123", "3 "),
    ("/open <Tab>, 10 deals", "/open Account 1234 - Deal ", "91233"),
    ("/open <Tab>, 100,000 deals", "/open Acc", "Account 9999 - Deal 99998"),
    ("--account <Tab>, 11 of 10,000 accounts", "opportunity add X --account \"Account 123", "1239\""),
    ("/open <Tab>, typed in lower case", "/open account 1234 - deal ", "91233"),
]


start = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm"
    os.execv(qualify, [qualify, "--database", database])
welcome = read_until(fd, b"qualify> ") - start
print(f"{'qualify at a terminal until the prompt':44} {welcome * 1000:8.1f} ms")
quiet(fd)

for label, text, marker in CASES:
    times = []
    for _ in range(7):
        os.write(fd, text.encode())
        read_until(fd, text.encode().split(b" ")[-1])
        quiet(fd, 0.02)
        pressed = time.monotonic()
        os.write(fd, b"\t")
        done = read_until(fd, marker.encode())
        times.append((done - pressed) * 1000)
        quiet(fd, 0.02)
        os.write(fd, b"\x03")
        read_until(fd, b"qualify> ")
        quiet(fd, 0.02)
    print(f"{label:44} {min(times):8.1f} ms best, {statistics.median(times):.1f} ms median")

os.write(fd, b"\x04")
try:
    os.waitpid(pid, 0)
except ChildProcessError:
    pass
