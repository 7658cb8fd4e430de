/// Who is acting, with the roles they hold in the plan concerned. Authorisation is decided from
/// these roles against what the workflow grants, never from who the person is by name.
public struct Actor: Sendable, Hashable {
    public var person: PersonID
    public var roles: Set<RoleKey>

    public init(person: PersonID, roles: Set<RoleKey>) {
        self.person = person
        self.roles = roles
    }

    public func holdsAny(of roles: [RoleKey]) -> Bool {
        roles.contains { self.roles.contains($0) }
    }
}

extension [RoleKey] {
    /// `office_director`, `org_office or office_director`, for a refusal.
    var alternatives: Message { .alternatives(map(\.rawValue)) }
}
