"""What the pseudo-terminal benchmarks (tab.py, answer.py) share: reading the
screen until something appears, and waiting until it is quiet."""
import os, select, sys, time


def read_until(fd, marker, timeout=30.0):
    """Reads the pty until `marker` (bytes) appears; returns when it did."""
    buffer = b""
    deadline = time.monotonic() + timeout
    while marker not in buffer:
        left = deadline - time.monotonic()
        if left <= 0:
            script = os.path.basename(sys.argv[0])
            raise SystemExit(f"{script}: waited {timeout} s for {marker!r}; got {buffer[-400:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            buffer += os.read(fd, 65536)
    return time.monotonic()


def quiet(fd, seconds=0.05):
    """Drains the pty until it has been silent for `seconds`."""
    while select.select([fd], [], [], seconds)[0]:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return
