import GRDB

/// The database schema, one named migration per shipped change. A migration is never edited
/// once released; a change is a new migration. Invariants live in the schema where SQLite can
/// keep them: states are checked, the event log refuses updates and deletes.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(
            "v1: people, workflows, templates, plans, tasks, inspections, evidence, event log, timers, notices, outbox"
        ) { db in
            try db.execute(
                sql: """
                    CREATE TABLE person (
                        id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
                        email TEXT NOT NULL CHECK (email LIKE '%_@_%'),
                        unix_user TEXT UNIQUE,
                        created_at INTEGER NOT NULL
                    );

                    -- Mail templates as last read from the workflows folder, by language.
                    CREATE TABLE template (
                        language TEXT NOT NULL,
                        name TEXT NOT NULL,
                        text TEXT NOT NULL,
                        updated_at INTEGER NOT NULL,
                        PRIMARY KEY (language, name)
                    );

                    CREATE TABLE calendar (
                        name TEXT PRIMARY KEY NOT NULL,
                        yaml TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        updated_at INTEGER NOT NULL
                    );

                    -- Workflow files as plans were created from them, each text stored once under its
                    -- SHA-256, so that a later edit of the file never changes a running plan.
                    CREATE TABLE workflow (
                        sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
                        key TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        yaml TEXT NOT NULL
                    );

                    CREATE TABLE plan (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        village TEXT NOT NULL CHECK (length(trim(village)) > 0),
                        branch TEXT NOT NULL,
                        workflow_key TEXT NOT NULL,
                        workflow_version INTEGER NOT NULL,
                        workflow_source TEXT NOT NULL,
                        workflow_sha256 TEXT NOT NULL REFERENCES workflow(sha256),
                        calendar TEXT REFERENCES calendar(name),
                        households INTEGER CHECK (households >= 0),
                        population INTEGER CHECK (population >= 0),
                        party_members INTEGER CHECK (party_members >= 0),
                        per_capita_income_yuan INTEGER CHECK (per_capita_income_yuan >= 0),
                        income_year INTEGER,
                        problems TEXT NOT NULL,
                        goals TEXT NOT NULL,
                        start_date TEXT NOT NULL,
                        state TEXT NOT NULL,
                        created_at INTEGER NOT NULL
                    );

                    CREATE TABLE role_binding (
                        plan_id INTEGER NOT NULL REFERENCES plan(id),
                        role TEXT NOT NULL,
                        person_id TEXT NOT NULL REFERENCES person(id),
                        PRIMARY KEY (plan_id, role)
                    );
                    CREATE INDEX role_binding_person ON role_binding(person_id);

                    CREATE TABLE plan_phase (
                        plan_id INTEGER NOT NULL REFERENCES plan(id),
                        phase TEXT NOT NULL,
                        ordinal INTEGER NOT NULL,
                        started_at INTEGER NOT NULL,
                        ended_at INTEGER,
                        PRIMARY KEY (plan_id, phase)
                    );

                    CREATE TABLE inspection (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        plan_id INTEGER NOT NULL REFERENCES plan(id),
                        phase TEXT NOT NULL,
                        inspector_id TEXT NOT NULL REFERENCES person(id),
                        at INTEGER NOT NULL,
                        finding TEXT NOT NULL CHECK (length(trim(finding)) > 0),
                        orders_rectification INTEGER NOT NULL
                    );
                    CREATE INDEX inspection_plan ON inspection(plan_id);

                    CREATE TABLE task (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        plan_id INTEGER NOT NULL REFERENCES plan(id),
                        phase TEXT NOT NULL,
                        template_key TEXT,
                        inspection_id INTEGER REFERENCES inspection(id),
                        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
                        description TEXT,
                        measure TEXT,
                        responsible_role TEXT NOT NULL,
                        verifier_role TEXT NOT NULL,
                        required INTEGER NOT NULL,
                        assignee_id TEXT NOT NULL REFERENCES person(id),
                        state TEXT NOT NULL CHECK (state IN ('issued', 'acknowledged', 'submitted', 'verified', 'returned', 'cancelled')),
                        deadline_rule TEXT NOT NULL,
                        deadline INTEGER NOT NULL,
                        original_deadline INTEGER NOT NULL,
                        deadline_version INTEGER NOT NULL CHECK (deadline_version >= 1),
                        deadline_set_at INTEGER NOT NULL,
                        issued_at INTEGER NOT NULL,
                        assigned_at INTEGER NOT NULL,
                        assignment_version INTEGER NOT NULL CHECK (assignment_version >= 1),
                        acknowledged_at INTEGER,
                        submitted_at INTEGER,
                        submitted_by TEXT REFERENCES person(id),
                        verified_at INTEGER,
                        closed_at INTEGER,
                        last_note TEXT,
                        UNIQUE (plan_id, template_key),
                        CHECK ((template_key IS NULL) <> (inspection_id IS NULL))
                    );
                    CREATE INDEX task_plan ON task(plan_id, phase);
                    CREATE INDEX task_assignee ON task(assignee_id, state);
                    CREATE INDEX task_open_deadline ON task(deadline) WHERE state IN ('issued', 'acknowledged', 'returned');

                    CREATE TABLE task_dependency (
                        task_id INTEGER NOT NULL REFERENCES task(id),
                        depends_on_id INTEGER NOT NULL REFERENCES task(id),
                        PRIMARY KEY (task_id, depends_on_id),
                        CHECK (task_id <> depends_on_id)
                    );

                    CREATE TABLE evidence (
                        sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
                        bytes INTEGER NOT NULL,
                        content BLOB NOT NULL
                    );

                    CREATE TABLE event (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at INTEGER NOT NULL,
                        plan_id INTEGER REFERENCES plan(id),
                        task_id INTEGER REFERENCES task(id),
                        kind TEXT NOT NULL,
                        actor_id TEXT REFERENCES person(id),
                        caller TEXT NOT NULL,
                        payload TEXT NOT NULL,
                        prev_hash TEXT NOT NULL,
                        hash TEXT NOT NULL UNIQUE
                    );
                    CREATE INDEX event_plan ON event(plan_id);
                    CREATE INDEX event_task ON event(task_id);

                    CREATE TABLE task_evidence (
                        event_id INTEGER NOT NULL REFERENCES event(id),
                        task_id INTEGER NOT NULL REFERENCES task(id),
                        sha256 TEXT NOT NULL REFERENCES evidence(sha256),
                        name TEXT NOT NULL,
                        PRIMARY KEY (event_id, sha256, name)
                    );
                    CREATE INDEX task_evidence_task ON task_evidence(task_id);

                    -- The head of the hash chain, so that removing the newest events is noticed too.
                    CREATE TABLE event_chain (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        last_event_id INTEGER NOT NULL,
                        last_hash TEXT NOT NULL
                    );

                    -- Notices still to come: one row per idempotency key with the instant it falls due.
                    -- The scheduler's timer is armed for the earliest; these rows are the truth.
                    CREATE TABLE timer (
                        key TEXT PRIMARY KEY NOT NULL,
                        due_at INTEGER NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('acknowledge', 'reminder', 'escalation', 'progress', 'circular')),
                        plan_id INTEGER REFERENCES plan(id),
                        task_id INTEGER REFERENCES task(id),
                        level INTEGER,
                        offset TEXT
                    );
                    CREATE INDEX timer_due ON timer(due_at);
                    CREATE INDEX timer_task ON timer(task_id);

                    -- The ledger: every notice recorded once under its key, sent or folded into another.
                    CREATE TABLE notice (
                        key TEXT PRIMARY KEY NOT NULL,
                        kind TEXT NOT NULL,
                        plan_id INTEGER REFERENCES plan(id),
                        task_id INTEGER REFERENCES task(id),
                        level INTEGER,
                        due_at INTEGER NOT NULL,
                        recorded_at INTEGER NOT NULL,
                        late INTEGER NOT NULL,
                        folded_into TEXT REFERENCES notice(key),
                        details TEXT
                    );
                    CREATE INDEX notice_plan ON notice(plan_id);
                    CREATE INDEX notice_task ON notice(task_id);

                    -- Messages waiting for the transport; marked sent only once it has taken them.
                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        notice_key TEXT NOT NULL REFERENCES notice(key),
                        person_id TEXT REFERENCES person(id),
                        address TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        message BLOB NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'dead')),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at INTEGER NOT NULL,
                        last_error TEXT,
                        created_at INTEGER NOT NULL,
                        sent_at INTEGER,
                        UNIQUE (notice_key, address)
                    );
                    CREATE INDEX outbox_queued ON outbox(next_attempt_at) WHERE state = 'queued';

                    CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                    CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                    CREATE TRIGGER evidence_is_immutable BEFORE UPDATE ON evidence
                    BEGIN SELECT RAISE(ABORT, 'evidence cannot change'); END;
                    """)
        }
        migrator.registerMigration("v2: due timers read in (due_at, key) order from their index") { db in
            // A pass takes the earliest due timers in (due_at, key) order, a batch at a time; with
            // the key in the index that is a walk along it instead of a sort of everything due.
            try db.execute(
                sql: """
                    DROP INDEX timer_due;
                    CREATE INDEX timer_due ON timer(due_at, key);
                    """)
        }
        migrator.registerMigration("v3: a task's due timers found by task and time") { db in
            // A pass reads and deletes the due timers of the tasks it handles: with the time in
            // the index, only those are visited, not every timer the tasks will ever have.
            try db.execute(
                sql: """
                    DROP INDEX timer_task;
                    CREATE INDEX timer_task ON timer(task_id, due_at);
                    """)
        }
        migrator.registerMigration("v4: the ledger's and the outbox's references checked when a transaction commits") { db in
            // A pass records its notices and queues their messages many rows to a statement. With
            // references checked row by row, SQLite must be able to undo half a statement, and
            // copies every page each statement changes first: in a burst about one page a row
            // for each index, since each row goes to another leaf. Checked when the transaction
            // commits, a reference that does not hold still refuses the whole transaction, and
            // the inserts (`INSERT OR FAIL`, below) need no copies. The tables are made anew
            // with the same columns, rows, indexes and outbox ids.
            try db.execute(
                sql: """
                    CREATE TABLE new_notice (
                        key TEXT PRIMARY KEY NOT NULL,
                        kind TEXT NOT NULL,
                        plan_id INTEGER REFERENCES plan(id) DEFERRABLE INITIALLY DEFERRED,
                        task_id INTEGER REFERENCES task(id) DEFERRABLE INITIALLY DEFERRED,
                        level INTEGER,
                        due_at INTEGER NOT NULL,
                        recorded_at INTEGER NOT NULL,
                        late INTEGER NOT NULL,
                        folded_into TEXT REFERENCES notice(key) DEFERRABLE INITIALLY DEFERRED,
                        details TEXT
                    );
                    INSERT INTO new_notice (key, kind, plan_id, task_id, level, due_at, recorded_at, late, folded_into, details)
                        SELECT key, kind, plan_id, task_id, level, due_at, recorded_at, late, folded_into, details FROM notice ORDER BY rowid;

                    CREATE TABLE new_outbox (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        notice_key TEXT NOT NULL REFERENCES notice(key) DEFERRABLE INITIALLY DEFERRED,
                        person_id TEXT REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED,
                        address TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        message BLOB NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'dead')),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at INTEGER NOT NULL,
                        last_error TEXT,
                        created_at INTEGER NOT NULL,
                        sent_at INTEGER,
                        UNIQUE (notice_key, address)
                    );
                    INSERT INTO new_outbox (id, notice_key, person_id, address, subject, message, state, attempts, next_attempt_at, last_error, created_at, sent_at)
                        SELECT id, notice_key, person_id, address, subject, message, state, attempts, next_attempt_at, last_error, created_at, sent_at
                        FROM outbox ORDER BY id;
                    -- An id once given is never given again, even when the newest messages are gone.
                    DELETE FROM sqlite_sequence WHERE name = 'new_outbox';
                    INSERT INTO sqlite_sequence (name, seq) SELECT 'new_outbox', seq FROM sqlite_sequence WHERE name = 'outbox';

                    DROP TABLE outbox;
                    DROP TABLE notice;
                    ALTER TABLE new_notice RENAME TO notice;
                    ALTER TABLE new_outbox RENAME TO outbox;
                    CREATE INDEX notice_plan ON notice(plan_id);
                    CREATE INDEX notice_task ON notice(task_id);
                    CREATE INDEX outbox_queued ON outbox(next_attempt_at) WHERE state = 'queued';
                    """)
        }
        migrator.registerMigration("v5: timers kept in key order, a task's together, without a rowid or a task index") { db in
            // A task's timers are one stretch of keys (`T12.…`), so the table, kept in key order,
            // finds them without an index of its own, and its key is no longer a second index
            // beside a rowid table. A pass that deletes the timers of 10,000 tasks then changes
            // one leaf of the table and one of the due index for each, not four.
            try db.execute(
                sql: """
                    CREATE TABLE new_timer (
                        key TEXT PRIMARY KEY NOT NULL,
                        due_at INTEGER NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('acknowledge', 'reminder', 'escalation', 'progress', 'circular')),
                        plan_id INTEGER REFERENCES plan(id),
                        task_id INTEGER REFERENCES task(id),
                        level INTEGER,
                        offset TEXT
                    ) WITHOUT ROWID;
                    INSERT INTO new_timer (key, due_at, kind, plan_id, task_id, level, offset)
                        SELECT key, due_at, kind, plan_id, task_id, level, offset FROM timer ORDER BY key;
                    DROP TABLE timer;
                    ALTER TABLE new_timer RENAME TO timer;
                    CREATE INDEX timer_due ON timer(due_at, key);
                    """)
        }
        migrator.registerMigration("v6: a plan's role bindings kept together, without a rowid") { db in
            // A pass reads the bindings of every plan it sends for, thousands at once: kept in
            // (plan, role) order, a plan's are one stretch of the table, where a rowid table
            // needed its key's index and then a look-up in the table for each binding.
            try db.execute(
                sql: """
                    CREATE TABLE new_role_binding (
                        plan_id INTEGER NOT NULL REFERENCES plan(id),
                        role TEXT NOT NULL,
                        person_id TEXT NOT NULL REFERENCES person(id),
                        PRIMARY KEY (plan_id, role)
                    ) WITHOUT ROWID;
                    INSERT INTO new_role_binding (plan_id, role, person_id) SELECT plan_id, role, person_id FROM role_binding ORDER BY plan_id, role;
                    DROP TABLE role_binding;
                    ALTER TABLE new_role_binding RENAME TO role_binding;
                    CREATE INDEX role_binding_person ON role_binding(person_id);
                    """)
        }
        migrator.registerMigration("v7: the due index holds every column a pass reads") { db in
            // A pass starts by reading its batch along the due index, before anything else can
            // start; holding the whole timer, the index answers alone, without a look-up in the
            // table for each of thousands of rows.
            try db.execute(
                sql: """
                    DROP INDEX timer_due;
                    CREATE INDEX timer_due ON timer(due_at, key, kind, plan_id, task_id, level, offset);
                    """)
        }
        migrator.registerMigration("v8: sent messages found by when they were sent, dead ones counted from an index of their own") { db in
            // Sent messages are deleted after the configured retention (`mail.keep_sent`), the
            // oldest first, and the daemon tells systemd how many are dead after each delivery:
            // each index holds only the rows it is for, so neither reads the rest of the outbox.
            try db.execute(
                sql: """
                    CREATE INDEX outbox_sent ON outbox(sent_at) WHERE state = 'sent';
                    CREATE INDEX outbox_dead ON outbox(id) WHERE state = 'dead';
                    """)
        }
        migrator.registerMigration("v9: timers for the changes people are told of; messages copied to supervisors") { db in
            // 交办, 退回整改, 验收销号, 延期 and 改派 are announced through timers like the rest, so
            // that they go out in a pass, inside the send window, one message a person; and a
            // 督办 letter is one message to the person responsible, copied (Cc) to supervisors.
            try db.execute(
                sql: """
                    CREATE TABLE new_timer (
                        key TEXT PRIMARY KEY NOT NULL,
                        due_at INTEGER NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('acknowledge', 'reminder', 'escalation', 'progress', 'circular',
                            'issued', 'returned', 'verified', 'extended', 'reassigned')),
                        plan_id INTEGER REFERENCES plan(id),
                        task_id INTEGER REFERENCES task(id),
                        level INTEGER,
                        offset TEXT
                    ) WITHOUT ROWID;
                    INSERT INTO new_timer (key, due_at, kind, plan_id, task_id, level, offset)
                        SELECT key, due_at, kind, plan_id, task_id, level, offset FROM timer ORDER BY key;
                    DROP TABLE timer;
                    ALTER TABLE new_timer RENAME TO timer;
                    CREATE INDEX timer_due ON timer(due_at, key, kind, plan_id, task_id, level, offset);
                    ALTER TABLE outbox ADD COLUMN cc TEXT;
                    """)
        }
        migrator.registerMigration("v10: circulars issued as numbered documents") { db in
            // A circular (通报) is a document with a 文号: numbered per year from 1, never a
            // number skipped nor given twice. The number is taken in the transaction that stores
            // the circular, records its notice and queues its mail, so a crash leaves either all
            // of it or none; the schema refuses a number that does not follow the year's last,
            // and refuses changing or removing a circular once issued.
            try db.execute(
                sql: """
                    CREATE TABLE circular (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2099),
                        number INTEGER NOT NULL CHECK (number >= 1),
                        document_number TEXT NOT NULL CHECK (length(trim(document_number)) > 0),
                        title TEXT NOT NULL,
                        issued_at INTEGER NOT NULL,
                        notice_key TEXT NOT NULL UNIQUE REFERENCES notice(key) DEFERRABLE INITIALLY DEFERRED,
                        recipients TEXT NOT NULL,
                        content TEXT NOT NULL,
                        content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
                        UNIQUE (year, number)
                    );
                    -- The plans a circular covers: a plan named in one issued since its latest
                    -- escalation needs no second circular for it.
                    CREATE TABLE circular_plan (
                        plan_id INTEGER NOT NULL REFERENCES plan(id),
                        circular_id INTEGER NOT NULL REFERENCES circular(id),
                        PRIMARY KEY (plan_id, circular_id)
                    ) WITHOUT ROWID;

                    CREATE TRIGGER circular_number_follows BEFORE INSERT ON circular
                    WHEN NEW.number <> coalesce((SELECT max(number) FROM circular WHERE year = NEW.year), 0) + 1
                    BEGIN SELECT RAISE(ABORT, 'a circular number follows the last of its year'); END;
                    CREATE TRIGGER circular_is_issued_update BEFORE UPDATE ON circular
                    BEGIN SELECT RAISE(ABORT, 'an issued circular cannot change'); END;
                    CREATE TRIGGER circular_is_issued_delete BEFORE DELETE ON circular
                    BEGIN SELECT RAISE(ABORT, 'an issued circular cannot be removed'); END;
                    """)
        }
        migrator.registerMigration("v11: replies received by mail, and bounces of the messages sent") { db in
            // Every message `mail-in` handled, by its Message-ID: a mail server that delivers a
            // reply twice (a retry after a timeout) finds it here and nothing acts twice. The
            // outbox keeps each message's Message-ID, so that a delivery status notification
            // finds the message it reports on.
            try db.execute(
                sql: """
                    CREATE TABLE mail_in (
                        message_id TEXT PRIMARY KEY NOT NULL,
                        received_at INTEGER NOT NULL,
                        sender TEXT,
                        person_id TEXT REFERENCES person(id),
                        task_id INTEGER REFERENCES task(id),
                        outcome TEXT NOT NULL CHECK (outcome IN ('acted', 'refused', 'ignored', 'bounce', 'kept')),
                        detail TEXT
                    ) WITHOUT ROWID;
                    ALTER TABLE outbox ADD COLUMN message_id TEXT;
                    ALTER TABLE outbox ADD COLUMN bounced_at INTEGER;
                    ALTER TABLE outbox ADD COLUMN bounce TEXT;
                    CREATE INDEX outbox_message_id ON outbox(message_id) WHERE message_id IS NOT NULL;
                    """)
        }
        migrator.registerMigration("v12: the problem list, each item handed over as a rectification task; the goals' indicators") { db in
            // An item of a plan's problem list (问题清单) is numbered in its plan without a gap, and
            // handed to its person as a task of its own, so that it is acknowledged, reported,
            // reminded, escalated and closed (销号) like every task. The task table is made anew
            // with the same columns, rows and ids, and a third origin: a task comes from the
            // workflow, from an inspection's order, or from a problem, exactly one of them.
            // A plan's value of each indicator of the goals (群众满意率 …) is one row, its history
            // in the event log.
            try db.execute(
                sql: """
                    CREATE TABLE problem (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        plan_id INTEGER NOT NULL REFERENCES plan(id),
                        number INTEGER NOT NULL CHECK (number >= 1),
                        kind TEXT NOT NULL,
                        detail TEXT NOT NULL CHECK (length(trim(detail)) > 0),
                        remedy TEXT NOT NULL CHECK (length(trim(remedy)) > 0),
                        measure TEXT,
                        goal TEXT,
                        leader_id TEXT NOT NULL REFERENCES person(id),
                        recorded_at INTEGER NOT NULL,
                        recorded_by TEXT REFERENCES person(id),
                        carried_at INTEGER,
                        carried_reason TEXT,
                        UNIQUE (plan_id, number),
                        CHECK ((carried_at IS NULL) = (carried_reason IS NULL))
                    );
                    CREATE TRIGGER problem_number_follows BEFORE INSERT ON problem
                    WHEN NEW.number <> coalesce((SELECT max(number) FROM problem WHERE plan_id = NEW.plan_id), 0) + 1
                    BEGIN SELECT RAISE(ABORT, 'a problem number follows the last of its plan'); END;
                    CREATE TRIGGER problem_is_kept BEFORE DELETE ON problem
                    BEGIN SELECT RAISE(ABORT, 'an item of the problem list is closed or carried over, never removed'); END;

                    CREATE TABLE indicator_value (
                        plan_id INTEGER NOT NULL REFERENCES plan(id),
                        key TEXT NOT NULL,
                        value REAL,
                        baseline REAL,
                        survey TEXT,
                        evidence TEXT NOT NULL,
                        note TEXT,
                        recorded_at INTEGER NOT NULL,
                        recorded_by TEXT REFERENCES person(id),
                        PRIMARY KEY (plan_id, key),
                        CHECK (value IS NOT NULL OR baseline IS NOT NULL)
                    ) WITHOUT ROWID;

                    CREATE TABLE new_task (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        plan_id INTEGER NOT NULL REFERENCES plan(id),
                        phase TEXT NOT NULL,
                        template_key TEXT,
                        inspection_id INTEGER REFERENCES inspection(id),
                        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
                        description TEXT,
                        measure TEXT,
                        responsible_role TEXT NOT NULL,
                        verifier_role TEXT NOT NULL,
                        required INTEGER NOT NULL,
                        assignee_id TEXT NOT NULL REFERENCES person(id),
                        state TEXT NOT NULL CHECK (state IN ('issued', 'acknowledged', 'submitted', 'verified', 'returned', 'cancelled')),
                        deadline_rule TEXT NOT NULL,
                        deadline INTEGER NOT NULL,
                        original_deadline INTEGER NOT NULL,
                        deadline_version INTEGER NOT NULL CHECK (deadline_version >= 1),
                        deadline_set_at INTEGER NOT NULL,
                        issued_at INTEGER NOT NULL,
                        assigned_at INTEGER NOT NULL,
                        assignment_version INTEGER NOT NULL CHECK (assignment_version >= 1),
                        acknowledged_at INTEGER,
                        submitted_at INTEGER,
                        submitted_by TEXT REFERENCES person(id),
                        verified_at INTEGER,
                        closed_at INTEGER,
                        last_note TEXT,
                        problem_id INTEGER UNIQUE REFERENCES problem(id),
                        UNIQUE (plan_id, template_key),
                        CHECK ((template_key IS NOT NULL) + (inspection_id IS NOT NULL) + (problem_id IS NOT NULL) = 1)
                    );
                    INSERT INTO new_task (id, plan_id, phase, template_key, inspection_id, title, description, measure,
                        responsible_role, verifier_role, required, assignee_id, state, deadline_rule, deadline,
                        original_deadline, deadline_version, deadline_set_at, issued_at, assigned_at, assignment_version,
                        acknowledged_at, submitted_at, submitted_by, verified_at, closed_at, last_note)
                    SELECT id, plan_id, phase, template_key, inspection_id, title, description, measure,
                        responsible_role, verifier_role, required, assignee_id, state, deadline_rule, deadline,
                        original_deadline, deadline_version, deadline_set_at, issued_at, assigned_at, assignment_version,
                        acknowledged_at, submitted_at, submitted_by, verified_at, closed_at, last_note
                    FROM task ORDER BY id;
                    -- An id once given is never given again, even when the newest tasks are gone.
                    DELETE FROM sqlite_sequence WHERE name = 'new_task';
                    INSERT INTO sqlite_sequence (name, seq) SELECT 'new_task', seq FROM sqlite_sequence WHERE name = 'task';
                    DROP TABLE task;
                    ALTER TABLE new_task RENAME TO task;
                    CREATE INDEX task_plan ON task(plan_id, phase);
                    CREATE INDEX task_assignee ON task(assignee_id, state);
                    CREATE INDEX task_open_deadline ON task(deadline) WHERE state IN ('issued', 'acknowledged', 'returned');
                    """)
        }
        migrator.registerMigration("v13: campaigns of several villages with the township's own work; accountability records") { db in
            // A campaign (整顿工作) holds a township's village plans for a period, and at most one
            // plan of the township's own (`township`), which issues the work done once for every
            // village. A plan from before campaigns becomes a campaign of its own, numbered as
            // the plan, so that C3 is P3's. A 问责 record names the person, the kind, the reason,
            // and the task or inspection it answers for. A role may be held by several people
            // together (领导小组成员, 村“两委”成员), in the order they were bound (`ordinal`).
            try db.execute(
                sql: """
                    CREATE TABLE campaign (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
                        created_at INTEGER NOT NULL
                    );
                    INSERT INTO campaign (id, title, created_at) SELECT id, village || '整顿工作', created_at FROM plan ORDER BY id;
                    ALTER TABLE plan ADD COLUMN campaign_id INTEGER REFERENCES campaign(id);
                    ALTER TABLE plan ADD COLUMN township INTEGER NOT NULL DEFAULT 0 CHECK (township IN (0, 1));
                    UPDATE plan SET campaign_id = id;
                    CREATE INDEX plan_campaign ON plan(campaign_id);
                    CREATE UNIQUE INDEX plan_township ON plan(campaign_id) WHERE township = 1;
                    CREATE TRIGGER plan_in_a_campaign BEFORE INSERT ON plan WHEN NEW.campaign_id IS NULL
                    BEGIN SELECT RAISE(ABORT, 'a plan belongs to a campaign'); END;
                    CREATE TRIGGER plan_stays_in_its_campaign BEFORE UPDATE OF campaign_id, township ON plan
                    BEGIN SELECT RAISE(ABORT, 'a plan stays in its campaign'); END;

                    CREATE TABLE accountability (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        person_id TEXT NOT NULL REFERENCES person(id),
                        kind TEXT NOT NULL CHECK (kind IN ('talk', 'criticism', 'circulated', 'admonition', 'removal')),
                        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                        plan_id INTEGER NOT NULL REFERENCES plan(id),
                        task_id INTEGER REFERENCES task(id),
                        inspection_id INTEGER REFERENCES inspection(id),
                        recorded_by TEXT REFERENCES person(id),
                        at INTEGER NOT NULL
                    );
                    CREATE TABLE new_role_binding (
                        plan_id INTEGER NOT NULL REFERENCES plan(id),
                        role TEXT NOT NULL,
                        ordinal INTEGER NOT NULL DEFAULT 0 CHECK (ordinal >= 0),
                        person_id TEXT NOT NULL REFERENCES person(id),
                        PRIMARY KEY (plan_id, role, ordinal),
                        UNIQUE (plan_id, role, person_id)
                    ) WITHOUT ROWID;
                    INSERT INTO new_role_binding (plan_id, role, ordinal, person_id)
                        SELECT plan_id, role, 0, person_id FROM role_binding ORDER BY plan_id, role;
                    DROP TABLE role_binding;
                    ALTER TABLE new_role_binding RENAME TO role_binding;
                    CREATE INDEX role_binding_person ON role_binding(person_id);

                    CREATE INDEX accountability_person ON accountability(person_id);
                    CREATE INDEX accountability_plan ON accountability(plan_id);
                    CREATE TRIGGER accountability_is_kept BEFORE DELETE ON accountability
                    BEGIN SELECT RAISE(ABORT, 'an accountability record is never removed'); END;
                    """)
        }
        migrator.registerMigration("v14: recurring tasks issued period by period; standing duties; the look back") { db in
            // A recurring task (三会一课 every month) is issued once a period, each occurrence a
            // task of its own numbered in its series (`occurrence` from 1; 0 for work done
            // once), so that a plan holds a workflow task once per occurrence. The task table is
            // made anew with the same columns, rows and ids. Work the scheduler issues later (the
            // next occurrence, the look back after acceptance) waits as a row of
            // `scheduled_work`, due at an instant like a timer. An inspection names the standing
            // duty it was done under (随机检查督导).
            try db.execute(
                sql: """
                    CREATE TABLE new_task (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        plan_id INTEGER NOT NULL REFERENCES plan(id),
                        phase TEXT NOT NULL,
                        template_key TEXT,
                        inspection_id INTEGER REFERENCES inspection(id),
                        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
                        description TEXT,
                        measure TEXT,
                        responsible_role TEXT NOT NULL,
                        verifier_role TEXT NOT NULL,
                        required INTEGER NOT NULL,
                        assignee_id TEXT NOT NULL REFERENCES person(id),
                        state TEXT NOT NULL CHECK (state IN ('issued', 'acknowledged', 'submitted', 'verified', 'returned', 'cancelled')),
                        deadline_rule TEXT NOT NULL,
                        deadline INTEGER NOT NULL,
                        original_deadline INTEGER NOT NULL,
                        deadline_version INTEGER NOT NULL CHECK (deadline_version >= 1),
                        deadline_set_at INTEGER NOT NULL,
                        issued_at INTEGER NOT NULL,
                        assigned_at INTEGER NOT NULL,
                        assignment_version INTEGER NOT NULL CHECK (assignment_version >= 1),
                        acknowledged_at INTEGER,
                        submitted_at INTEGER,
                        submitted_by TEXT REFERENCES person(id),
                        verified_at INTEGER,
                        closed_at INTEGER,
                        last_note TEXT,
                        problem_id INTEGER UNIQUE REFERENCES problem(id),
                        occurrence INTEGER NOT NULL DEFAULT 0 CHECK (occurrence >= 0),
                        UNIQUE (plan_id, template_key, occurrence),
                        CHECK ((template_key IS NOT NULL) + (inspection_id IS NOT NULL) + (problem_id IS NOT NULL) = 1),
                        CHECK (occurrence = 0 OR template_key IS NOT NULL)
                    );
                    INSERT INTO new_task (id, plan_id, phase, template_key, inspection_id, title, description, measure,
                        responsible_role, verifier_role, required, assignee_id, state, deadline_rule, deadline,
                        original_deadline, deadline_version, deadline_set_at, issued_at, assigned_at, assignment_version,
                        acknowledged_at, submitted_at, submitted_by, verified_at, closed_at, last_note, problem_id)
                    SELECT id, plan_id, phase, template_key, inspection_id, title, description, measure,
                        responsible_role, verifier_role, required, assignee_id, state, deadline_rule, deadline,
                        original_deadline, deadline_version, deadline_set_at, issued_at, assigned_at, assignment_version,
                        acknowledged_at, submitted_at, submitted_by, verified_at, closed_at, last_note, problem_id
                    FROM task ORDER BY id;
                    DELETE FROM sqlite_sequence WHERE name = 'new_task';
                    INSERT INTO sqlite_sequence (name, seq) SELECT 'new_task', seq FROM sqlite_sequence WHERE name = 'task';
                    DROP TABLE task;
                    ALTER TABLE new_task RENAME TO task;
                    CREATE INDEX task_plan ON task(plan_id, phase);
                    CREATE INDEX task_assignee ON task(assignee_id, state);
                    CREATE INDEX task_open_deadline ON task(deadline) WHERE state IN ('issued', 'acknowledged', 'returned');

                    CREATE TABLE scheduled_work (
                        key TEXT PRIMARY KEY NOT NULL,
                        due_at INTEGER NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('occurrence', 'look-back')),
                        plan_id INTEGER NOT NULL REFERENCES plan(id),
                        task_key TEXT,
                        occurrence INTEGER,
                        CHECK ((kind = 'occurrence') = (task_key IS NOT NULL AND occurrence >= 1))
                    ) WITHOUT ROWID;
                    CREATE INDEX scheduled_work_due ON scheduled_work(due_at);

                    ALTER TABLE inspection ADD COLUMN duty TEXT;
                    """)
        }
        return migrator
    }
}
