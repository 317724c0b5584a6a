#!/usr/bin/env python3
"""Reliability harness for qualify: kill -9, fuzzing and concurrency.

    harness.py kill N          # kill -9 at random points of interviews (pty) and imports
    harness.py fuzz N          # random piped interviews, CSV, JSONL and arguments
    harness.py concurrency     # 4 interviews + a review loop + a large import on one file

Environment: QUALIFY (the binary), WORK (a scratch folder), SEED (default 1),
IMPORT_ROWS (concurrency, default 100000). Measures; does not check: the
figures go in the README. Run through kill.sh, fuzz.sh, concurrency.sh.
"""
import json
import os
import re
import pty
import random
import select
import signal
import sqlite3
import subprocess
import sys
import threading
import time

QUALIFY = os.environ["QUALIFY"]
WORK = os.environ["WORK"]
RANDOM = random.Random(int(os.environ.get("SEED", "1")))
FIELDS = ["problem", "pain", "reasons", "impacts", "capabilities"]


def environment(db):
    return dict(os.environ, QUALIFY_DATABASE=db, QUALIFY_REP="Harness", NO_COLOR="1",
                XDG_CONFIG_HOME=f"{WORK}/config", XDG_STATE_HOME=f"{WORK}/state", XDG_DATA_HOME=f"{WORK}/data",
                LANG="C.UTF-8", TERM="xterm")


def qualify(db, *arguments, stdin=b"", timeout=30):
    return subprocess.run([QUALIFY, *arguments], input=stdin, capture_output=True, env=environment(db), timeout=timeout)


def integrity(db):
    try:
        with sqlite3.connect(db, timeout=30) as connection:
            return connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        return False


def stored_texts(db, opportunity):
    with sqlite3.connect(db, timeout=30) as connection:
        return {row[0] for row in connection.execute(
            "SELECT s.text FROM statement s JOIN opportunity o ON o.id = s.opportunityId WHERE o.name = ?", (opportunity,))}


def count(db, table):
    with sqlite3.connect(db, timeout=30) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def answers_for(tag):
    """A whole interview: problem, pain, 3 reasons, 2 impacts, 3 capabilities, each unique."""
    lines = [f"{tag} problem: the forecast is late", f"{tag} pain: my šef is furious 😬"]
    for field, n in (("reasons", 3), ("impacts", 2), ("capabilities", 3)):
        lines += [f"{tag} {field} {i}: «naïve» & <exact>words" for i in range(n)] + [""]
    return lines[:-1]


class PtyInterview:
    """`qualify interview NAME` on a pseudo-terminal, typed one answer at a time.
    An answer counts as acknowledged when the next prompt appears: qualify
    shows it only after the answer is committed."""

    def __init__(self, db, opportunity):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(QUALIFY, [QUALIFY, "interview", opportunity], environment(db))
        self.buffer = b""
        self.log = b""  # everything the rep saw

    def wait_for(self, pattern, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            match = pattern.search(self.buffer)
            if match:
                self.buffer = self.buffer[match.end():]
                return match.group(0)
            ready, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.time()))
            if not ready:
                break
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return None
            if not chunk:
                return None
            self.buffer += chunk
            self.log += chunk
        return None

    def type(self, line):
        os.write(self.fd, line.encode() + b"\r")

    def kill(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.reap()

    def reap(self):
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            status = 0
        try:
            os.close(self.fd)
        except OSError:
            pass
        return status


# libedit turns bracketed paste on as it starts reading: "problem> ", "reason 2> ", "... ".
PROMPTS = re.compile(rb"\x1b\[\?2004h[^\r\n]*?> ")
FIRST_PROMPT = re.compile(rb"problem> ")


def interview_trial(db, trial, report):
    name = f"Kill Co - Interview {trial}"
    qualify(db, "opportunity", "add", name, "--account", "Kill Co")
    session = PtyInterview(db, name)
    answers = answers_for(f"t{trial}")
    kill_after = RANDOM.randrange(len(answers))
    acknowledged = []
    if session.wait_for(FIRST_PROMPT, 10):
        for index, answer in enumerate(answers):
            session.type(answer)
            if index == kill_after:
                time.sleep(RANDOM.random() * 0.02)
                break
            if session.wait_for(PROMPTS, 10) is None:
                break
            if answer:
                acknowledged.append(answer)
    session.kill()
    stored = stored_texts(db, name)
    report["acknowledged"] += len(acknowledged)
    report["lost"] += sum(1 for answer in acknowledged if answer not in stored)


def import_trial(db, trial, report):
    rows = 200
    path = f"{WORK}/kill-{trial}.csv"
    with open(path, "w", newline="") as f:
        f.write("Opportunity Name,Account Name,Description\r\n")
        for i in range(rows):
            f.write(f"\"Kill Co - Import {trial}-{i}\",Kill Co,\"row {i}, \"\"quoted\"\"\"\r\n")
    before = count(db, "opportunity")
    process = subprocess.Popen([QUALIFY, "import", "opportunities", path], env=environment(db),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(RANDOM.random() * 0.4)
    finished = process.poll() is not None
    if not finished:
        process.send_signal(signal.SIGKILL)
    status = process.wait()
    added = count(db, "opportunity") - before
    if finished and status == 0:
        report["acknowledged"] += rows
        report["lost"] += rows - added
    elif added not in (0, rows):
        report["partial imports"] += 1
    os.unlink(path)


def kill(trials):
    db = f"{WORK}/kill.sqlite"
    qualify(db, "account", "add", "Kill Co")
    report = {"trials": 0, "interviews": 0, "imports": 0, "acknowledged": 0, "lost": 0,
              "integrity failures": 0, "partial imports": 0}
    for trial in range(trials):
        if RANDOM.random() < 0.7:
            report["interviews"] += 1
            interview_trial(db, trial, report)
        else:
            report["imports"] += 1
            import_trial(db, trial, report)
        if not integrity(db):
            report["integrity failures"] += 1
        report["trials"] += 1
    return report


# ---------------------------------------------------------------- fuzzing

def mutate(data):
    data = bytearray(data)
    for _ in range(RANDOM.randint(1, 8)):
        choice = RANDOM.random()
        position = RANDOM.randrange(len(data) + 1)
        if choice < 0.3:
            data[position:position] = bytes([RANDOM.choice([0, 7, 8, 13, 27, 0x7F, 0xC2, 0x9B, 0xFF, 0xFE, 10, 34, 44])])
        elif choice < 0.5 and data:
            del data[position:position + RANDOM.randint(1, 16)]
        elif choice < 0.7:
            data[position:position] = RANDOM.choice(
                [b"\x1b]0;pwned\x07", b"\x1b[2J", b"\r\n", b'""', b'"', b",,,,", b"\xef\xbb\xbf", b"/back", b"/edit 1",
                 b"/set amount -5", b"/set close-date 2026-02-30", b"<<<", b">>>", "é😬".encode(), b"x" * 5000])
        elif data:
            data[position % len(data)] = RANDOM.randrange(256)
    return bytes(data)


def snapshot(db):
    with sqlite3.connect(db, timeout=30) as connection:
        return tuple(connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("account", "opportunity", "statement", "contact", "lead"))


def fuzz(inputs):
    db = f"{WORK}/fuzz.sqlite"
    qualify(db, "account", "add", "Fuzz Co")
    qualify(db, "opportunity", "add", "Fuzz Co - Deal", "--account", "Fuzz Co")
    seed_interview = ("\n".join(answers_for("fuzz")) + "\n").encode()
    seed_csv = ("Opportunity Name,Account Name,Amount,Expected Close Date,Description\r\n" + "".join(
        f'"Fuzz Co - Row {i}",Fuzz Co,"1,{i}00.50",2031-0{1 + i % 9}-1{i % 10},"said ""we can\'t"",\r\nagain"\r\n'
        for i in range(8))).encode()
    qualify(db, "interview", "Fuzz Co - Deal", stdin=seed_interview)
    seed_jsonl = qualify(db, "export", "all").stdout
    words = ["account", "add", "list", "opportunity", "show", "set", "interview", "letter", "review", "--format", "html",
             "csv", "json", "--search", "--field", "pain", "--stage", "export", "all", "import", "stats", "home",
             "doctor", "backup", "--output", "-o", "--force", "Fuzz Co - Deal", "Fuzz Co", "amount", "close-date",
             "--database", "", "--since", "2026-13-01", "\x1b]0;x\x07", "é", "-", "--help", "--"]
    report = {"inputs": 0, "crashes": 0, "hangs": 0, "partial writes": 0, "integrity failures": 0, "refused (exit 1/64)": 0}
    crashes = []
    for index in range(inputs):
        kind = index % 4
        before = snapshot(db)
        path = f"{WORK}/fuzz-input"
        if kind == 0:
            # A fresh deal now and then, so scripts reach every question, not only the finished interview.
            if index % 40 == 0:
                qualify(db, "opportunity", "add", f"Fuzz Co - Deal {index}", "--account", "Fuzz Co")
            arguments, stdin = ["interview", f"Fuzz Co - Deal {index - index % 40}"], mutate(seed_interview)
        elif kind == 1:
            open(path + ".csv", "wb").write(mutate(seed_csv))
            arguments, stdin = ["import", "opportunities", path + ".csv", "--on-duplicate", "update"], b""
        elif kind == 2:
            open(path + ".jsonl", "wb").write(mutate(seed_jsonl))
            arguments, stdin = ["import", "all", path + ".jsonl"], b""
        else:
            arguments = [RANDOM.choice(words) if RANDOM.random() < 0.8 else mutate(b"arg").decode("utf-8", "replace").replace("\0", "")
                         for _ in range(RANDOM.randint(0, 6))]
            arguments = [a for a in arguments if a not in ("--output", "-o", "backup", "--database")]
            stdin = b""
        try:
            result = qualify(db, *arguments, stdin=stdin, timeout=20)
        except subprocess.TimeoutExpired:
            report["hangs"] += 1
            continue
        finally:
            report["inputs"] += 1
        if result.returncode < 0 or result.returncode > 64 or b"Fatal error" in result.stderr:
            report["crashes"] += 1
            crashes.append((arguments, result.returncode, result.stderr[-300:]))
        if result.returncode != 0:
            report["refused (exit 1/64)"] += 1
            # A refused import writes nothing at all.
            if kind in (1, 2) and snapshot(db) != before:
                report["partial writes"] += 1
        if index % 100 == 0 and not integrity(db):
            report["integrity failures"] += 1
    for crash in crashes[:5]:
        print("crash:", crash, file=sys.stderr)
    return report


# ------------------------------------------------------------ concurrency

def concurrency():
    db = f"{WORK}/team.sqlite"
    rows = int(os.environ.get("IMPORT_ROWS", "100000"))
    qualify(db, "account", "add", "Team Co")
    csv = f"{WORK}/big.csv"
    subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "../import/generate.py"), str(rows), csv, f"{WORK}/accounts.csv"], check=True)
    qualify(db, "import", "accounts", f"{WORK}/accounts.csv", timeout=600)
    # The deals exist already: the timed import updates every one, as a weekly CRM refresh does.
    qualify(db, "import", "opportunities", csv, timeout=1200)
    report = {"interviews": 4, "interviews ended early": 0, "answers acknowledged": 0, "answers lost": 0,
              "errors shown to the rep": 0, "waits announced": 0, "review runs": 0, "review failures": 0}
    stop = threading.Event()
    lock_hold = {"longest": 0.0}
    answer_waits = []

    def probe():
        # The longest stretch in which no one else could take the write lock.
        connection = sqlite3.connect(db, timeout=0, isolation_level=None)
        busy_since = None
        while not stop.is_set():
            try:
                connection.execute("BEGIN IMMEDIATE")
                connection.execute("COMMIT")
                if busy_since is not None:
                    lock_hold["longest"] = max(lock_hold["longest"], time.time() - busy_since)
                busy_since = None
            except sqlite3.OperationalError:
                busy_since = busy_since or time.time()
            time.sleep(0.05)
        connection.close()

    def review_loop():
        while not stop.is_set():
            result = qualify(db, "review", "--field", "pain", timeout=120)
            report["review runs"] += 1
            if result.returncode != 0:
                report["review failures"] += 1

    def interview(n):
        name = f"Team Co - Call {n}"
        qualify(db, "opportunity", "add", name, "--account", "Team Co", timeout=600)
        session = PtyInterview(db, name)
        answers = answers_for(f"call{n}") * 1
        acknowledged, transcript = [], b""
        if session.wait_for(FIRST_PROMPT, 60):
            for answer in answers:
                time.sleep(0.3 + RANDOM.random())  # a rep types while the buyer talks
                typed = time.time()
                session.type(answer)
                if session.wait_for(PROMPTS, 400) is None:
                    report["interviews ended early"] += 1
                    break
                # From Enter to the next question: the answer is stored before it appears.
                answer_waits.append(time.time() - typed)
                if answer:
                    acknowledged.append(answer)
            transcript = session.log
        session.type("/quit")
        time.sleep(0.5)
        session.kill()
        stored = stored_texts(db, name)
        report["answers acknowledged"] += len(acknowledged)
        report["answers lost"] += sum(1 for a in acknowledged if a not in stored)
        report["errors shown to the rep"] += transcript.count(b"qualify:") + transcript.count(b"Not saved")
        report["waits announced"] += transcript.count(b"waiting for another qualify")

    threads = [threading.Thread(target=probe), threading.Thread(target=review_loop)]
    threads += [threading.Thread(target=interview, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    # A second file of as many deals the database does not have yet: every row is written.
    fresh = f"{WORK}/fresh.csv"
    with open(csv, newline="") as source, open(fresh, "w", newline="") as target:
        target.write(source.read().replace("\nDeal ", "\nNew Deal "))
    time.sleep(1)
    # The one that writes every row first, while the reps are surely still typing.
    for label, arguments in [("new deals", [fresh]), ("update (changes nothing)", [csv, "--on-duplicate", "update"])]:
        lock_hold["longest"] = 0.0
        start = time.time()
        imported = qualify(db, "import", "opportunities", *arguments, timeout=1200)
        report[f"import {label}: seconds"] = round(time.time() - start, 2)
        time.sleep(0.3)  # the probe notes a stretch once it can write again
        report[f"import {label}: exit"] = imported.returncode
        report[f"import {label}: longest write lock held (s)"] = round(lock_hold["longest"], 2)
    for thread in threads[2:]:
        thread.join()
    stop.set()
    for thread in threads[:2]:
        thread.join()
    report["worst answer wait (s)"] = round(max(answer_waits, default=0.0), 2)
    report["integrity"] = "ok" if integrity(db) else "FAILED"
    return report


if __name__ == "__main__":
    command = sys.argv[1]
    os.makedirs(WORK, exist_ok=True)
    started = time.time()
    if command == "kill":
        result = kill(int(sys.argv[2]))
    elif command == "fuzz":
        result = fuzz(int(sys.argv[2]))
    else:
        result = concurrency()
    result["wall seconds"] = round(time.time() - started, 1)
    print(json.dumps(result, ensure_ascii=False))
