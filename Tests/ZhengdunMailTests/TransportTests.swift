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

    @Test("A missing command is a failure, not a crash")
    func missing() {
        #expect(throws: MailError.self) { try SendmailTransport(command: ["/nonexistent/sendmail"]).send(message, to: ["a@b.cn"]) }
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
