import Foundation
import ZhengdunCore

#if canImport(Glibc)
import Glibc
#endif

/// A file handed in with a submission (佐证材料), known by its path and size before a byte of it
/// is read: the command line refuses one over the limit without reading it, and over the socket
/// writes it into the request as it reads it, so that a large file is never held whole, let
/// alone in several copies.
public struct EvidenceSource: Sendable {
    public var path: String
    public var name: String
    public var size: Int
    /// Stands in for the content in the request until it is written out; base64 of it is plain
    /// letters and digits, so it appears in the request's JSON as it is, once.
    let marker: Data

    /// Looks at the file at `path` without reading it: a regular file we may read.
    public init(path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw Refusal(
                .cannotReadEvidence(path: "\(path)", reason: errno == ENOENT || errno == ENOTDIR ? .noSuchFile : .permissionDenied))
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw Refusal(
                .cannotReadEvidence(path: "\(path)", reason: info.st_mode & S_IFMT == S_IFDIR ? .aFolder : .permissionDenied))
        }
        guard access(path, R_OK) == 0 else {
            throw Refusal(.cannotReadEvidence(path: "\(path)", reason: .permissionDenied))
        }
        self.path = path
        name = (path as NSString).lastPathComponent
        size = Int(info.st_size)
        var marker: Data
        repeat {
            marker = Data((0..<24).map { _ in UInt8.random(in: 0...255) })
        } while marker.base64EncodedString().contains(where: { $0 == "+" || $0 == "/" })
        self.marker = marker
    }

    /// Checks the files of one submission against the limit, before any is read.
    public static func check(_ sources: [EvidenceSource], maximum: Int = Service.maximumEvidenceBytes) throws {
        if let large = sources.first(where: { $0.size > maximum }) {
            throw Refusal(
                .evidenceFileTooLarge(path: "\(large.path)", size: (large.size + (1 << 20) - 1) >> 20, maximum: maximum >> 20))
        }
        guard sources.reduce(0, { $0 + $1.size }) <= maximum else {
            throw Refusal(.evidenceTooLarge(size: maximum >> 20))
        }
    }

    /// The file in a request that is written out by `SocketClient.perform(_:socket:streaming:)`.
    public var placeholder: EvidenceFile { EvidenceFile(name: name, content: marker) }

    /// The file read whole, for a request carried out here rather than over the socket.
    public func read() throws -> EvidenceFile {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw Refusal(.cannotReadEvidence(path: "\(path)", reason: .permissionDenied))
        }
        defer { try? file.close() }
        // One byte more than it had, to see that it did not grow.
        let content = try file.read(upToCount: size + 1) ?? Data()
        guard content.count == size else { throw Refusal(.evidenceChanged(path: "\(path)")) }
        return EvidenceFile(name: name, content: content)
    }

    /// The length of the file's content in the request: base64 with padding.
    var encodedLength: Int { (size + 2) / 3 * 4 }

    /// Writes the file as base64 to `fd` in pieces, and refuses if it is not the size it had.
    func write(to fd: Int32) throws {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw Refusal(.cannotReadEvidence(path: "\(path)", reason: .permissionDenied))
        }
        defer { try? file.close() }
        var left = size
        while left > 0 {
            // A multiple of 3, so that only the last piece has padding.
            let piece = try file.read(upToCount: min(left, 3 << 16)) ?? Data()
            guard !piece.isEmpty, piece.count % 3 == 0 || piece.count == left else { throw Refusal(.evidenceChanged(path: "\(path)")) }
            try SocketFrames.write(piece.base64EncodedData(), to: fd)
            left -= piece.count
        }
        guard try file.read(upToCount: 1)?.isEmpty ?? true else { throw Refusal(.evidenceChanged(path: "\(path)")) }
    }
}

extension SocketClient {
    /// Sends a request whose evidence files stand in as `sources`' placeholders, reading each file
    /// into the frame as it goes, and returns the answer.
    public static func perform<Request: ServiceRequest>(
        _ request: Request, socket path: String, streaming sources: [EvidenceSource]
    ) throws -> Request.Answer {
        guard !sources.isEmpty else { return try perform(request, socket: path) }
        // The request's JSON cut where each file's content goes.
        var json = try SocketFrames.requestPayload(request)
        var pieces: [Data] = []
        for source in sources {
            let marker = Data("\"\(source.marker.base64EncodedString())\"".utf8)
            guard let found = json.firstRange(of: marker) else { throw Refusal(.unexpectedAnswer) }
            pieces.append(json[..<found.lowerBound] + Data("\"".utf8))
            json = Data("\"".utf8) + json[found.upperBound...]
        }
        pieces.append(json)
        let length = pieces.reduce(0) { $0 + $1.count } + sources.reduce(0) { $0 + $1.encodedLength }
        guard length <= SocketFrames.maximumBytes else {
            throw SocketError(.socketFrameTooLarge(length: length, maximum: SocketFrames.maximumBytes))
        }
        let fd = try connect(path)
        defer { close(fd) }
        return try exchange(on: fd, answering: Request.self) {
            try SocketFrames.write(withUnsafeBytes(of: UInt32(length).bigEndian) { Data($0) }, to: fd)
            for (index, source) in sources.enumerated() {
                try SocketFrames.write(pieces[index], to: fd)
                try source.write(to: fd)
            }
            try SocketFrames.write(pieces[sources.count], to: fd)
        }
    }
}
