import Foundation
import Testing

@testable import ZhengdunMail

@Suite("Transports, with fake sendmail programs run as real child processes")
struct TransportTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhengdun-transport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func script(_ name: String, _ body: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try ("#!/bin/sh\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    let message = Data("Subject: test\r\n\r\nbody\r\n".utf8)

    @Test("A sendmail that stores what it receives gets the message whole on its standard input, with its arguments")
    func storing() throws {
        let store = folder.appendingPathComponent("received").path
        let sendmail = try script("store", "printf '%s\\n' \"$@\" > \(store).args\ncat > \(store)\n")
        try SendmailTransport(command: [sendmail, "-t", "-oi"]).send(message, to: ["a@b.cn"])
        #expect(FileManager.default.contents(atPath: store) == message)
        #expect(try String(contentsOfFile: store + ".args", encoding: .utf8) == "-t\n-oi\n")
    }

    @Test("A sendmail that exits non-zero is a failure naming its status and what it said")
    func failing() throws {
        let sendmail = try script("fail", "cat >/dev/null\necho 'relay access denied' >&2\nexit 75\n")
        do {
            try SendmailTransport(command: [sendmail]).send(message, to: ["a@b.cn"])
            Issue.record("a failing sendmail succeeded")
        } catch {
            #expect(error.description == "\(sendmail) exited with status 75: relay access denied")
        }
    }

    @Test("A sendmail that hangs is stopped at the timeout")
    func hanging() throws {
        let sendmail = try script("hang", "exec sleep 30\n")
        let started = Date()
        do {
            try SendmailTransport(command: [sendmail], timeout: 0.5).send(message, to: ["a@b.cn"])
            Issue.record("a hanging sendmail succeeded")
        } catch {
            #expect(error.description == "\(sendmail) did not finish within 0 s and was stopped")
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test("A sendmail that exits 0 without reading a small message has not taken it: the bytes it left unread are counted")
    func exitsWithoutReadingASmallMessage() throws {
        let sendmail = try script("lazy", "exit 0\n")
        do {
            try SendmailTransport(command: [sendmail]).send(message, to: ["a@b.cn"])
            Issue.record("a sendmail that read nothing took the message")
        } catch {
            #expect(
                error.description
                    == "\(sendmail) exited with status 0 without reading the whole message (\(message.count) of \(message.count) bytes left unread)"
            )
        }
    }

    @Test(
        "A sendmail that reads part of a 4 MB message and exits 0 has not taken it, and the transport neither dies of SIGPIPE nor waits for the timeout"
    )
    func exitsHalfwayThroughALargeMessage() throws {
        let sendmail = try script("half", "head -c 100000 >/dev/null\nexit 0\n")
        let large = Data(repeating: UInt8(ascii: "x"), count: 4_300_000)
        let started = Date()
        do {
            try SendmailTransport(command: [sendmail], timeout: 30).send(large, to: ["a@b.cn"])
            Issue.record("a sendmail that read a part took the message")
        } catch {
            #expect(error.description.contains("exited with status 0 without reading the whole message"), "\(error)")
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("A sendmail that reads a 4 MB message whole and exits 0 has taken it")
    func readsALargeMessageWhole() throws {
        let store = folder.appendingPathComponent("large").path
        let sendmail = try script("store-large", "cat > \(store)\n")
        let large = Data((0..<4_300_000).map { UInt8(truncatingIfNeeded: $0 % 251) })
        try SendmailTransport(command: [sendmail]).send(large, to: ["a@b.cn"])
        #expect(FileManager.default.contents(atPath: store) == large)
    }

    @Test("A sendmail that never reads and never exits is stopped at the timeout, even with a message larger than the pipe holds")
    func neverReads() throws {
        let sendmail = try script("stuck", "exec sleep 30\n")
        let started = Date()
        #expect(throws: MailError.self) {
            try SendmailTransport(command: [sendmail], timeout: 0.5).send(Data(count: 1_000_000), to: ["a@b.cn"])
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test("The sendmail check names a missing command, a folder and a file that may not be run, and passes a runnable one")
    func sendmailCheck() throws {
        #expect(SendmailTransport.problem(with: ["/nonexistent/sendmail"]) == "/nonexistent/sendmail: No such file or directory")
        #expect(SendmailTransport.problem(with: [folder.path]) == "\(folder.path) is not a regular file")
        let plain = folder.appendingPathComponent("plain").path
        try "#!/bin/sh\n".write(toFile: plain, atomically: true, encoding: .utf8)
        #expect(SendmailTransport.problem(with: [plain])?.hasPrefix("\(plain) is not executable") == true)
        #expect(SendmailTransport.problem(with: [try script("ok", "cat >/dev/null\n"), "-t"]) == nil)
    }

    @Test("A missing command is a failure, not a crash")
    func missing() {
        #expect(throws: MailError.self) { try SendmailTransport(command: ["/nonexistent/sendmail"]).send(message, to: ["a@b.cn"]) }
    }

    @Test("Files left in a maildir's tmp/ for more than 36 hours are removed; newer ones, being written, and new/ are left alone")
    func staleTemporaryFiles() throws {
        let transport = MaildirTransport(folder: folder.appendingPathComponent("Maildir").path)
        try transport.send(message, to: ["a@b.cn"])
        let tmp = transport.folder + "/tmp/"
        for (name, age) in [("old", 37.0 * 3600), ("recent", 35.0 * 3600)] {
            #expect(FileManager.default.createFile(atPath: tmp + name, contents: message))
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: tmp + name)
        }
        #expect(transport.removeStaleTemporaryFiles() == ["old"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp) == ["recent"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: transport.folder + "/new").count == 1)
    }

    @Test("A maildir receives each message as one file in new/")
    func maildir() throws {
        let transport = MaildirTransport(folder: folder.appendingPathComponent("Maildir").path)
        try transport.send(message, to: ["a@b.cn"])
        try transport.send(message, to: ["a@b.cn"])
        let files = try FileManager.default.contentsOfDirectory(atPath: transport.folder + "/new")
        #expect(files.count == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: transport.folder + "/tmp").isEmpty)
        #expect(FileManager.default.contents(atPath: transport.folder + "/new/" + files[0]) == message)
    }
}
