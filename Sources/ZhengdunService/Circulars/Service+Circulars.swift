import Foundation
import ZhengdunCore
import ZhengdunMail
import ZhengdunStore

extension Service {
    /// `circular issue`: issues a circular now, covering one plan or every running one, by the
    /// township office: whoever holds, in every plan it covers, a role that may launch the plan
    /// (the workflow's `launch` permission: 镇组织办 and 镇党委组织委员 in the shipped workflow).
    /// Refused when there is nothing to name. A dry run says what would be issued and keeps
    /// nothing, not even the number.
    public func issueCircular(plan: PlanID?, campaign: CampaignID? = nil, dryRun: Bool, by acting: Acting) throws -> IssuedCircular {
        func body(_ tx: StoreTransaction) throws -> IssuedCircular {
            let actor = try self.actor(acting, in: tx)
            let plans = try self.runningPlans(plan, campaign: campaign, in: tx)
            guard !plans.isEmpty else { throw Refusal(.circularNothingToReport) }
            for plan in plans {
                guard plan.row.state.workingPhase(in: plan.workflow) != nil else {
                    throw Refusal(.planNotInPhase(plan: "\(plan.label)", state: plan.row.state.word))
                }
                let office = plan.workflow.permissions.roles(for: .launch)
                guard office.contains(where: plan.bindings.roles(of: actor.id).contains) else {
                    throw Refusal(
                        .onlyRolesMayIssueCircular(
                            plan: "\(plan.label)", roles: .alternatives(office.map { plan.workflow.role($0)?.title ?? $0.rawValue })))
                }
            }
            let now = self.clock.now()
            let text = NoticeText(zone: self.zone, templates: try self.templates(in: tx), contact: self.configuration.mail.contact)
            // Only the plans with something to name; the others are still addressed.
            var report = try self.circularReport(plans: plans, at: now, in: tx)
            let named = zip(plans, report.plans).filter { !$1.late.isEmpty || !$1.orders.isEmpty }
            report.plans = named.map(\.1)
            guard
                let issued = try self.issueCircular(
                    covering: named.map(\.0), folding: [], at: now, text: text, from: try MailAddress.parse(self.configuration.mail.from),
                    read: report, tx)
            else { throw Refusal(.circularNothingToReport) }
            try tx.append(
                NewEvent(
                    .circularIssued, plan: named.count == 1 ? named[0].0.id : nil, actor: actor.id, caller: acting.caller.label,
                    payload: CircularIssued(issued.circular)), at: now)
            var circular = issued.circular
            circular.dryRun = dryRun
            return circular
        }
        return dryRun ? try store.rehearse(body) : try store.write(body)
    }

    /// `circular list`: every circular issued, oldest first, without their documents.
    public func circulars() throws -> [IssuedCircular] {
        try store.read { tx in
            let plans = try tx.circularPlans()
            return try tx.circulars().map { Self.issued($0, plans: plans[$0.id!] ?? [], document: nil) }
        }
    }

    /// `report circular --number N`: a stored circular of `year` (this year when nil) with its
    /// document, and its page when `page` is asked for, laid out by the stored templates.
    public func circular(number: Int, year: Int?, page: Bool) throws -> CircularPrint {
        try store.read { tx in
            let year = year ?? zone.localDateTime(clock.now()).date.year
            guard let row = try tx.circular(year: year, number: number) else {
                throw Refusal(.noCircular(number: number, year: year))
            }
            let document = try Wire.decode(CircularDocument.self, from: Data(row.content.utf8))
            let issued = Self.issued(row, plans: (try tx.circularPlans())[row.id!] ?? [], document: document)
            guard page else { return CircularPrint(circular: issued, html: nil) }
            let text = NoticeText(zone: zone, templates: try templates(in: tx))
            return CircularPrint(circular: issued, html: text.circularPage(document, key: row.noticeKey, issuedAt: row.issuedAt))
        }
    }
}

/// The event log's record of a circular issued on demand.
private struct CircularIssued: Encodable {
    var year: Int
    var number: Int
    var documentNumber: String
    var plans: [Int64]
    var contentSHA256: String

    init(_ circular: IssuedCircular) {
        year = circular.year
        number = circular.number
        documentNumber = circular.documentNumber
        plans = circular.plans
        contentSHA256 = circular.contentSHA256
    }

    enum CodingKeys: String, CodingKey {
        case year, number, documentNumber = "document_number", plans, contentSHA256 = "content_sha256"
    }
}
