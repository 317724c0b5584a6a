#!/usr/bin/env python3
"""One answer as a rep lives it at a pseudo-terminal: Enter -> the next prompt.

    answer.py qualify QUALIFY DATABASE NAME...   # an interview of each opportunity NAME
    answer.py sqlite3 DATABASE COUNT             # COUNT INSERTs at the sqlite3 shell's prompt

qualify: for each opportunity, `qualify interview NAME` under a pty; a call's
answers as a rep types them (a problem, a pain, three reasons, three impacts,
two capabilities; the lists closed with an empty line, which stores nothing and
is not timed). For each answer: wait a tenth of a second (a rep takes seconds to
listen and type), type the words, wait for their echo, press Enter,
and time until the next question's prompt has been drawn (the answer is stored,
the coach has spoken, the question is shown). Ctrl-D ends the interview.

sqlite3: the shell at a pty, `PRAGMA synchronous = FULL`, then COUNT INSERTs of an
answer into the same table (the same triggers), each its own transaction, timed
from Enter to the next `sqlite> `.

Prints the mean and the median per answer in milliseconds, and the count.
"""
import fcntl, os, pty, statistics, struct, sys, termios, time

from terminal import quiet, read_until

REASON = "The numbers arrive {n} days late because three plants keep their own spreadsheets"
# (what the rep types, the prompt that follows it); "" closes a list and is not timed.
CALL = [
    ("We lose share in the north to rivals who deliver in two days", "pain> "),
    ("I cannot face the board again with a forecast I do not believe", "reason 1> "),
    (REASON.format(n=3), "reason 2> "),
    ("Nobody owns the master data, so every plant fixes it its own way", "reason 3> "),
    ("The ERP upgrade was stopped last spring and the budget went to the new site", "reason 4> "),
    ("", "impact 1> "),
    ("The CFO restates the quarter twice a year, about 400,000 euros each time", "impact 2> "),
    ("Planners spend a day a week reconciling, 30 people", "impact 3> "),
    ("Customers wait two weeks longer than last year", "impact 4> "),
    ("", "capability 1> "),
    ("See every plant's stock in one place each morning", "capability 2> "),
    ("Close the month in three days instead of nine", "capability 3> "),
]


def spawn(argv):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm"
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 400, 0, 0))
    return pid, fd


def enter(fd, text, prompt):
    """Types `text`, waits for its echo, presses Enter: seconds until `prompt`."""
    # A rep listens and types for seconds before Enter; a tenth of one here, for both programs.
    time.sleep(0.1)
    if text:
        os.write(fd, text.encode())
        read_until(fd, text.encode()[-12:])
        quiet(fd, 0.02)
    pressed = time.monotonic()
    os.write(fd, b"\r")
    return read_until(fd, prompt.encode()) - pressed


def finish(pid, fd):
    os.write(fd, b"\x04")
    quiet(fd, 0.2)
    os.waitpid(pid, 0)
    os.close(fd)


times = []
if sys.argv[1] == "qualify":
    qualify, database, names = sys.argv[2], sys.argv[3], sys.argv[4:]
    for name in names:
        pid, fd = spawn([qualify, "interview", name, "--database", database])
        read_until(fd, b"problem> ")
        quiet(fd)
        for text, prompt in CALL:
            seconds = enter(fd, text, prompt)
            if text:
                times.append(seconds)
            quiet(fd, 0.02)
        finish(pid, fd)
elif sys.argv[1] == "sqlite3":
    database, count = sys.argv[2], int(sys.argv[3])
    pid, fd = spawn(["/usr/bin/env", "sqlite3", database])
    read_until(fd, b"sqlite> ")
    enter(fd, "PRAGMA synchronous = FULL;", "sqlite> ")
    quiet(fd)
    for i in range(count):
        text = (f"INSERT INTO statement (uuid, opportunityId, field, position, text, capturedBy, capturedAt) "
                f"VALUES (randomblob(16), 1, 'reasons', {i + 1}, '{REASON.format(n=i)}', 'bench', "
                f"strftime('%Y-%m-%d %H:%M:%f', 'now'));")
        times.append(enter(fd, text, "sqlite> "))
        quiet(fd, 0.02)
    finish(pid, fd)
else:
    raise SystemExit("usage: answer.py qualify QUALIFY DATABASE NAME... | answer.py sqlite3 DATABASE COUNT")
print(f"{statistics.mean(times) * 1000:.3f} {statistics.median(times) * 1000:.3f} {len(times)}")
