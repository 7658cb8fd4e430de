import Foundation
import Testing

/// A stand-in for the WeCom and DingTalk webhook servers: Python's `http.server` on 127.0.0.1,
/// started as a child process for one test. It records every request (path, query, headers, body)
/// as a JSON line, checks the body against the documented markdown shape, recomputes a DingTalk
/// signature from `timestamp` and its own copy of the secret, and otherwise answers as the test's
/// script says. Written in Python so that what it checks is computed independently of the code
/// under test.
public final class RobotServer {
    /// What the server does with one request; the last one repeats.
    public enum Step {
        /// Check the request as the robot would, then answer HTTP 200 with this errcode and errmsg.
        case robot(errcode: Int, errmsg: String)
        /// Answer this HTTP status with a small text body.
        case status(Int)
        /// Answer 302 sending the client to `path` on this server.
        case redirect(path: String)
        /// Say nothing for this many seconds, then close.
        case hang(seconds: Double)

        var json: [String: Any] {
            switch self {
            case .robot(let errcode, let errmsg): ["action": "robot", "errcode": errcode, "errmsg": errmsg]
            case .status(let status): ["action": "status", "status": status]
            case .redirect(let path): ["action": "redirect", "path": path]
            case .hang(let seconds): ["action": "hang", "seconds": seconds]
            }
        }
    }

    public let port: Int
    private let child: Child
    private let folder: URL
    private let log: URL

    /// Starts a server that plays `robot` and answers with `steps`; `secret` is the 加签 secret it
    /// checks DingTalk signatures with (none: it expects no signature).
    public init(robot: String, secret: String? = nil, steps: [Step]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhengdun-chat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        log = folder.appendingPathComponent("requests.jsonl")
        let script = folder.appendingPathComponent("script.json")
        let config: [String: Any] = ["robot": robot, "secret": secret ?? NSNull(), "steps": steps.map(\.json)]
        try JSONSerialization.data(withJSONObject: config).write(to: script)
        let program = folder.appendingPathComponent("server.py")
        try Self.program.write(to: program, atomically: true, encoding: .utf8)
        child = try Child(["python3", program.path, script.path, log.path])
        port = child.port
    }

    /// A port on 127.0.0.1 that was just free: connecting to it is refused.
    public static func closedPort() throws -> Int {
        Int(
            try runPython(
                "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()"))!
    }

    /// A listener on 127.0.0.1 whose one-place backlog is already full and that never accepts:
    /// Linux drops further SYNs, so a connection to it neither succeeds nor is refused.
    public static func blackhole() throws -> Child {
        try Child([
            "python3", "-c",
            """
            import socket, sys, threading, time
            listener = socket.socket(); listener.bind(('127.0.0.1', 0)); listener.listen(0)
            port = listener.getsockname()[1]
            fillers = []
            for _ in range(3):
                s = socket.socket(); s.setblocking(False); s.connect_ex(('127.0.0.1', port)); fillers.append(s)
            time.sleep(0.2)
            print(port, flush=True)
            sys.stdin.read()
            """,
        ])
    }

    /// A Python child process that prints the port it listens on, then runs until its standard
    /// input closes, so that it also ends if the test process dies. A child of the test process
    /// starts with SIGTERM blocked (inherited from the test runner's threads), so `terminate()`
    /// would not end it; `stop()` closes stdin and sends SIGKILL, which cannot be blocked.
    public final class Child {
        public let port: Int
        private let process = Process()
        private let stdin = Pipe()

        init(_ arguments: [String]) throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            let stdout = Pipe()
            process.standardOutput = stdout
            process.standardInput = stdin
            try process.run()
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = stdout.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line += chunk
            }
            guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            else {
                try? stdin.fileHandleForWriting.close()
                throw ServerDidNotStart()
            }
            self.port = port
        }

        public func stop() {
            try? stdin.fileHandleForWriting.close()
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    struct ServerDidNotStart: Error {}

    public func stop() {
        child.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The requests received so far, oldest first.
    public func requests() throws -> [[String: Any]] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    /// The webhook address of this server for `robot` with `credential`.
    public func url(robot: String, credential: String) -> String {
        robot == "wecom"
            ? "http://127.0.0.1:\(port)/cgi-bin/webhook/send?key=\(credential)"
            : "http://127.0.0.1:\(port)/robot/send?access_token=\(credential)"
    }

    static let program = #"""
        import base64, hashlib, hmac, http.server, json, sys, threading, time, urllib.parse

        script = json.load(open(sys.argv[1]))
        log_path = sys.argv[2]
        lock = threading.Lock()
        count = [0]

        def shape_problem(robot, query, body):
            """What is wrong with a request for the documented markdown message, or None."""
            if robot == "wecom":
                if not query.get("key"):
                    return "no key"
                if set(body) != {"msgtype", "markdown"} or body["msgtype"] != "markdown":
                    return "keys %s" % sorted(body)
                markdown = body["markdown"]
                if set(markdown) != {"content"} or not isinstance(markdown["content"], str):
                    return "markdown keys %s" % sorted(markdown)
                if len(markdown["content"].encode("utf-8")) > 4096:
                    return "content over 4096 bytes"
                return None
            if not query.get("access_token"):
                return "no access_token"
            if not set(body) <= {"msgtype", "markdown", "at"} or body.get("msgtype") != "markdown":
                return "keys %s" % sorted(body)
            markdown = body["markdown"]
            if set(markdown) != {"title", "text"} or not all(isinstance(v, str) for v in markdown.values()):
                return "markdown keys %s" % sorted(markdown)
            if "at" in body:
                at = body["at"]
                if set(at) != {"atMobiles", "isAtAll"} or not isinstance(at["isAtAll"], bool) \
                        or not all(isinstance(m, str) for m in at["atMobiles"]):
                    return "at %s" % at
            return None

        def sign_matches(query, secret):
            """DingTalk 加签: base64(HmacSHA256(secret, timestamp + "\n" + secret)), checked after the
            query is decoded the usual way (parse_qs turns a bare '+' into a space)."""
            timestamp, sign = query.get("timestamp"), query.get("sign")
            if timestamp is None or sign is None:
                return False
            if abs(int(time.time() * 1000) - int(timestamp)) > 3600 * 1000:
                return False
            digest = hmac.new(secret.encode("utf-8"), ("%s\n%s" % (timestamp, secret)).encode("utf-8"),
                              hashlib.sha256).digest()
            return hmac.compare_digest(base64.b64encode(digest).decode(), sign)

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def answer(self, status, payload, content_type="application/json"):
                data = payload.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                parsed = urllib.parse.urlsplit(self.path)
                query = {k: v[0] for k, v in urllib.parse.parse_qs(parsed.query, keep_blank_values=True).items()}
                with lock:
                    steps = script["steps"]
                    step = steps[min(count[0], len(steps) - 1)]
                    count[0] += 1
                    with open(log_path, "a") as log:
                        log.write(json.dumps({"path": parsed.path, "rawQuery": parsed.query, "query": query,
                                              "headers": {k.lower(): v for k, v in self.headers.items()},
                                              "body": raw.decode("utf-8", "replace")}) + "\n")
                action = step["action"]
                if action == "hang":
                    time.sleep(step["seconds"])
                    self.close_connection = True
                    return
                if action == "redirect":
                    self.send_response(302)
                    self.send_header("Location", "http://127.0.0.1:%d%s" % (self.server.server_address[1], step["path"]))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if action == "status":
                    self.answer(step["status"], "status %d" % step["status"], "text/plain")
                    return
                robot = script["robot"]
                if not self.headers.get("Content-Type", "").startswith("application/json"):
                    self.answer(200, json.dumps({"errcode": 40008, "errmsg": "content type"}))
                    return
                try:
                    body = json.loads(raw.decode("utf-8"))
                except ValueError:
                    self.answer(200, json.dumps({"errcode": 40008, "errmsg": "not json"}))
                    return
                problem = shape_problem(robot, query, body)
                if problem:
                    self.answer(200, json.dumps({"errcode": 40035, "errmsg": "shape: " + problem}))
                    return
                if robot == "dingtalk" and script["secret"] is not None \
                        and not sign_matches(query, script["secret"]):
                    self.answer(200, json.dumps({"errcode": 310000, "errmsg": "sign not match"}))
                    return
                if robot == "dingtalk" and script["secret"] is None and ("sign" in query or "timestamp" in query):
                    self.answer(200, json.dumps({"errcode": 40035, "errmsg": "unexpected signature"}))
                    return
                self.answer(200, json.dumps({"errcode": step["errcode"], "errmsg": step["errmsg"]}, ensure_ascii=False))

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(server.server_address[1], flush=True)
        sys.stdin.read()  # until the test closes it; then exit, hanging handlers and all
        """#
}

/// Whether `python3` runs here.
public let pythonAvailable: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import hmac, hashlib, base64, urllib.parse, http.server"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}()

/// The trait of every test that runs Python.
public let needsPython = needs(pythonAvailable, "python3 (Debian package python3) runs the stand-in robot server and checks")

/// Runs a Python program with `arguments`; its standard output, trimmed.
public func runPython(_ program: String, _ arguments: [String] = []) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", program] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
