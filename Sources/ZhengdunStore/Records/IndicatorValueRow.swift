import Foundation
import GRDB
import ZhengdunCore

/// A plan's value of one indicator of the goals: the value now (整顿后) and before (整顿前),
/// the survey it was computed from, the evidence, who recorded it last and when. Each recording
/// is also an event; this row is the latest.
public struct IndicatorValueRow: Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "indicator_value"

    public var planID: PlanID
    public var key: String
    public var value: Double?
    public var baseline: Double?
    public var survey: SatisfactionSurvey?
    /// The files handed in with its values, stored by content in the evidence table.
    public var evidence: [Evidence]
    public var note: String?
    public var recordedAt: Date
    public var recordedBy: PersonID?

    public init(planID: PlanID, key: String, recordedAt: Date, recordedBy: PersonID?) {
        self.planID = planID
        self.key = key
        evidence = []
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }

    public init(row: Row) {
        planID = row["plan_id"]
        key = row["key"]
        value = row["value"]
        baseline = row["baseline"]
        survey = (row["survey"] as String?).flatMap { try? JSONDecoder().decode(SatisfactionSurvey.self, from: Data($0.utf8)) }
        evidence = (try? JSONDecoder().decode([Evidence].self, from: Data((row["evidence"] as String).utf8))) ?? []
        note = row["note"]
        recordedAt = Millis.date(row["recorded_at"])
        recordedBy = row["recorded_by"]
    }

    public func encode(to container: inout PersistenceContainer) {
        container["plan_id"] = planID
        container["key"] = key
        container["value"] = value
        container["baseline"] = baseline
        container["survey"] = survey.map { JSONText.encode($0) }
        container["evidence"] = JSONText.encode(evidence)
        container["note"] = note
        container["recorded_at"] = Millis.from(recordedAt)
        container["recorded_by"] = recordedBy
    }
}

extension StoreTransaction {
    /// A plan's recorded indicator values, by key.
    public func indicatorValues(of plan: PlanID) throws -> [String: IndicatorValueRow] {
        let rows = try IndicatorValueRow.fetchAll(db, sql: "SELECT * FROM indicator_value WHERE plan_id = ?", arguments: [plan])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.key, $0) })
    }

    public func save(_ value: IndicatorValueRow) throws {
        try value.save(db)
    }
}
