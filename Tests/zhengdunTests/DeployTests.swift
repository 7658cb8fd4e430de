import Foundation
import Testing

/// The deploy/ folder as a host sees it: systemd reading the unit, the install script staging
/// everything, systemd-sysusers and systemd-tmpfiles making the account and the state folder.
@Suite("Deployment: the systemd unit, its accounts and folders, and the install script", .tags(.endToEnd))
struct DeployTests {
    static let deploy = CLI.repository.appendingPathComponent("deploy")
    /// Where the built programs are: zhengdun and zhengdund side by side.
    static let binaries = CLI.binary.deletingLastPathComponent()

    static func tool(_ name: String) -> String? {
        ["/usr/bin/", "/bin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a program other than zhengdun, its output in the test's failure message.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Outcome {
        try CLI.run([program] + arguments, environment: environment, executable: URL(fileURLWithPath: program))
    }

    static func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test(
        "The unit asks systemd for what the daemon relies on: notify, its user, reload by SIGHUP, the watchdog, a socket folder every user can reach"
    )
    func unitDeclaresTheDaemonsContract() throws {
        let lines = Set(try Self.text(Self.deploy.appendingPathComponent("zhengdund.service").path).split(separator: "\n").map(String.init))
        for line in [
            "Type=notify", "User=zhengdun", "Group=zhengdun", "ExecStart=@BINDIR@/zhengdund --config /etc/zhengdun/zhengdun.yaml",
            "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure", "WatchdogSec=120s", "StateDirectory=zhengdun",
            "RuntimeDirectory=zhengdun", "RuntimeDirectoryMode=0755", "NoNewPrivileges=yes", "ProtectSystem=strict",
            "WantedBy=multi-user.target",
        ] {
            #expect(lines.contains(line), "zhengdund.service has no line \(line)")
        }
    }

    @Test(
        "systemd-analyze verify has nothing to say about the unit once ExecStart names the built daemon",
        needs(tool("systemd-analyze") != nil, "systemd-analyze is not installed (Debian: apt-get install systemd)"))
    func unitVerifies() throws {
        let folder = try TemporaryFolder()
        let template = try Self.text(Self.deploy.appendingPathComponent("zhengdund.service").path)
        let unit = try folder.write("zhengdund.service", template.replacingOccurrences(of: "@BINDIR@", with: Self.binaries.path))
        // verify exits 0 on unknown keys and bad values and only prints them, so nothing printed is
        // the pass. --man=no: Documentation= is not looked up in man pages, which CI may lack.
        // It needs no running systemd; it does check that ExecStart is an executable file.
        let verify = try Self.run(
            Self.tool("systemd-analyze")!, ["verify", "--man=no", unit],
            environment: ["SYSTEMD_LOG_LEVEL": "info", "SYSTEMD_LOG_COLOR": "0"])
        #expect(verify.status == 0)
        #expect(verify.stdout + verify.stderr == "")
    }

    @Test(
        "systemd-sysusers makes the zhengdun user, the zhengdun-admin group and the zhengdun-users group with zhengdun in it; systemd-tmpfiles the state folder, 0750, theirs",
        needs(
            tool("systemd-sysusers") != nil && tool("systemd-tmpfiles") != nil,
            "systemd-sysusers or systemd-tmpfiles is not installed (Debian: apt-get install systemd)"))
    func accountsAndFolders() throws {
        // An empty root: nothing changes on this machine.
        let root = try TemporaryFolder()
        try FileManager.default.createDirectory(at: root.url.appendingPathComponent("etc"), withIntermediateDirectories: true)
        let sysusers = try Self.run(
            Self.tool("systemd-sysusers")!,
            ["--root=\(root.url.path)", Self.deploy.appendingPathComponent("sysusers.d/zhengdun.conf").path])
        #expect(sysusers.status == 0, "\(sysusers.stderr)")
        let passwd = try Self.text(root.url.appendingPathComponent("etc/passwd").path).split(separator: "\n").map {
            $0.split(separator: ":", omittingEmptySubsequences: false)
        }
        let user = try #require(passwd.first { $0.first == "zhengdun" })
        #expect(user[5] == "/var/lib/zhengdun" && user[6].hasSuffix("/nologin"))
        let groupLines = try Self.text(root.url.appendingPathComponent("etc/group").path).split(separator: "\n").map {
            $0.split(separator: ":", omittingEmptySubsequences: false)
        }
        let groups = groupLines.map { $0.first! }
        #expect(groups.contains("zhengdun") && groups.contains("zhengdun-admin") && groups.contains("zhengdun-users"))
        // The daemon gives its socket to zhengdun-users, which it may do only as a member.
        let users = try #require(groupLines.first { $0.first == "zhengdun-users" })
        #expect(users[3].split(separator: ",").contains("zhengdun"), "\(users)")

        // Giving the folder its owner takes root; otherwise only the accounts are checked (under CI,
        // which runs as root, never).
        guard getuid() == 0 || underCI else { return }
        let tmpfiles = try Self.run(
            Self.tool("systemd-tmpfiles")!,
            ["--root=\(root.url.path)", "--create", Self.deploy.appendingPathComponent("tmpfiles.d/zhengdun.conf").path])
        #expect(tmpfiles.status == 0 && tmpfiles.stderr == "", "\(tmpfiles.stderr)")
        let state = try FileManager.default.attributesOfItem(atPath: root.url.appendingPathComponent("var/lib/zhengdun").path)
        #expect(state[.posixPermissions] as? Int == 0o750)
        #expect((state[.ownerAccountID] as? NSNumber)?.stringValue == String(user[2]))
        #expect((state[.groupOwnerAccountID] as? NSNumber)?.stringValue == String(user[3]))
    }

    @Test(
        "install.sh stages the programs, the unit naming where they will be, the accounts, the configuration and the workflows; run again, it keeps an edited configuration"
    )
    func installStagesEverything() throws {
        let root = try TemporaryFolder()
        func staged(_ path: String) -> String { root.url.path + path }
        let install = Self.deploy.appendingPathComponent("install.sh").path
        let arguments = ["--no-build", "--bin-dir", Self.binaries.path, "--destdir", root.url.path, "--prefix", "/usr"]
        let first = try Self.run(install, arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr == "")

        for program in ["zhengdun", "zhengdund"] {
            #expect(FileManager.default.isExecutableFile(atPath: staged("/usr/bin/\(program)")))
            #expect(
                FileManager.default.contentsEqual(
                    atPath: staged("/usr/bin/\(program)"), andPath: Self.binaries.appendingPathComponent(program).path))
        }
        let unit = try Self.text(staged("/usr/lib/systemd/system/zhengdund.service"))
        #expect(unit.contains("\nExecStart=/usr/bin/zhengdund --config /etc/zhengdun/zhengdun.yaml\n"))
        #expect(!unit.contains("@BINDIR@"))
        #expect(
            FileManager.default.contentsEqual(
                atPath: staged("/usr/lib/sysusers.d/zhengdun.conf"),
                andPath: Self.deploy.appendingPathComponent("sysusers.d/zhengdun.conf").path))
        #expect(
            FileManager.default.contentsEqual(
                atPath: staged("/usr/lib/tmpfiles.d/zhengdun.conf"),
                andPath: Self.deploy.appendingPathComponent("tmpfiles.d/zhengdun.conf").path))
        #expect(
            FileManager.default.contentsEqual(
                atPath: staged("/etc/zhengdun/zhengdun.yaml"), andPath: Self.deploy.appendingPathComponent("zhengdun.yaml").path))
        // Every shipped workflow file, calendar and template, as it is in the repository.
        let shipped = CLI.repository.appendingPathComponent("workflows").path
        let files = try FileManager.default.subpathsOfDirectory(atPath: shipped)
        #expect(files.contains("calendars/cn.yaml") && files.contains("templates/zh-CN/reminder.mustache"))
        for file in files where !Self.isDirectory(shipped + "/" + file) {
            #expect(
                FileManager.default.contentsEqual(atPath: staged("/etc/zhengdun/workflows/" + file), andPath: shipped + "/" + file),
                "workflows/\(file)")
        }
        // The staged workflow loads, with the calendar and the templates beside it.
        let check = try CLI.run(["workflow", "check", staged("/etc/zhengdun/workflows/village-branch-rectification.yaml")])
        #expect(check.status == 0, "\(check.stderr)")

        // The administrator edits the configuration and a calendar and loses a template.
        let edited = try Self.text(staged("/etc/zhengdun/zhengdun.yaml")) + "# 本镇: 改为 msmtp\n"
        try edited.write(toFile: staged("/etc/zhengdun/zhengdun.yaml"), atomically: true, encoding: .utf8)
        let calendar = try Self.text(staged("/etc/zhengdun/workflows/calendars/cn.yaml")) + "# 2027 年待公布\n"
        try calendar.write(toFile: staged("/etc/zhengdun/workflows/calendars/cn.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: staged("/etc/zhengdun/workflows/templates/en/reminder.mustache"))

        let second = try Self.run(install, arguments)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try Self.text(staged("/etc/zhengdun/zhengdun.yaml")) == edited)
        #expect(try Self.text(staged("/etc/zhengdun/workflows/calendars/cn.yaml")) == calendar)
        #expect(
            second.stdout.contains("  /etc/zhengdun/zhengdun.yaml\n")
                && second.stdout.contains("  /etc/zhengdun/workflows/calendars/cn.yaml\n"))
        // What is missing comes back; the shipped versions stay beside, for comparison.
        #expect(
            FileManager.default.contentsEqual(
                atPath: staged("/etc/zhengdun/workflows/templates/en/reminder.mustache"),
                andPath: shipped + "/templates/en/reminder.mustache"))
        #expect(
            FileManager.default.contentsEqual(
                atPath: staged("/usr/share/zhengdun/zhengdun.yaml"), andPath: Self.deploy.appendingPathComponent("zhengdun.yaml").path))
    }

    @Test("install.sh refuses in one line: a relative prefix, a folder without the programs, an unknown option")
    func installRefusals() throws {
        let install = Self.deploy.appendingPathComponent("install.sh").path
        let empty = try TemporaryFolder()
        let relative = try Self.run(install, ["--prefix", "usr", "--bin-dir", Self.binaries.path, "--destdir", empty.url.path])
        #expect(relative.status == 1 && relative.stderr == "install.sh: --prefix must be an absolute path, not 'usr'\n")
        let missing = try Self.run(install, ["--bin-dir", empty.url.path, "--destdir", empty.url.path])
        #expect(missing.status == 1 && missing.stderr == "install.sh: no executable zhengdun in \(empty.url.path)\n")
        let unknown = try Self.run(install, ["--prefx", "/usr"])
        #expect(unknown.status == 2 && unknown.stderr.hasPrefix("install.sh: unknown argument: --prefx\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty.url.path).isEmpty)
    }

    static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
