import ZhengdunCore

#if canImport(Glibc)
import Glibc
#endif

/// Who is on the other end of a command, as the operating system knows them: over the socket
/// from the kernel's peer credentials, locally from the process's own user. Administrators (root,
/// the database's owner, members of the admin group) may act as another person.
public struct Caller: Sendable, Hashable {
    public var unixUser: String
    public var uid: UInt32
    public var isAdministrator: Bool

    public init(unixUser: String, uid: UInt32, isAdministrator: Bool) {
        self.unixUser = unixUser
        self.uid = uid
        self.isAdministrator = isAdministrator
    }

    /// The sender of a reply by mail whose token named the person acting (`mail-in`); never
    /// set from outside the service, so that no client can claim it.
    private(set) var mailFrom: String?

    /// How the event log names the caller: `unix:li-si`, or `mail:<sender>` for a reply.
    public var label: String { mailFrom.map { "mail:\($0)" } ?? "unix:\(unixUser)" }

    /// The caller of an action taken by a reply from `sender`, on the word of its token.
    static func mail(from sender: String) -> Caller {
        var caller = Caller(unixUser: "mail", uid: UInt32.max, isAdministrator: false)
        caller.mailFrom = sender
        return caller
    }

    /// The account running this process, named as the daemon names a caller: its login name,
    /// else `uid` and the number.
    public static var processUser: String {
        let uid = getuid()
        return getpwuid(uid).map { String(cString: $0.pointee.pw_name) } ?? "uid\(uid)"
    }

    /// The user running this process, working directly on the database at `path`: they are its
    /// administrator when they own the file (or will create it), or are root.
    public static func local(databasePath path: String) -> Caller {
        let uid = getuid()
        let name = processUser
        var info = stat()
        let owner = stat(path, &info) == 0 ? info.st_uid : uid
        return Caller(unixUser: name, uid: uid, isAdministrator: uid == 0 || uid == owner)
    }
}

/// Who a command is done by: the caller, acting as themselves or, if an administrator, as the
/// person named with `--as`.
public struct Acting: Sendable {
    public var caller: Caller
    public var asPerson: PersonID?

    public init(caller: Caller, asPerson: PersonID? = nil) {
        self.caller = caller
        self.asPerson = asPerson
    }
}
