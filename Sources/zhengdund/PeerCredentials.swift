import Foundation
import ZhengdunService

#if canImport(Glibc)
import Glibc
#endif

/// The kernel's account of who is at the other end of a Unix socket (`struct ucred`, which
/// Swift's Glibc module does not show: three 32-bit fields, pid, uid, gid).
struct PeerCredentials: Sendable {
    var pid: Int32
    var uid: UInt32
    var gid: UInt32

    static func of(_ fd: Int32) -> PeerCredentials? {
        var credentials = PeerCredentials(pid: 0, uid: 0, gid: 0)
        var length = socklen_t(MemoryLayout<PeerCredentials>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0,
            length == socklen_t(MemoryLayout<PeerCredentials>.size)
        else { return nil }
        return credentials
    }

    /// The caller these credentials make: the account's name, and whether it may act as others
    /// (root, the daemon's own account, members of `adminGroup`).
    func caller(adminGroup: String?) -> Caller {
        let account = Accounts.user(uid)
        var administrator = uid == 0 || uid == geteuid()
        if !administrator, let adminGroup, let group = Accounts.groupID(adminGroup), let account {
            administrator = gid == group || Accounts.groups(of: account.name, primary: account.gid).contains(group)
        }
        return Caller(unixUser: account?.name ?? "uid\(uid)", uid: uid, isAdministrator: administrator)
    }
}

/// The system's accounts, looked up with the reentrant calls.
enum Accounts {
    static func user(_ uid: UInt32) -> (name: String, gid: UInt32)? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16 << 10)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return (String(cString: entry.pw_name), entry.pw_gid)
    }

    static func groupID(_ name: String) -> UInt32? {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 64 << 10)
        guard getgrnam_r(name, &entry, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return entry.gr_gid
    }

    static func groups(of user: String, primary: UInt32) -> [UInt32] {
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(user, primary, &groups, &count) < 0 {
            groups = [gid_t](repeating: 0, count: Int(count))
            _ = getgrouplist(user, primary, &groups, &count)
        }
        return Array(groups.prefix(Int(max(0, count))))
    }
}
