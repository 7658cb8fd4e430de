import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("A database zhengdun refuses, or may only read, is left byte for byte as it was", .serialized, .tags(.endToEnd))
struct UntouchedDatabaseTests {
    /// The database and its folder's files, byte for byte, by name.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.contains(".db") {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    @Test("Another program's SQLite database (rollback journal) is refused by reads and writes alike, and no byte of it changes")
    func foreignDatabaseUnchanged() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("other.db").path
        try python(
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE accounts (id INTEGER)'); c.execute('INSERT INTO accounts VALUES (1)'); c.commit()",
            path)
        let before = try Self.snapshot(folder.url)
        for command in [["person", "list"], ["person", "add", "li-si", "--name", "李四", "--email", "li-si@town.example.cn"], ["run-due"]] {
            let outcome = try CLI.run(command, environment: ["ZHENGDUN_DB": path])
            #expect(outcome.status == 1, "\(command)")
            #expect(outcome.stderr == "zhengdun: \(path) is an SQLite database, but not zhengdun's (it holds accounts)\n", "\(command)")
        }
        #expect(
            try Self.snapshot(folder.url) == before, "the file is neither switched to WAL nor given a table, and nothing is left beside it")
        #expect(
            try pythonJSON(
                "import sqlite3, sys, json; print(json.dumps(sqlite3.connect(sys.argv[1]).execute('PRAGMA journal_mode').fetchone()))", path
            ) as? [String] == ["delete"])
    }

    @Test("A database from a newer zhengdun is refused, and keeps its schema cookie and every byte")
    func newerDatabaseUnchanged() throws {
        let campaign = try Campaign()
        try campaign.run(["person", "add", "li-si", "--name", "李四", "--email", "li-si@town.example.cn"])
        try python(
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO grdb_migrations VALUES ('v99-from-the-future')\"); c.commit()",
            campaign.database)
        let before = try Self.snapshot(campaign.folder.url)
        for command in [["person", "list"], ["task", "ack", "T1", "--as", "li-si"], ["run-due"]] {
            let outcome = try CLI.run(command, environment: campaign.environment)
            #expect(outcome.status == 1, "\(command)")
            #expect(
                outcome.stderr
                    == "zhengdun: \(campaign.database) was written by a newer zhengdun (unknown migrations: v99-from-the-future)\n",
                "\(command)")
        }
        #expect(try Self.snapshot(campaign.folder.url) == before)
    }

    @Test("Reading a database of our own writes nothing to it: the schema cookie stays where it was")
    func readingWritesNothing() throws {
        let campaign = try BadInputTests.launched()
        let before = try Self.snapshot(campaign.folder.url)
        for command in [["person", "list"], ["task", "list", "--plan", "P1"], ["plan", "show", "P1"], ["audit", "verify"]] {
            #expect(try CLI.run(command, environment: campaign.environment).status == 0, "\(command)")
        }
        #expect(try Self.snapshot(campaign.folder.url) == before)
    }

    @Test(
        "A database in a read-only folder, or read-only itself, still lists, refuses every change in one line, and is left unchanged",
        arguments: [(file: 0o444, folder: 0o755), (file: 0o644, folder: 0o555), (file: 0o444, folder: 0o555)])
    func readOnlyListings(file: Int, folder: Int) throws {
        let campaign = try BadInputTests.launched()
        let databaseFolder = campaign.folder.url.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: databaseFolder, withIntermediateDirectories: true)
        let database = databaseFolder.appendingPathComponent("zhengdun.db").path
        try FileManager.default.moveItem(atPath: campaign.database, toPath: database)
        let root = getuid() == 0
        // Root writes through any mode bits: as root the tool runs as the unprivileged user
        // 65534, who owns the folder and the file but may not write them.
        var binary = CLI.binary.path
        if root {
            chmod(campaign.folder.url.path, 0o755)
            try chown(databaseFolder.path, 65534)
            try chown(database, 65534)
            binary = campaign.folder.url.appendingPathComponent("zhengdun").path
            try FileManager.default.copyItem(atPath: CLI.binary.path, toPath: binary)
        }
        chmod(database, mode_t(file))
        chmod(databaseFolder.path, mode_t(folder))
        defer { chmod(databaseFolder.path, 0o755) }
        let before = try Self.snapshot(databaseFolder)
        let prefix = root ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", binary] : [binary]
        func tool(_ arguments: [String]) throws -> CLI.Outcome {
            try CLI.run(
                prefix + arguments, environment: ["ZHENGDUN_DB": database, "ZHENGDUN_CONFIG": "", "LANG": "C.UTF-8"],
                executable: URL(fileURLWithPath: prefix[0]))
        }
        for command in [
            ["person", "list"], ["plan", "list"], ["task", "list", "--plan", "P1"], ["task", "show", "T3"], ["outbox", "list"],
            ["log", "P1"], ["report", "progress"], ["report", "ledger", "--format", "csv"], ["audit", "verify"],
        ] {
            let outcome = try tool(command)
            #expect(outcome.status == 0, "\(command): \(outcome.stderr)")
            #expect(!outcome.stdout.isEmpty, "\(command)")
        }
        #expect(try tool(["task", "list", "--plan", "P1"]).stdout.contains("T3"))
        let ack = try tool(["task", "ack", "T3", "--as", "li-si"])
        #expect(ack.status == 1)
        #expect(ack.stderr == "zhengdun: cannot write \(database): the database is read-only\n")
        if folder == 0o555 {
            // Nothing could be made beside it either.
            #expect(try Self.snapshot(databaseFolder) == before)
        } else {
            #expect(try Self.snapshot(databaseFolder)["zhengdun.db"] == before["zhengdun.db"])
        }
    }
}
