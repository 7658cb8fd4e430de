import Foundation
import ZhengdunCore
import ZhengdunStore

/// Whom a circular is addressed to (主送): the line the document writes, and the people.
struct CircularAddressees {
    var line: String
    var people: [PersonID]
}

extension Service {
    /// Up to this many running plans, the 主送 line names each person; beyond, it says them as a
    /// township office addresses many (`各村党支部书记、驻村干部`).
    static let namedAddresseePlans = 10

    /// The holders of `circular.to` in every running plan of the township, plan by plan, each
    /// once, and the 主送 line naming them (`XX村党支部书记王五同志、…`), or the configuration's
    /// `circular.addressees`. Read from the bindings alone, in one query however many plans
    /// run: a plan whose row cannot be read (a file changed by hand) does not hold back a
    /// circular about the others.
    func circularAddressees(covering covered: [PlanContext], english: Bool, _ tx: StoreTransaction) throws -> CircularAddressees {
        let style = configuration.circular
        var people: [PersonID] = []
        var seen = Set<PersonID>()
        var named: [(plan: PlanID, role: RoleKey, person: PersonID)] = []
        var plans = Set<PlanID>()
        for holder in try tx.holdersInRunningPlans(of: style.to) {
            plans.insert(holder.plan)
            guard seen.insert(holder.person).inserted else { continue }
            people.append(holder.person)
            named.append(holder)
        }
        if let line = style.addressees { return CircularAddressees(line: line, people: people) }
        let workflow = covered[0].workflow
        guard plans.count <= Self.namedAddresseePlans, !named.isEmpty else {
            let titles = style.to.compactMap { workflow.role($0)?.title }
            let line =
                english
                ? "Every village's " + (titles.isEmpty ? "Party branch" : titles.joined(separator: " and "))
                : "各村" + (titles.isEmpty ? "党支部" : titles.joined(separator: "、"))
            return CircularAddressees(line: line, people: people)
        }
        let rows = try tx.people(people)
        var contexts: [PlanID: PlanContext] = Dictionary(uniqueKeysWithValues: covered.map { ($0.id, $0) })
        let names = named.compactMap { entry -> String? in
            if contexts[entry.plan] == nil { contexts[entry.plan] = try? context(entry.plan, in: tx) }
            guard let plan = contexts[entry.plan], let person = rows[entry.person] else { return nil }
            let title = plan.workflow.role(entry.role)?.title ?? ""
            return english
                ? "\(person.name) (\(title), \(plan.row.village))"
                : "\(Self.villageTitle(title, village: plan.row.village))\(person.name)同志"
        }
        return CircularAddressees(line: names.joined(separator: english ? "; " : "、"), people: people)
    }

    /// Who a circular is mailed to: the people it is addressed to, then the roles the workflow
    /// sends circulars to (the township's leaders) in the plans it covers; each once, an
    /// address once.
    func circularRecipients(
        addressed: [PersonID], covering covered: [PlanContext], _ tx: StoreTransaction
    ) throws -> [PersonRow] {
        var ids = addressed
        var seen = Set(addressed)
        for plan in covered {
            for role in plan.workflow.reports.circular?.to ?? [] {
                for id in plan.bindings.people(for: role) where seen.insert(id).inserted { ids.append(id) }
            }
        }
        let rows = try tx.people(ids)
        var addresses = Set<String>()
        return ids.compactMap { rows[$0] }.filter { addresses.insert($0.email).inserted }
    }
}
