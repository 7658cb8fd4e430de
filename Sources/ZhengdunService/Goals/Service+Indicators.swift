import Foundation
import ZhengdunCore
import ZhengdunStore

/// What `indicator set` and `indicator survey` record.
public enum IndicatorRecord: Sendable, Codable {
    /// A value of the indicator now (整顿后), or before the rectification (`baseline`).
    case value(key: String, value: String, baseline: Bool)
    /// The satisfaction survey's counts, from which the survey indicator's rate is computed.
    case survey(SatisfactionSurvey)
}

extension Service {
    /// `indicator set|survey`: records a value of one of the plan's indicators with its note and
    /// evidence, by the roles that may record indicators; an event, like every change.
    public func record(
        _ record: IndicatorRecord, in id: PlanID, note: String?, evidence files: [EvidenceFile], by acting: Acting
    ) throws -> AcceptanceReport {
        guard files.reduce(0, { $0 + $1.content.count }) <= Self.maximumEvidenceBytes else {
            throw Refusal(.evidenceTooLarge(size: Self.maximumEvidenceBytes >> 20))
        }
        let note = try note.map { try PersonText.text($0, .whatTheNote) }
        return try store.write { tx in
            let plan = try context(id, in: tx)
            let workflow = plan.workflow
            let actor = try actor(acting, in: tx)
            let allowed = workflow.permissions.roles(for: .recordIndicators)
            guard plan.bindings.roles(of: actor.id).contains(where: allowed.contains) else {
                throw Refusal(.onlyRolesMayRecordIndicators(roles: .roles(allowed, in: workflow)))
            }
            guard !plan.row.state.isFinished, plan.row.state != .draft else {
                throw Refusal(.planNotRecordingIndicators(plan: "\(plan.label)", state: plan.row.state.word))
            }
            let indicator: Indicator
            var values: (value: Double?, baseline: Double?, survey: SatisfactionSurvey?) = (nil, nil, nil)
            switch record {
            case .value(let key, let text, let baseline):
                // Named by its key or, as a Chinese reader sees it, by its title.
                guard let found = workflow.indicator(key) ?? workflow.indicators.first(where: { $0.title == key }) else {
                    throw Refusal(
                        .noSuchIndicator(indicator: TypedText.excerpt(key), indicators: .list(workflow.indicators.map { .text($0.key) })))
                }
                indicator = found
                guard indicator.source == .recorded || baseline else {
                    throw Refusal(
                        .indicatorIsComputed(
                            indicator: "\(indicator.title)", source: indicator.source == .survey ? .surveySource : .problemsSource))
                }
                guard let value = indicator.value(of: text) else {
                    throw Refusal(
                        indicator.judge == .yesNo
                            ? .indicatorWantsYesOrNo(indicator: "\(indicator.title)", text: TypedText.excerpt(text))
                            : .indicatorWantsNumber(indicator: "\(indicator.title)", text: TypedText.excerpt(text)))
                }
                if baseline { values.baseline = value } else { values.value = value }
            case .survey(let survey):
                guard let found = workflow.indicators.first(where: { $0.source == .survey }) else {
                    throw Refusal(.workflowHasNoSurveyIndicator(plan: "\(plan.label)"))
                }
                indicator = found
                let problems = survey.problems()
                guard problems.isEmpty else { throw Refusal(.surveyDoesNotAddUp(problems: .list(problems))) }
                values = (survey.rate, nil, survey)
            }
            let now = clock.now()
            var row =
                try tx.indicatorValues(of: id)[indicator.key]
                ?? IndicatorValueRow(planID: id, key: indicator.key, recordedAt: now, recordedBy: actor.id)
            if let value = values.value { row.value = value }
            if let baseline = values.baseline { row.baseline = baseline }
            if let survey = values.survey { row.survey = survey }
            row.note = note ?? row.note
            row.recordedAt = now
            row.recordedBy = actor.id
            var handedIn: [Evidence] = []
            for file in files {
                let stored = try tx.store(evidence: file.content)
                let name = try PersonText.line(file.name, .whatEvidenceName, within: .fileName)
                let item = Evidence(sha256: stored.sha256, name: name, bytes: stored.bytes)
                if !handedIn.contains(item) { handedIn.append(item) }
            }
            row.evidence += handedIn.filter { !row.evidence.contains($0) }
            try tx.save(row)
            try tx.append(
                NewEvent(
                    values.survey == nil ? .indicatorRecorded : .surveyRecorded, plan: id, actor: actor.id, caller: acting.caller.label,
                    payload: IndicatorRecorded(
                        indicator: indicator.key, value: values.value, baseline: values.baseline, survey: values.survey, note: note,
                        evidence: handedIn)), at: now)
            return try acceptance(of: plan, in: tx)
        }
    }

    /// The indicators the current phase's gate waits for: none unless it says `indicators: met`.
    func gateIndicators(_ plan: PlanContext, in tx: StoreTransaction) throws -> [IndicatorCheck] {
        guard case .inPhase(let phase) = plan.row.state, plan.workflow.phase(phase)?.gate.indicatorsMet == true else { return [] }
        return try indicatorChecks(of: plan, in: tx)
    }

    /// The blocking indicators as the acceptance gate checks them, named with their value and
    /// their requirement in signs that read in every language: `群众满意率 79%（≥80%）`.
    func indicatorChecks(of plan: PlanContext, in tx: StoreTransaction) throws -> [IndicatorCheck] {
        let values = try indicatorValues(of: plan, in: tx)
        return plan.workflow.indicators.filter(\.blocking).map { indicator in
            let value = values[indicator.key]?.value
            let shown = value.map { indicator.judge == .yesNo ? ($0 != 0 ? "是" : "否") : Indicator.number($0) + indicator.unit } ?? "—"
            let wanted: String
            switch indicator.judge {
            case .atLeast: wanted = "≥" + Indicator.number(indicator.target ?? 0) + indicator.unit
            case .atMost: wanted = "≤" + Indicator.number(indicator.target ?? 0) + indicator.unit
            case .yesNo: wanted = "是"
            }
            return IndicatorCheck(name: "\(indicator.title) \(shown)（\(wanted)）", met: indicator.isMet(by: value) == true)
        }
    }

    /// Each indicator's value as of now: recorded, computed from the survey, or counted from
    /// the problem list.
    func indicatorValues(of plan: PlanContext, in tx: StoreTransaction) throws -> [String: IndicatorValueRow] {
        var values = try tx.indicatorValues(of: plan.id)
        let counted = plan.workflow.indicators.filter { $0.source == .problemsClosed }
        guard !counted.isEmpty else { return values }
        let problems = try tx.problems(of: plan.id)
        let tasks = try tx.problemTasks(of: problems.map { $0.id! })
        let closed = problems.filter { tasks[$0.id!]?.state == .verified }.count
        for indicator in counted {
            var row =
                values[indicator.key] ?? IndicatorValueRow(planID: plan.id, key: indicator.key, recordedAt: clock.now(), recordedBy: nil)
            row.value = Double(closed)
            values[indicator.key] = row
        }
        return values
    }
}

/// The details recorded with `indicator.recorded` and `survey.recorded`.
private struct IndicatorRecorded: Encodable {
    var indicator: String
    var value: Double?
    var baseline: Double?
    var survey: SatisfactionSurvey?
    var note: String?
    var evidence: [Evidence]
}
