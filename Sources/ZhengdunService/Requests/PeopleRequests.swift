import ZhengdunCore

/// `person add`: a person who can hold roles, with the account they log in with.
public struct AddPerson: ActingRequest {
    public static let name = "addPerson"
    public var id: String
    public var name: String
    public var email: String
    public var unixUser: String?
    public var `as`: PersonID?

    public init(id: String, name: String, email: String, unixUser: String?, as person: PersonID?) {
        self.id = id
        self.name = name
        self.email = email
        self.unixUser = unixUser
        self.as = person
    }

    public var writes: Bool { true }

    public func perform(on service: Service, for caller: Caller) throws -> PersonView {
        try service.addPerson(id: id, name: name, email: email, unixUser: unixUser, by: acting(caller))
    }
}

/// `person list`.
public struct ListPeople: ServiceRequest {
    public static let name = "people"
    public init() {}

    public func perform(on service: Service, for caller: Caller) throws -> [PersonView] {
        try service.people()
    }
}
