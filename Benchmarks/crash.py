#!/usr/bin/env python3
"""Crash safety under SIGKILL, for BENCHMARKS.md: bursts of over 10,000 notices, each round
killed at random moments and restarted until done, through the daemon and through run-due.

    Benchmarks/crash.py [ROUNDS [KILLS]]        (default: 9 rounds of 6 kills for each way)

A database of the shipped campaign copied into 190 plans, all of whose notices fell due long
ago, is copied afresh for every round. One round of each way runs undisturbed first: what it
records and sends is the reference; a second undisturbed round times the burst, from the
process's start to the last message in the maildir. Then each round starts the process
(zhengdund, or `zhengdun run-due`), kills it with SIGKILL at a moment drawn at random over that
time, starts it again, KILLS times, and lets the last start finish. After each round:

- lost notices: keys the reference recorded in the ledger and the round did not (must be 0);
- extra notices: keys the round recorded and the reference did not, such as a second circular
  (must be 0); circulars are also counted per plan (at most one);
- lost messages: outbox rows not sent, and sent messages whose Message-ID is not in the maildir
  (must be 0);
- duplicates: messages in the maildir beyond one per Message-ID (at most one per kill);
- `zhengdun audit verify` and `PRAGMA integrity_check` clean.

Release builds of zhengdun and zhengdund are built first. Exits 1 if any round breaks a rule.
"""
import os, random, re, shutil, signal, sqlite3, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 9
KILLS = int(sys.argv[2]) if len(sys.argv) > 2 else 6
PLANS = 190
NOW = "2026-11-30 10:00"  # run-due's clock: a Monday, every notice long due
random.seed(20261203)


def build():
    for product in ("zhengdun", "zhengdund"):
        subprocess.run(["swift", "build", "-c", "release", "--product", product], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, ".build", "release")


BIN = build()
WORK = tempfile.mkdtemp(prefix="zhengdun-crash-")


def zhengdun(*arguments, env=None, check=True):
    return subprocess.run([os.path.join(BIN, "zhengdun"), *arguments], env=env, check=check,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def template():
    """The campaign copied into PLANS plans, every notice due."""
    path = os.path.join(WORK, "template.db")
    env = dict(os.environ, ZHENGDUN_DB=path, ZHENGDUN_NOW="2026-03-02 09:00", LANG="C.UTF-8")
    assign = []
    for person, role in [("li-si", "secretary"), ("wang-wu", "resident_cadre"), ("qian-qi", "org_office"),
                         ("zhao-liu", "office_director"), ("sun-ba", "group_leader"), ("zhou-jiu", "work_team")]:
        zhengdun("person", "add", person, "--name", person, "--email", f"{person}@town.example.cn", env=env)
        assign += ["--assign", f"{role}={person}"]
    zhengdun("plan", "create", "--workflow", os.path.join(ROOT, "workflows/village-branch-rectification.yaml"),
             "--village", "XX村", "--start", "2026-03-02", *assign, env=env)
    zhengdun("plan", "advance", "P1", "--as", "qian-qi", env=env)
    subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/clone.py"), path, str(PLANS), "0"], check=True,
                   stdout=subprocess.DEVNULL)
    return path


class Round:
    """A fresh copy of the template in a folder of its own, with its configuration."""

    def __init__(self, name, source):
        self.folder = os.path.join(WORK, name)
        os.makedirs(self.folder)
        self.database = os.path.join(self.folder, "zhengdun.db")
        shutil.copy(source, self.database)
        self.maildir = os.path.join(self.folder, "maildir")
        self.config = os.path.join(self.folder, "zhengdun.yaml")
        with open(self.config, "w") as file:
            file.write(f"""database: {self.database}
socket: {self.folder}/zhengdun.sock
workflows: {ROOT}/workflows
mail: {{from: "镇组织办 <zzb@town.example.cn>", transport: maildir, maildir: {self.maildir}}}
""")
        self.env = dict(os.environ, ZHENGDUN_DB=self.database, ZHENGDUN_CONFIG=self.config, ZHENGDUN_NOW=NOW,
                        LANG="C.UTF-8")
        self.env.pop("ZHENGDUN_SOCKET", None)

    def query(self, sql):
        db = sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=30)
        try:
            return db.execute(sql).fetchall()
        finally:
            db.close()

    def start(self, way):
        log = open(os.path.join(self.folder, f"{way}.log"), "a")
        if way == "daemon":
            command = [os.path.join(BIN, "zhengdund"), "--config", self.config]
        else:
            command = [os.path.join(BIN, "zhengdun"), "run-due"]
        return subprocess.Popen(command, env=self.env, stdout=log, stderr=log)

    def done(self, reference):
        ledger, unsent, outbox = self.query(
            "SELECT (SELECT count(*) FROM notice), (SELECT count(*) FROM outbox WHERE state <> 'sent'), (SELECT count(*) FROM outbox)")[0]
        return ledger >= reference["ledger"] and outbox >= reference["outbox"] and unsent == 0

    def finish(self, way, reference, limit=600):
        """Runs the process undisturbed until everything is recorded and sent."""
        began = time.monotonic()
        if way == "daemon":
            process = self.start(way)
            while not (reference and self.done(reference)):
                if reference is None and time.monotonic() - began > 5 and self.settled():
                    break
                if process.poll() is not None:
                    raise SystemExit(f"zhengdund exited with {process.returncode}; see {self.folder}/daemon.log")
                if time.monotonic() - began > limit:
                    raise SystemExit(f"the daemon did not finish within {limit} s in {self.folder}")
                time.sleep(0.05)
            process.send_signal(signal.SIGTERM)
            process.wait(60)
        else:
            while True:
                process = self.start(way)
                process.wait(limit)
                if process.returncode == 0 and (reference is None or self.done(reference)):
                    break
                if time.monotonic() - began > limit:
                    raise SystemExit(f"run-due did not finish within {limit} s in {self.folder}")
        return time.monotonic() - began

    def settled(self):
        """Nothing left unsent and no ledger row added for two seconds (the reference daemon)."""
        before = self.query("SELECT count(*), (SELECT count(*) FROM outbox WHERE state <> 'sent') FROM notice")[0]
        time.sleep(2)
        after = self.query("SELECT count(*), (SELECT count(*) FROM outbox WHERE state <> 'sent') FROM notice")[0]
        return before == after and after[1] == 0 and after[0] > 0

    def outcome(self):
        keys = {key for (key,) in self.query("SELECT key FROM notice")}
        # The circulars covering each plan (one circular a pass covers every plan that called).
        circulars = self.query("SELECT plan_id, count(*) FROM circular_plan GROUP BY plan_id")
        sent_ids = set()
        for (message,) in self.query("SELECT message FROM outbox WHERE state = 'sent'"):
            sent_ids.add(re.search(rb"Message-ID: *<([^>]+)>", message[:8192], re.I).group(1))
        unsent = self.query("SELECT count(*) FROM outbox WHERE state <> 'sent'")[0][0]
        delivered = []
        folder = os.path.join(self.maildir, "new")
        for name in os.listdir(folder) if os.path.isdir(folder) else []:
            with open(os.path.join(folder, name), "rb") as file:
                match = re.search(rb"Message-ID: *<([^>]+)>", file.read(8192), re.I)
                delivered.append(match.group(1) if match else name.encode())
        audit = zhengdun("audit", "verify", env=self.env, check=False)
        integrity = self.query("PRAGMA integrity_check")[0][0]
        return {"keys": keys, "circulars": max([count for _, count in circulars], default=0),
                "ledger": len(keys), "outbox": len(sent_ids) + unsent, "unsent": unsent,
                "missing_mail": len(sent_ids - set(delivered)), "duplicates": len(delivered) - len(set(delivered)),
                "audit": audit.returncode == 0, "integrity": integrity}


def main():
    source = template()
    total_kills, working_kills, broken = 0, 0, 0
    for way in ("daemon", "run-due"):
        reference_round = Round(f"{way}-reference", source)
        reference_round.finish(way, None)
        reference = reference_round.outcome()
        duration = Round(f"{way}-timed", source).finish(way, reference)
        print(f"{way}: reference {reference['ledger']} notices, {reference['outbox']} messages in {duration:.1f} s;"
              f" circulars at most {reference['circulars']} a plan")
        assert reference["ledger"] >= 10_000, "the burst must be at least 10,000 notices"
        for number in range(1, ROUNDS + 1):
            round = Round(f"{way}-{number}", source)
            moments, working = [], 0
            for _ in range(KILLS):
                process = round.start(way)
                moment = random.uniform(0.02, duration)
                moments.append(moment)
                try:
                    process.wait(moment)
                except subprocess.TimeoutExpired:
                    pass
                # A start that finished early is killed all the same (nothing left to interrupt).
                if process.poll() is None:
                    working += 1
                    process.send_signal(signal.SIGKILL)
                process.wait()
            round.finish(way, reference)
            got = round.outcome()
            total_kills += KILLS
            working_kills += working
            lost = len(reference["keys"] - got["keys"])
            extra = len(got["keys"] - reference["keys"])
            problems = []
            if lost: problems.append(f"{lost} notices lost")
            if extra: problems.append(f"{extra} notices extra: {sorted(got['keys'] - reference['keys'])[:3]}")
            if got["circulars"] > 1: problems.append(f"a plan had {got['circulars']} circulars")
            if got["unsent"] or got["missing_mail"]: problems.append(f"{got['unsent']} unsent, {got['missing_mail']} sent but not in the maildir")
            if got["outbox"] != reference["outbox"]: problems.append(f"{got['outbox']} messages against {reference['outbox']}")
            if got["duplicates"] > KILLS: problems.append(f"{got['duplicates']} duplicates for {KILLS} kills")
            if not got["audit"]: problems.append("audit verify failed")
            if got["integrity"] != "ok": problems.append(f"integrity_check: {got['integrity']}")
            broken += bool(problems)
            print(f"{way} round {number}: killed at {', '.join(f'{m:.2f}' for m in moments)} s ({working} while running); "
                  f"{got['ledger']} notices, {got['outbox']} messages, {got['duplicates']} duplicates"
                  + ("; " + "; ".join(problems) if problems else "; clean"))
            shutil.rmtree(round.folder)
    print(f"{total_kills} kills ({working_kills} of a process still running), {broken} rounds broken")
    shutil.rmtree(WORK)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
