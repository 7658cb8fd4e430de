import Foundation
import ZhengdunCore
import ZhengdunStore

extension Service {
    /// `person add`: administrators register the people who take part.
    public func addPerson(id: String, name: String, email: String, unixUser: String?, by acting: Acting) throws -> PersonView {
        try requireAdministrator(acting, to: .actAddPeople)
        guard PersonText.isValidID(id) else {
            throw Refusal(.invalidPersonID(id: TypedText.excerpt(id)))
        }
        let name = try PersonText.line(name, .whatName, within: .name)
        guard PersonText.isValidEmail(email) else { throw Refusal(.invalidEmail(email: TypedText.excerpt(email))) }
        if let unixUser, !PersonText.isValidUnixUser(unixUser) {
            throw Refusal(.invalidUnixUser(user: TypedText.excerpt(unixUser)))
        }
        return try store.write { tx in
            if try tx.person(PersonID(id)) != nil { throw Refusal(.personExists(person: "\(id)")) }
            if let unixUser, let holder = try tx.person(unixUser: unixUser) {
                throw Refusal(.unixUserTaken(user: "\(unixUser)", person: "\(holder.id)"))
            }
            let now = clock.now()
            let row = PersonRow(id: PersonID(id), name: name, email: email, unixUser: unixUser, createdAt: now)
            try tx.insert(row)
            let party = try party(acting, in: tx)
            try tx.append(NewEvent(.personAdded, actor: party?.id, caller: acting.caller.label, payload: PersonView(row)), at: now)
            return PersonView(row)
        }
    }

    public func people() throws -> [PersonView] {
        try store.read { tx in try tx.people().map(PersonView.init) }
    }
}

/// What people may type as ids, names and addresses. Nothing a person types may carry a
/// control character: it could end a line or a header where it is shown or sent.
enum PersonText {
    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first), id.unicodeScalars.count <= 64 else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
    }

    static func isValidUnixUser(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 32
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-$".unicodeScalars.contains($0)
            }
    }

    /// `local@domain`, printable ASCII or letters, no spaces, angle brackets or control characters.
    static func isValidEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            email.count <= 254
        else { return false }
        return email.unicodeScalars.allSatisfy {
            !$0.properties.isWhitespace && $0.value >= 0x21 && $0.value != 0x7F && !"<>(),;:\"[]\\".unicodeScalars.contains($0)
        }
    }

    /// A one-line text: trimmed, not empty, within its length, no control, bidi or invisible
    /// characters (`TypedText`).
    static func line(_ text: String, _ what: Message, within limit: TypedText = .title) throws -> String {
        guard !text.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) else {
            throw Refusal(.mustBeOneLine(what: what))
        }
        let checked = try checked(text, what, limit)
        guard !checked.isEmpty else { throw Refusal(.mustNotBeEmpty(what: what)) }
        return checked
    }

    /// A free text (a note, a reason, a finding): may span lines, within its length, no other
    /// control characters, no bidi or invisible ones.
    static func text(_ text: String, _ what: Message) throws -> String {
        try checked(text, what, .note)
    }

    private static func checked(_ text: String, _ what: Message, _ limit: TypedText) throws -> String {
        do throws(ParseFailure) { return try limit.checked(text, what) } catch { throw Refusal(error.message) }
    }
}
