import ZhengdunCore
import ZhengdunStore

extension Service {
    /// Why the daemon does nothing over its socket for `caller`, or nil when it serves them: an
    /// administrator, or an account linked to a person (`person add … --unix-user`). Anyone else
    /// who can reach the socket learns only that the daemon answers and whom to ask, nothing of
    /// the people, plans, log or outbox.
    public func socketAccess(for caller: Caller) -> Message? {
        guard !caller.isAdministrator else { return nil }
        do {
            let linked = try store.read { try $0.person(unixUser: caller.unixUser) != nil }
            return linked ? nil : Message.socketNotLinked(user: "\(caller.unixUser)")
        } catch let error as StoreError {
            return error.message
        } catch {
            return Message.text("\(error)")
        }
    }
}
