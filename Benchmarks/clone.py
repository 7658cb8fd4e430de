#!/usr/bin/env python3
"""Multiplies plan P1 of a database into PLANS plans, for the scheduler benchmarks.

    Benchmarks/clone.py DATABASE PLANS SPREAD_HOURS

Every copy keeps P1's tasks and times, so every copied notice is as valid as the original. Each
village has a secretary and a resident cadre of its own (P1's, with the plan's number added to
their ids and addresses); the township's own people (the office, its director, the group leader,
the work team) are the same for every village, as in one township. Only the instants the timers
fall due are spread evenly over SPREAD_HOURS after the earliest, so that passes find work at
every moment.
"""
import sqlite3, sys

database, plans, spread = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
db = sqlite3.connect(database)
db.execute("PRAGMA foreign_keys = ON")
tasks = db.execute("SELECT count(*) FROM task WHERE plan_id = 1").fetchone()[0]
base = db.execute("SELECT max(id) FROM task").fetchone()[0]
earliest = db.execute("SELECT min(due_at) FROM timer WHERE plan_id = 1").fetchone()[0]
spread_ms = int(spread * 3600 * 1000)
with db:
    db.execute("CREATE TEMP TABLE n (i INTEGER PRIMARY KEY)")
    db.executemany("INSERT INTO n VALUES (?)", [(i,) for i in range(2, plans + 1)])
    plan_columns = [r[1] for r in db.execute("PRAGMA table_info(plan)") if r[1] not in ("id", "village", "branch")]
    db.execute(f"""INSERT INTO plan (id, village, branch, {', '.join(plan_columns)})
                   SELECT n.i, '第' || n.i || '村', '第' || n.i || '村党支部', {', '.join('p.' + c for c in plan_columns)}
                   FROM n, plan p WHERE p.id = 1""")
    village = "('secretary', 'resident_cadre')"
    person_columns = [r[1] for r in db.execute("PRAGMA table_info(person)") if r[1] not in ("id", "email", "unix_user")]
    db.execute(f"""INSERT INTO person (id, email, {', '.join(person_columns)})
                   SELECT p.id || '-' || n.i, replace(p.email, '@', '-' || n.i || '@'), {', '.join('p.' + c for c in person_columns)}
                   FROM n, person p WHERE p.id IN (SELECT person_id FROM role_binding WHERE plan_id = 1 AND role IN {village})""")
    db.execute(f"""INSERT INTO role_binding (plan_id, role, ordinal, person_id)
                   SELECT n.i, role, ordinal, CASE WHEN role IN {village} THEN person_id || '-' || n.i ELSE person_id END
                   FROM n, role_binding WHERE plan_id = 1""")
    # A task goes to the copy of its village's person, or to the same township person.
    own = f"(SELECT person_id FROM role_binding b WHERE b.plan_id = 1 AND b.person_id = t.assignee_id AND b.role IN {village})"
    db.execute("INSERT INTO plan_phase SELECT n.i, phase, ordinal, started_at, ended_at FROM n, plan_phase WHERE plan_id = 1")
    task_columns = [r[1] for r in db.execute("PRAGMA table_info(task)") if r[1] not in ("id", "plan_id", "assignee_id", "submitted_by")]
    db.execute(f"""INSERT INTO task (id, plan_id, assignee_id, submitted_by, {', '.join(task_columns)})
                   SELECT {base} + (n.i - 2) * {tasks} + t.id, n.i,
                          CASE WHEN EXISTS {own} THEN t.assignee_id || '-' || n.i ELSE t.assignee_id END,
                          CASE WHEN t.submitted_by IN (SELECT person_id FROM role_binding WHERE plan_id = 1 AND role IN {village})
                               THEN t.submitted_by || '-' || n.i ELSE t.submitted_by END,
                          {', '.join('t.' + c for c in task_columns)}
                   FROM n, task t WHERE t.plan_id = 1""")
    # Timers: the same keys for the copied task ids, falling due spread over the window.
    db.execute(f"""INSERT INTO timer (key, due_at, kind, plan_id, task_id, level, offset)
                   SELECT 'T' || ({base} + (n.i - 2) * {tasks} + t.task_id) || substr(t.key, instr(t.key, '.')),
                          {earliest} + ((n.i * 7919 + t.task_id * 104729) % {plans * tasks}) * {spread_ms} / {plans * tasks},
                          t.kind, n.i, {base} + (n.i - 2) * {tasks} + t.task_id, t.level, t.offset
                   FROM n, timer t WHERE t.plan_id = 1 AND t.task_id IS NOT NULL""")
    # The work P1 has scheduled (its recurring tasks' next occurrences, its look back), for each copy.
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'scheduled_work'").fetchone():
        db.execute("""INSERT INTO scheduled_work (key, due_at, kind, plan_id, task_key, occurrence)
                       SELECT 'P' || n.i || substr(w.key, instr(w.key, '.')), w.due_at, w.kind, n.i, w.task_key, w.occurrence
                       FROM n, scheduled_work w WHERE w.plan_id = 1""")
counts = db.execute(
    "SELECT (SELECT count(*) FROM plan), (SELECT count(*) FROM task), (SELECT count(*) FROM timer), (SELECT count(*) FROM person)"
).fetchone()
print(f"cloned: {counts[0]} plans, {counts[1]} tasks, {counts[2]} pending notices, {counts[3]} people")
