import Foundation
import ZhengdunCore
import ZhengdunMail
import ZhengdunStore

/// `zhengdun demo`: a whole campaign for a sample village (XX村) on a virtual clock, in a folder
/// of its own. Six people play the roles; most work is done on time, some late, one task
/// climbs the whole ladder and lands on the circular, one submission is returned, one deadline
/// extended, and an inspection orders rectification. Every notice is printed as it falls due;
/// the mail goes to a maildir, and the reports are written beside it.
public struct Demo {
    public let folder: String
    public let workflowPath: String
    /// Where lines for the person watching go.
    public let say: (Message) -> Void

    public init(folder: String, workflowPath: String, say: @escaping (Message) -> Void) {
        self.folder = folder
        self.workflowPath = workflowPath
        self.say = say
    }

    static let people: [(id: String, name: String, role: String)] = [
        ("li-si", "李四", "secretary"), ("wang-wu", "王五", "resident_cadre"), ("qian-qi", "钱七", "org_office"),
        ("zhao-liu", "赵六", "office_director"), ("sun-ba", "孙八", "group_leader"), ("zhou-jiu", "周九", "work_team"),
    ]

    /// The person who holds `role`, named with it: 钱七 (org_office).
    /// The person holding `role`, with the role's title in the workflow (never its key).
    static func actor(_ role: String, in workflow: Workflow) -> Message {
        let person = people.first { $0.role == role }!
        return .demoActor(name: "\(person.name)", role: workflow.role(RoleKey(role))?.title ?? role)
    }

    /// A plan's state as a reader says it: a phase by its title.
    static func state(_ name: String, in workflow: Workflow) -> Message {
        PlanState(name: name).named { workflow.phase($0)?.title }
    }

    /// Monday 2 March 2026, 09:00 Beijing time: the campaign starts after the Spring Festival
    /// and runs through Qingming, May Day and the Dragon Boat holidays.
    static let start = (date: "2026-03-02", time: "09:00")

    /// What the demo did, for its closing lines and for tests.
    public struct Summary: Sendable {
        public var notices: [PassReport.Sent] = []
        public var finalState = ""
        public var days = 0
        public var messages = 0
    }

    public func run() throws -> Summary {
        let database = folder.appendingPathComponent("zhengdun.db")
        let maildir = folder.appendingPathComponent("maildir")
        var configuration = Configuration.defaults
        configuration.mail.transport = .maildir
        configuration.mail.maildir = maildir
        configuration.mail.from = "镇组织办 <zzb@town.example.cn>"
        configuration.mail.contact = "镇组织办，电话 0596-1234567"
        // The secretary answers his notices by mail (MailboxReplies).
        configuration.mail.replyTo = "zzb@town.example.cn"
        let zone = configuration.zone
        let timeline = Timeline(calendar: .mondayToFriday, zone: zone)
        let clock = ManualClock(timeline.instant(try LocalDate.parse(Self.start.date), try LocalTime.parse(Self.start.time)))
        let service = Service(store: try Store(path: database), clock: clock, configuration: configuration)
        let office = Acting(caller: Caller(unixUser: "demo", uid: getuid(), isAdministrator: true))
        func as_(_ role: String) -> Acting { Acting(caller: office.caller, asPerson: PersonID(Self.people.first { $0.role == role }!.id)) }

        for person in Self.people {
            _ = try service.addPerson(id: person.id, name: person.name, email: "\(person.id)@town.example.cn", unixUser: nil, by: office)
        }
        let file = try WorkflowFile.load(workflowPath)
        _ = try service.createPlan(
            PlanDraft(
                village: "XX村", start: try LocalDate.parse(Self.start.date),
                assignments: Self.people.map { (RoleKey($0.role), PersonID($0.id)) },
                profile: VillageProfile(households: 326, population: 1_184, partyMembers: 31, perCapitaIncomeYuan: 8_600, incomeYear: 2025),
                problems: [
                    PlanProblem(kind: "parochialism", detail: "大房头群众排挤小房头村干部"),
                    PlanProblem(kind: "weak-collective-economy", detail: "村集体无经营性收入"),
                ]),
            workflow: file, by: office)
        let plan = PlanID(1)
        let startDay = try LocalDate.parse(Self.start.date)
        let realTimeline = try service.store.read { tx in try service.timeline(calendar: file.workflow.calendar, in: tx) }
        say(
            Message.demoHeader(
                village: "XX村", workflow: "\(file.workflow.title)",
                date: .perLanguage(en: Self.start.date, zh: "\(startDay.year)年\(startDay.prose(in: .zh))"), time: "\(Self.start.time)"))
        say(Message.demoFolder(folder: "\(folder)"))
        let launched = try service.advance(plan, overrideReason: nil, by: as_("org_office"))
        say(
            Message.demoLaunches(
                time: stamp(clock.now(), zone), who: Self.actor("org_office", in: file.workflow),
                phase: "\(file.workflow.phase(PhaseKey(launched.to))?.title ?? launched.to)", count: launched.issued.count))

        var summary = Summary()
        var returnedOnce = false
        var reassigned = false
        var extended = false
        var inspected = false
        let end = clock.now().addingTimeInterval(200 * 86_400)
        var actors = Actors(
            service: service, workflow: file.workflow, plan: plan, timeline: realTimeline, say: say, zone: zone, asRole: as_,
            mailbox: MailboxReplies(service: service, maildir: maildir, zone: zone))
        while clock.now() < end {
            // The next moment anything happens: a notice falls due, or the next working day's 10:00.
            let workday = nextWorkMoment(after: clock.now(), timeline: realTimeline)
            let next = min(try service.nextDue() ?? workday, workday)
            clock.set(next)
            let pass = try service.runDue()
            for notice in pass.notices {
                summary.notices.append(notice)
                let names = notice.recipients.compactMap { id in Self.people.first { $0.id == id.rawValue }?.name }
                let time = stamp(notice.dueAt, zone)
                let listed = Message.list(names.map { .text($0) })
                say(
                    notice.late
                        ? .demoNoticeLate(time: time, subject: notice.subject, names: listed)
                        : .demoNotice(time: time, subject: notice.subject, names: listed))
            }
            let delivered = try service.deliver(using: try service.transport())
            summary.messages += delivered.sent
            try service.sweepSpentTimers()
            guard next == workday else { continue }
            summary.days += 1
            let state = try actors.workDay(returnedOnce: &returnedOnce, reassigned: &reassigned, extended: &extended, inspected: &inspected)
            if state == "accepted" { summary.finalState = state; break }
            summary.finalState = state
        }
        let progress = try service.progressReport(plan: plan)
        let circular = try service.circularReport(plan: plan)
        // Text files end in a line break, as the command line prints them.
        try (ReportText(zone: zone, format: .md).progress(progress) + "\n").write(
            toFile: folder.appendingPathComponent("progress.md"), atomically: true, encoding: .utf8)
        try (ReportText(zone: zone, format: .md).circular(circular) + "\n").write(
            toFile: folder.appendingPathComponent("circular.md"), atomically: true, encoding: .utf8)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(zone.iso8601(date))
        }
        try (encoder.encode(progress) + Data("\n".utf8)).write(to: URL(fileURLWithPath: folder.appendingPathComponent("progress.json")))
        try service.progressReportHTML(plan: plan).write(
            toFile: folder.appendingPathComponent("progress.html"), atomically: true, encoding: .utf8)
        say(
            Message.demoEnded(
                state: PlanState(name: summary.finalState).word, time: stamp(clock.now(), zone), days: summary.days,
                notices: summary.notices.count, messages: summary.messages))
        say(Message.demoLookIn(folder: "\(folder)"))
        say(Message.demoMaildir)
        say(Message.demoReports)
        say(Message.demoDatabase(database: "\(database)"))
        return summary
    }

    func nextWorkMoment(after now: Date, timeline: Timeline) -> Date {
        var day = timeline.local(now).date
        let ten = LocalTime(hour: 10, minute: 0)!
        while true {
            if timeline.calendar.isWorkingDay(day), timeline.instant(day, ten) > now { return timeline.instant(day, ten) }
            day = day.adding(days: 1)
        }
    }
}

/// The narration's time of an event: `3月2日（星期一）09:00` in Chinese (docs/style.md),
/// `2026-03-02 09:00` in English.
func stamp(_ date: Date, _ zone: TimeZone) -> Message { .time(zone.localDateTime(date)) }

/// The people of the demo at work: each working day at 10:00 they acknowledge, submit, verify
/// and advance, each in their own way.
private struct Actors {
    let service: Service
    let workflow: Workflow
    let plan: PlanID
    let timeline: Timeline
    let say: (Message) -> Void
    let zone: TimeZone
    let asRole: (String) -> Acting
    let mailbox: MailboxReplies
    /// How many replies the secretary has written, for their Message-IDs and so that the first
    /// acknowledgement is told.
    var replies = (acknowledged: 0, submitted: 0)
    /// Whether the survey's problems are on the list, and whether one was carried over.
    var problemsRecorded = false
    var carried = false
    /// Whether the goals' indicators are recorded, for the acceptance.
    var indicatorsRecorded = false

    /// What the office records for the acceptance: each indicator's value (and the collective
    /// income before), with the paper that bears it out.
    static let indicators: [(record: IndicatorRecord, evidence: String)] = [
        (.value(key: "collective-income", value: "0", baseline: true), "2025年村集体收支明细账.pdf"),
        (.value(key: "collective-income", value: "6.5", baseline: false), "校舍租赁合同及收款凭证.pdf"),
        (.value(key: "committees-complete", value: "是", baseline: false), "村两委班子分工表.pdf"),
        (.value(key: "meetings-on-time", value: "是", baseline: false), "三会一课记录本.pdf"),
        (.value(key: "cadre-violations", value: "0", baseline: false), "镇纪委情况说明.pdf"),
        (.value(key: "activists-named", value: "2", baseline: false), "入党积极分子确定会议记录.pdf"),
        (
            .survey(SatisfactionSurvey(issued: 120, returned: 112, satisfied: 71, basicallySatisfied: 24, dissatisfied: 17)),
            "群众满意度测评汇总表.pdf"
        ),
    ]

    /// What the survey finds: four problems of four kinds, each with its remedy, goal and deadline.
    static let problems: [ProblemDraft] = [
        ProblemDraft(
            kind: "legacy-problems", detail: "村部门前道路2019年修建，工程款12.6万元至今未结清，施工方多次上门催要",
            remedy: "清理工程账目，经村民代表会议议定分期结清", measure: "prominent-problems", goal: "stronger-economy",
            due: .after(.workingDays(25), at: nil)),
        ProblemDraft(
            kind: "weak-collective-economy", detail: "村集体无经营性收入，村部水电费靠镇里垫付",
            remedy: "盘活闲置村小学校舍对外出租，年增收不少于3万元", measure: "collective-economy", goal: "stronger-economy",
            due: .after(.workingDays(40), at: nil)),
        ProblemDraft(
            kind: "parochialism", detail: "大房头把持低保评议，小房头群众多次到镇反映", remedy: "低保评议全程公开，镇民政办派员监督",
            measure: "prominent-problems", goal: "public-satisfaction", due: .after(.workingDays(30), at: nil)),
        ProblemDraft(
            kind: "low-cadre-quality", detail: "两名村委委员长期不参加组织生活", remedy: "逐人谈心谈话，限期改正，纳入年终考评",
            measure: "strengthen-committees", goal: "renewed-image", due: .after(.workingDays(20), at: nil)),
    ]
    static let carryReason = "宗族矛盾由来已久，转入长效机制，由驻村干部持续跟踪"
    /// The photo the secretary hands in with each problem's report.
    static let beforeAndAfter = EvidenceFile(name: "整改前后对比照片.jpg", content: Data([0xFF, 0xD8, 0xFF, 0xD9]))

    /// The secretary, who acts by replying to his notices.
    var secretary: (id: PersonID, name: String, email: String) {
        let person = Demo.people.first { $0.role == "secretary" }!
        return (PersonID(person.id), person.name, "\(person.id)@town.example.cn")
    }

    /// The sign-in sheet the secretary photographs and attaches (a few bytes standing for it).
    static let signInSheet = MailAttachment(
        filename: "党员学习签到表.jpg", fallbackFilename: "sign-in-sheet.jpg", mediaType: "image/jpeg",
        content: [0xFF, 0xD8, 0xFF, 0xE0] + Array("党员学习签到表：李四、王五……".utf8) + [0xFF, 0xD9])

    /// How late each task is done, in working days after its deadline (negative: early).
    func lateness(_ key: String?, index: Int64) -> Int {
        switch key {
        case "clan-interference": return 9  // climbs the whole ladder and lands on the circular
        case "party-lessons", "special-activities": return 2
        case "economy-plan": return 4
        default: return index % 5 == 0 ? 1 : -2
        }
    }

    mutating func workDay(returnedOnce: inout Bool, reassigned: inout Bool, extended: inout Bool, inspected: inout Bool) throws -> String {
        let now = service.clock.now()
        let today = timeline.local(now).date
        var view = try service.plan(plan)
        // A week into the survey, the resident cadre puts what was found on the problem list.
        if view.state == "survey", !problemsRecorded,
            let started = view.phases.first?.startedAt,
            timeline.calendar.workingDays(after: timeline.local(started).date, through: today).value >= 5
        {
            let recorded = try Self.problems.map { try service.recordProblem($0, in: plan, by: asRole("resident_cadre")) }
            say(
                Message.demoRecordsProblems(
                    time: stamp(now, zone), who: Demo.actor("resident_cadre", in: workflow), count: recorded.count,
                    first: recorded.first!.label, last: recorded.last!.label))
            problemsRecorded = true
        }
        // Two weeks into consolidation, the office records the indicators the acceptance checks.
        if view.state == "consolidation", !indicatorsRecorded,
            let started = view.phases.first(where: { $0.key == "consolidation" })?.startedAt,
            timeline.calendar.workingDays(after: timeline.local(started).date, through: today).value >= 10
        {
            var rate = 0.0
            for item in Self.indicators {
                let report = try service.record(
                    item.record, in: plan, note: nil, evidence: [EvidenceFile(name: item.evidence, content: Data(item.evidence.utf8))],
                    by: asRole("org_office"))
                rate = report.goals.flatMap(\.indicators).first { $0.indicator.source == .survey }?.value ?? rate
            }
            say(
                Message.demoRecordsIndicators(
                    time: stamp(now, zone), who: Demo.actor("org_office", in: workflow), rate: Indicator.number(rate)))
            indicatorsRecorded = true
        }
        let tasks = try service.tasks(TaskQuery(plan: plan), by: asRole("org_office"))
        for task in tasks where task.state == .issued {
            let issued = timeline.local(try service.task(TaskID(task.id)).issuedAt).date
            // Most acknowledge at once; every seventh task waits two working days and is reminded.
            let wait = task.id % 7 == 3 ? 2 : 0
            if timeline.calendar.workingDays(after: issued, through: today).value >= wait {
                if task.assignee == secretary.id,
                    try mailbox.reply(
                        about: TaskID(task.id), deadlineVersion: try service.task(TaskID(task.id)).deadlineVersion,
                        from: (secretary.name, secretary.email), words: "签收", number: replies.acknowledged + replies.submitted)
                {
                    if replies.acknowledged == 0 {
                        say(Message.demoRepliesAcknowledge(time: stamp(now, zone), name: secretary.name, task: "\(task.id)"))
                    }
                    replies.acknowledged += 1
                    continue
                }
                _ = try service.apply(
                    .acknowledge(note: nil), to: TaskID(task.id), by: Acting(caller: asRole("org_office").caller, asPerson: task.assignee))
            }
        }
        for task in try service.tasks(TaskQuery(plan: plan), by: asRole("org_office")) {
            let id = TaskID(task.id)
            let deadlineDay = timeline.local(task.deadline).date
            let assignee = Acting(caller: asRole("org_office").caller, asPerson: task.assignee)
            switch task.state {
            case .acknowledged, .returned:
                // The county's departments are dealt with by the town office, which assists, so it takes it over.
                if task.key == "seek-support" && !reassigned, let office = asRole("org_office").asPerson {
                    let reason = "扶持事项改由镇组织办统一对接县直部门"
                    _ = try service.apply(.reassign(to: office, reason: reason), to: id, by: asRole("office_director"))
                    say(
                        Message.demoReassigns(
                            time: stamp(now, zone), who: Demo.actor("office_director", in: workflow), task: "\(task.id)",
                            to: Demo.actor("org_office", in: workflow), reason: reason))
                    reassigned = true
                    continue
                }
                if task.key == "economy-projects" && !extended
                    && timeline.calendar.workingDays(after: today, through: deadlineDay).value <= 3
                {
                    _ = try service.apply(.extend(.by(.workingDays(5)), reason: "等待县农业农村局资金批复"), to: id, by: asRole("office_director"))
                    say(
                        Message.demoExtends(
                            time: stamp(now, zone), who: Demo.actor("office_director", in: workflow), task: "\(task.id)", days: 5,
                            reason: "等待县农业农村局资金批复"))
                    extended = true
                    continue
                }
                let dueIn = timeline.calendar.workingDays(after: today, through: deadlineDay).value
                guard -dueIn >= lateness(task.key?.rawValue, index: task.id) || task.state == .returned else { continue }
                // Sent back for lacking the sign-in sheet, the secretary replies with it attached.
                if task.state == .returned, task.assignee == secretary.id,
                    try mailbox.reply(
                        about: id, deadlineVersion: try service.task(id).deadlineVersion, from: (secretary.name, secretary.email),
                        words: "办结：已补充党员学习签到表，见附件。", files: [Self.signInSheet],
                        number: replies.acknowledged + replies.submitted)
                {
                    say(
                        Message.demoRepliesSubmit(time: stamp(now, zone), name: secretary.name, task: "\(task.id)"))
                    replies.submitted += 1
                    continue
                }
                do {
                    // A problem's rectification is reported with a photo of it put right; other work with
                    // what the workflow asks for, a file for each item, but for the deployment
                    // meeting's photos, which nobody took.
                    let view = try service.task(id)
                    var asked = view.evidenceAsked
                    var missingReason: String?
                    if task.key == "deployment-meeting", let photos = asked.firstIndex(of: "照片") {
                        asked.remove(at: photos)
                        missingReason = "会场未安排拍照，以会议记录和签到表为准"
                    }
                    let evidence =
                        view.problem == nil
                        ? asked.map { EvidenceFile(name: "\($0).pdf", content: Data($0.utf8)) } : [Self.beforeAndAfter]
                    _ = try service.apply(
                        .submit(note: "已按要求完成：\(task.title)", evidence: evidence, missingReason: missingReason), to: id, by: assignee)
                    if dueIn < 0 {
                        say(
                            Message.demoSubmitsLate(
                                time: stamp(now, zone), name: "\(task.assigneeName)", task: "\(task.id)", title: "\(task.title)",
                                days: -dueIn))
                    }
                } catch is Refusal {
                    continue  // waits on work not yet verified
                }
            case .submitted:
                let view = try service.task(id)
                let verifier = asRole(view.verifierRole.rawValue)
                if let problem = view.problem {
                    let closed = try service.change(problem: problem, of: plan, .close(note: "现场核实，整改到位", evidence: []), by: verifier)
                    say(
                        Message.demoClosesProblem(
                            time: stamp(now, zone), who: Demo.actor(view.verifierRole.rawValue, in: workflow), problem: closed.label))
                } else if task.key == "unify-thinking" && !returnedOnce {
                    _ = try service.apply(
                        .returnForRework(reason: "缺少党员学习签到表", due: .after(.workingDays(3), at: nil)), to: id, by: verifier)
                    say(
                        Message.demoReturns(
                            time: stamp(now, zone), who: Demo.actor("resident_cadre", in: workflow), task: "\(task.id)", reason: "缺少党员学习签到表"
                        ))
                    returnedOnce = true
                } else {
                    _ = try service.apply(.verify(note: "验收合格"), to: id, by: verifier)
                }
            default:
                break
            }
        }
        view = try service.plan(plan)
        if view.state == "rectification", !inspected,
            let started = view.phases.first(where: { $0.key == "rectification" })?.startedAt,
            timeline.calendar.workingDays(after: timeline.local(started).date, through: today).value >= 10
        {
            let outcome = try service.inspect(
                plan, finding: "“三会一课”会议记录不全，党员大会未按时召开",
                order: RectificationOrder(role: "secretary", due: .after(.workingDays(5), at: nil)), by: asRole("work_team"))
            say(
                Message.demoInspects(
                    time: stamp(now, zone), who: Demo.actor("work_team", in: workflow), finding: "“三会一课”会议记录不全",
                    task: "\(outcome.ordered!.id)", days: 5))
            inspected = true
            // The clan quarrel behind one problem will outlast the campaign.
            if !carried, let item = try service.problems(of: plan).first(where: { $0.kind == "parochialism" && !$0.state.isSettled }) {
                _ = try service.change(problem: item.number, of: plan, .carry(reason: Self.carryReason), by: asRole("office_director"))
                say(
                    Message.demoCarriesProblem(
                        time: stamp(now, zone), who: Demo.actor("office_director", in: workflow), problem: item.label,
                        reason: Self.carryReason))
                carried = true
            }
        }
        if case .some(let phase) = view.phases.first(where: { $0.key.rawValue == view.state }), phase.tasks > 0 {
            do {
                let outcome = try service.advance(plan, overrideReason: nil, by: asRole("office_director"))
                let (time, who) = (stamp(now, zone), Demo.actor("office_director", in: workflow))
                let (from, to) = (Demo.state(outcome.from, in: workflow), Demo.state(outcome.to, in: workflow))
                say(
                    outcome.issued.isEmpty
                        ? .demoSignsGate(time: time, who: who, from: from, to: to)
                        : .demoSignsGateIssued(time: time, who: who, from: from, to: to, count: outcome.issued.count))
                view = try service.plan(plan)
            } catch is Refusal {
                // The gate is not met yet.
            }
        }
        return view.state
    }
}
