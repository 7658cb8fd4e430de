/// What is wrong in a workflow, calendar or configuration file, at its line and column.
extension Message {
    public static func diagnosticError(location: String, message: Message) -> Message {
        Message(
            en: "\(location): \(message)",
            zh: "\(location): \(message)")
    }

    public static func diagnosticWarning(location: String, message: Message) -> Message {
        Message(
            en: "\(location): warning: \(message)",
            zh: "\(location): 警告：\(message)")
    }

    public static let kindNothing = Message(
        en: "nothing",
        zh: "空值")

    public static let kindList = Message(
        en: "a list",
        zh: "列表")

    public static let kindMapping = Message(
        en: "a mapping",
        zh: "映射")

    public static func kindScalar(text: String) -> Message {
        Message(
            en: "'\(text)'",
            zh: "“\(text)”")
    }

    public static let noneWord = Message(
        en: "none",
        zh: "无")

    public static func fileEmpty(what: Message) -> Message {
        Message(
            en: "the file is empty; expected \(what)",
            zh: "文件为空；应为\(what)")
    }

    public static func mustBeMapping(what: Message, found: Message) -> Message {
        Message(
            en: "\(what) must be a mapping, found \(found)",
            zh: "\(what)应为映射，实为\(found)")
    }

    public static func unknownKey(key: Quoted, what: Message, allowed: Message) -> Message {
        Message(
            en: "unknown key '\(key)' in \(what); expected one of: \(allowed)",
            zh: "\(what)中有未知的键“\(key)”；应为以下之一：\(allowed)")
    }

    public static func missingKey(what: Message, key: Quoted) -> Message {
        Message(
            en: "\(what) is missing '\(key)'",
            zh: "\(what)缺少“\(key)”")
    }

    public static func keyMustBeWord(what: Message, found: Message) -> Message {
        Message(
            en: "a key in \(what) must be a word, found \(found)",
            zh: "\(what)中的键应为单词，实为\(found)")
    }

    public static func duplicateKey(key: Quoted, what: Message, line: Int) -> Message {
        Message(
            en: "duplicate key '\(key)' in \(what) (first at line \(line))",
            zh: "\(what)中的键“\(key)”重复（首次出现在第 \(line) 行）")
    }

    public static func mustBeList(what: Message, found: Message) -> Message {
        Message(
            en: "\(what) must be a list, found \(found)",
            zh: "\(what)应为列表，实为\(found)")
    }

    public static func mustBeText(what: Message, found: Message) -> Message {
        Message(
            en: "\(what) must be text, found \(found)",
            zh: "\(what)应为文本，实为\(found)")
    }

    public static func mustBeBool(what: Message, found: Message) -> Message {
        Message(
            en: "\(what) must be true or false, found \(found)",
            zh: "\(what)应为 true 或 false，实为\(found)")
    }

    public static func mustBeWholeNumber(what: Message, low: Int, high: Int, found: Message) -> Message {
        Message(
            en: "\(what) must be a whole number from \(low) to \(high), found \(found)",
            zh: "\(what)应为 \(low) 到 \(high) 之间的整数，实为\(found)")
    }

    public static func fieldProblem(what: Message, problem: Message) -> Message {
        Message(
            en: "\(what): \(problem)",
            zh: "\(what)：\(problem)")
    }

    public static func notAnIdentifier(what: Message, text: Quoted) -> Message {
        Message(
            en: "\(what) '\(text)' must start with a letter and hold only letters, digits, '-' and '_'",
            zh: "\(what)“\(text)”须以字母开头，只含字母、数字、“-”和“_”")
    }

    public static func yamlSyntax(detail: String) -> Message {
        Message(
            en: "YAML syntax error: \(detail)",
            zh: "YAML 语法错误：\(detail)")
    }

    public static let yamlExpectedDocument = Message(
        en: "expected a YAML document",
        zh: "应为一个 YAML 文档")

    public static let yamlExpectedEnd = Message(
        en: "expected the end of the document",
        zh: "应为文档结尾")

    public static let yamlSecondDocument = Message(
        en: "expected one YAML document, found a second one",
        zh: "应只有一个 YAML 文档，却发现了第二个")

    public static func yamlTooDeep(depth: Int) -> Message {
        Message(
            en: "nested deeper than \(depth) levels",
            zh: "嵌套超过 \(depth) 层")
    }

    public static func yamlUnknownAlias(anchor: String) -> Message {
        Message(
            en: "alias '*\(anchor)' names no anchor defined before it",
            zh: "别名“*\(anchor)”之前没有定义对应的锚点")
    }

    public static let yamlUnexpectedStructure = Message(
        en: "unexpected structure in YAML document",
        zh: "YAML 文档结构异常")

    public static func yamlTooManyNodes(count: Int) -> Message {
        Message(
            en: "document expands to more than \(count) nodes",
            zh: "文档展开后超过 \(count) 个节点")
    }

    public static let yamlUnexpectedEvent = Message(
        en: "unexpected YAML event",
        zh: "意外的 YAML 事件")

    public static func alreadyWorkingDay(date: Quoted, weekday: Message) -> Message {
        Message(
            en: "\(date) is a \(weekday), a working day already; 'work' lists the weekend days that are worked (调休)",
            zh: "\(date) 是\(weekday)，本来就是工作日；“work”只列调休上班的周末")
    }

    public static func dayOffAndWorking(date: Quoted) -> Message {
        Message(
            en: "\(date) is listed both as a day off and as a working day",
            zh: "\(date) 同时被列为休息日和工作日")
    }

    public static func outsideYear(day: Quoted, year: Quoted) -> Message {
        Message(
            en: "'\(day)' lies outside \(year); each year lists its own days",
            zh: "“\(day)”不在 \(year) 年内；每年只列本年的日期")
    }

    public static func languageNoTemplates(language: Quoted) -> Message {
        Message(
            en: "language: '\(language)' has no templates; expected zh-CN or en",
            zh: "language：“\(language)”没有模板；应为 zh-CN 或 en")
    }

    public static func fromNotAddress(from: Quoted) -> Message {
        Message(
            en: "from: '\(from)' is not an address; expected Name <user@host.domain>",
            zh: "from：“\(from)”不是地址；应为 名称 <user@host.domain>")
    }

    public static let sendmailNoCommand = Message(
        en: "sendmail must name a command, as in [/usr/sbin/sendmail, -t, -oi]",
        zh: "sendmail 须给出命令，如 [/usr/sbin/sendmail, -t, -oi]")

    public static func sendmailNotAbsolute(command: Quoted) -> Message {
        Message(
            en: "sendmail: the command must be an absolute path, found '\(command)'",
            zh: "sendmail：命令须为绝对路径，实为“\(command)”")
    }

    public static let maildirNeeded = Message(
        en: "transport maildir needs a maildir folder",
        zh: "transport 为 maildir 时须给出 maildir 目录")

    public static let retryMaxShorter = Message(
        en: "retry: max must not be shorter than first",
        zh: "retry：max 不能短于 first")

    public static func retryUnit(what: Message) -> Message {
        Message(
            en: "\(what): a retry waits minutes (m), hours (h) or days (d), not working days",
            zh: "\(what)：重试等待须以分钟（m）、小时（h）或天（d）计，不能用工作日")
    }

    public static func unknownCalendar(calendar: Quoted, names: Message) -> Message {
        Message(
            en: "unknown calendar '\(calendar)'; calendars beside this workflow: \(names)",
            zh: "未知的工作日历“\(calendar)”；此工作流旁的日历：\(names)")
    }

    public static func reservedRoleKey(key: Quoted) -> Message {
        Message(
            en: "'\(key)' cannot be a role key: it names the task's \(key) in recipient lists",
            zh: "“\(key)”不能作为角色键：它在收件人列表中指任务的\(key)")
    }

    public static let noRolesDeclared = Message(
        en: "roles declares no role",
        zh: "roles 没有声明任何角色")

    public static let noPhasesListed = Message(
        en: "phases lists no phase",
        zh: "phases 没有列出任何阶段")

    public static func duplicatePhase(key: Quoted, line: Int) -> Message {
        Message(
            en: "duplicate phase key '\(key)' (first at line \(line))",
            zh: "阶段键“\(key)”重复（首次出现在第 \(line) 行）")
    }

    public static func reservedPhaseKey(key: Quoted) -> Message {
        Message(
            en: "'\(key)' cannot be a phase key: it names a plan state",
            zh: "“\(key)”不能作为阶段键：它是方案状态的名称")
    }

    public static func phaseLengthUnit(length: Quoted) -> Message {
        Message(
            en: "length: a phase lasts working days (wd) or calendar days (d), not \(length)",
            zh: "length：阶段以工作日（wd）或自然日（d）计，不能是 \(length)")
    }

    public static func phaseLengthZero(length: Quoted) -> Message {
        Message(
            en: "length: a phase cannot last \(length)",
            zh: "length：阶段不能只持续 \(length)")
    }

    public static func noGate(phase: Message) -> Message {
        Message(
            en: "\(phase) has no gate rule; add 'gate' with 'require' and 'signed_by'",
            zh: "\(phase)没有转段条件；请加上含“require”和“signed_by”的“gate”")
    }

    public static func noTasksListed(phase: Message) -> Message {
        Message(
            en: "\(phase) lists no task",
            zh: "\(phase)没有列出任务")
    }

    public static func noRequiredTask(phase: Message) -> Message {
        Message(
            en: "\(phase) has no required task, so its gate is met as soon as the phase starts",
            zh: "\(phase)没有必办任务，阶段一开始即达到转段条件")
    }

    public static func gateNoSigner(phase: Message) -> Message {
        Message(
            en: "the gate of \(phase) names no role to sign it",
            zh: "\(phase)的转段条件没有指定批准角色")
    }

    public static func duplicateTask(key: Quoted, line: Int) -> Message {
        Message(
            en: "duplicate task key '\(key)' (first at line \(line))",
            zh: "任务键“\(key)”重复（首次出现在第 \(line) 行）")
    }

    public static func unknownMeasure(name: Quoted, declared: Message) -> Message {
        Message(
            en: "unknown measure '\(name)'; declared measures: \(declared)",
            zh: "未知的整改措施“\(name)”；已声明的措施：\(declared)")
    }

    public static func selfVerified(role: Quoted) -> Message {
        Message(
            en: "a task cannot be verified by its own responsible role '\(role)'",
            zh: "任务不能由其责任角色“\(role)”自行验收")
    }

    public static func verifiedByAssistant(role: Quoted) -> Message {
        Message(
            en: "a task cannot be verified by '\(role)', which assists with it",
            zh: "任务不能由协助办理的角色“\(role)”验收")
    }

    public static func unknownPhaseNamed(phase: Quoted, phases: Message) -> Message {
        Message(
            en: "unknown phase '\(phase)'; the phases are \(phases)",
            zh: "未知阶段“\(phase)”；已列出的阶段：\(phases)")
    }

    public static func whatAnIndicator(goal: Quoted) -> Message {
        Message(en: "an indicator of goal '\(goal)'", zh: "整顿目标“\(goal)”的指标")
    }

    public static let whatIndicatorKey = Message(en: "an indicator's key", zh: "指标键名")

    public static func duplicateIndicator(key: Quoted, line: Int) -> Message {
        Message(
            en: "indicator '\(key)' is declared twice (first at line \(line))",
            zh: "指标“\(key)”重复声明（首次在第 \(line) 行）")
    }

    public static func notAJudgement(text: Quoted, judgements: Message) -> Message {
        Message(
            en: "'\(text)' is not a judgement; expected \(judgements)",
            zh: "“\(text)”不是评判方式；应为 \(judgements)")
    }

    public static func notATarget(text: Quoted) -> Message {
        Message(en: "'\(text)' is not a number", zh: "“\(text)”不是数字")
    }

    public static let yesNoHasNoTarget = Message(
        en: "a yes-no indicator has no target: it is met by yes",
        zh: "“是否”类指标没有目标值：答“是”即达标")

    public static func indicatorNeedsTarget(judge: Quoted) -> Message {
        Message(
            en: "an indicator judged '\(judge)' needs a target",
            zh: "按“\(judge)”评判的指标须有目标值（target）")
    }

    public static func notAnIndicatorSource(text: Quoted, sources: Message) -> Message {
        Message(
            en: "'\(text)' is not where a value comes from; expected \(sources)",
            zh: "“\(text)”不是指标数据来源；应为 \(sources)")
    }

    public static let secondSurveyIndicator = Message(
        en: "only one indicator is computed from the satisfaction survey",
        zh: "只能有一个指标由群众满意度测评计算")

    public static func notAnIndicatorRule(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not what a gate asks of the indicators; expected met",
            zh: "“\(text)”不是转段对指标的要求；应为 met")
    }

    public static let whatEvidenceItem = Message(en: "an item of evidence", zh: "佐证材料项")

    public static func evidenceItemTwice(item: Quoted) -> Message {
        Message(en: "'\(item)' is listed twice in the evidence", zh: "佐证材料“\(item)”重复列出")
    }

    public static func notAProduct(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not something a task produces; expected problem_list",
            zh: "“\(text)”不是任务可产出的内容；应为 problem_list")
    }

    public static let noProblemListToBuild = Message(
        en: "the task produces the problem list, but the workflow declares none (problem_list)",
        zh: "任务产出问题清单，但工作流程没有声明问题清单（problem_list）")

    public static let problemListNobodyRecords = Message(
        en: "problem_list.record names no role that records the problems",
        zh: "problem_list.record 没有指定登记问题的角色")

    public static func alreadyResponsible(role: Quoted) -> Message {
        Message(
            en: "'\(role)' is already the responsible role",
            zh: "“\(role)”已是责任角色")
    }

    public static func fixedDateDeadline(rule: Quoted) -> Message {
        Message(
            en: "deadline \(rule) is a fixed date, which cannot be checked against its phase; count from the phase start, as in 10wd",
            zh: "期限 \(rule) 是固定日期，无法对照阶段检查；请从阶段开始计算，如 10wd")
    }

    public static func deadlineAtStart(rule: Quoted) -> Message {
        Message(
            en: "deadline \(rule) falls at the phase start; a task needs time to be done",
            zh: "期限 \(rule) 落在阶段开始之时；任务需要时间完成")
    }

    public static func deadlineAfterPhase(rule: String, phase: Message, length: String) -> Message {
        Message(
            en: "deadline \(rule) falls after the end of \(phase) (planned length \(length))",
            zh: "期限 \(rule) 晚于\(phase)的结束（计划时长 \(length)）")
    }

    public static func deadlineMayAfterPhase(rule: String, phase: Message, length: String, days: Int) -> Message {
        Message(
            en: "deadline \(rule) can fall after the end of \(phase) (planned length \(length), as short as \(days) calendar days)",
            zh: "期限 \(rule) 可能晚于\(phase)的结束（计划时长 \(length)，最短仅 \(days) 个自然日）")
    }

    public static let ackAtIssue = Message(
        en: "after: an acknowledgement reminder at the moment of issue would precede any chance to acknowledge",
        zh: "after：签收提醒不能在下发的同时发出，责任人还来不及签收；请设为大于零的时长，如 1wd")

    public static func reminderAtDeadline(before: Quoted) -> Message {
        Message(
            en: "a reminder \(before) before the deadline falls at the deadline, not before it; overdue tasks belong to 'escalation'",
            zh: "期限前 \(before) 的提醒落在期限当时而非之前；逾期任务归“escalation”处理")
    }

    public static func secondReminder(before: Quoted, line: Int) -> Message {
        Message(
            en: "a second reminder \(before) before the deadline (first at line \(line))",
            zh: "重复的期限前 \(before) 提醒（首次出现在第 \(line) 行）")
    }

    public static func escalationOrder(expected: Int, found: Int) -> Message {
        Message(
            en: "escalation levels are numbered 1, 2, 3 … in order; expected \(expected), found \(found)",
            zh: "督办级别须按 1、2、3 … 顺序编号；应为 \(expected)，实为 \(found)")
    }

    public static func escalationNotLater(level: Int, after: Quoted, previous: Quoted, line: Int) -> Message {
        Message(
            en: "level \(level) is reached \(after) after the deadline, no later than the level before it (\(previous), line \(line))",
            zh: "第\(level)级在逾期 \(after) 后触发，不晚于上一级（\(previous)，第 \(line) 行）")
    }

    public static func noRecipientsNamed(what: Message) -> Message {
        Message(
            en: "\(what) names no recipients",
            zh: "\(what)没有收件人")
    }

    public static func unknownRole(name: Quoted, declared: Message) -> Message {
        Message(
            en: "unknown role '\(name)'; declared roles: \(declared)",
            zh: "未知角色“\(name)”；已声明的角色：\(declared)")
    }

    public static func unknownDependency(task: Quoted) -> Message {
        Message(
            en: "unknown task '\(task)' in depends_on",
            zh: "depends_on 中有未知任务“\(task)”")
    }

    public static func laterPhaseDependency(from: Quoted, to: Quoted) -> Message {
        Message(
            en: "'\(from)' cannot depend on '\(to)', a task of a later phase",
            zh: "“\(from)”不能依赖后续阶段的任务“\(to)”")
    }

    public static func dependencyCycle(cycle: String) -> Message {
        Message(
            en: "dependency cycle: \(cycle)",
            zh: "依赖成环：\(cycle)")
    }

    public static func dueBeforeDependency(from: Quoted, mine: Quoted, to: Quoted, theirs: Quoted) -> Message {
        Message(
            en: "'\(from)' is due (\(mine)) before '\(to)' (\(theirs)), which it depends on",
            zh: "“\(from)”的期限（\(mine)）早于其所依赖的“\(to)”（\(theirs)）")
    }

    public static let whatAWorkflow = Message(
        en: "a workflow",
        zh: "工作流")

    public static let whatTheWorkflow = Message(
        en: "the workflow",
        zh: "工作流")

    public static let whatAConfiguration = Message(
        en: "a configuration",
        zh: "配置")

    public static let whatTheConfiguration = Message(
        en: "the configuration",
        zh: "配置")

    public static let whatACalendar = Message(
        en: "a calendar",
        zh: "工作日历")

    public static let whatTheCalendar = Message(
        en: "the calendar",
        zh: "工作日历")

    public static let whatWorkflowName = Message(
        en: "workflow name",
        zh: "工作流名称")

    public static let whatCalendarName = Message(
        en: "calendar name",
        zh: "日历名称")

    public static func whatItemKey(item: Message) -> Message {
        Message(
            en: "\(item) key",
            zh: "\(item)键")
    }

    public static func whatItemNamed(item: Message, key: String) -> Message {
        Message(
            en: "\(item) '\(key)'",
            zh: "\(item)“\(key)”")
    }

    public static let itemProblemKind = Message(
        en: "problem kind",
        zh: "后进原因类别")

    public static let itemGoal = Message(
        en: "goal",
        zh: "整顿目标")

    public static let itemRole = Message(
        en: "role",
        zh: "角色")

    public static let itemMeasure = Message(
        en: "measure",
        zh: "整改措施")

    public static let whatAPhase = Message(
        en: "a phase",
        zh: "阶段")

    public static let whatPhaseKey = Message(
        en: "phase key",
        zh: "阶段键")

    public static func whatPhaseNamed(key: String) -> Message {
        Message(
            en: "phase '\(key)'",
            zh: "阶段“\(key)”")
    }

    public static func whatPhaseNumber(number: Int) -> Message {
        Message(
            en: "phase \(number)",
            zh: "第\(number)阶段")
    }

    public static func whatGateOf(phase: Message) -> Message {
        Message(
            en: "the gate of \(phase)",
            zh: "\(phase)的转段条件")
    }

    public static let whatATask = Message(
        en: "a task",
        zh: "任务")

    public static let whatTaskKey = Message(
        en: "task key",
        zh: "任务键")

    public static let whatDependsOnEntry = Message(
        en: "depends_on entry",
        zh: "depends_on 条目")

    public static let whatAReminder = Message(
        en: "a reminder",
        zh: "提醒")

    public static let whatAckReminder = Message(
        en: "the acknowledgement reminder",
        zh: "签收提醒")

    public static func whatReminderBefore(before: String) -> Message {
        Message(
            en: "the reminder \(before) before the deadline",
            zh: "期限前 \(before) 的提醒")
    }

    public static let whatAnEscalationLevel = Message(
        en: "an escalation level",
        zh: "督办级别")

    public static func whatEscalationLevel(level: Int) -> Message {
        Message(
            en: "escalation level \(level)",
            zh: "第\(level)级督办")
    }

    public static let whatProgressReport = Message(
        en: "the progress report",
        zh: "进度报告")

    public static let whatProgressRecipients = Message(
        en: "the progress report's recipients",
        zh: "进度报告的收件人")

    public static let whatTheCircular = Message(
        en: "the circular",
        zh: "通报")

    public static let whatCircularRecipients = Message(
        en: "the circular's recipients",
        zh: "通报的收件人")

    public static let whatAYear = Message(
        en: "a year",
        zh: "年份")

    public static func whatYearNamed(year: String) -> Message {
        Message(
            en: "year \(year)",
            zh: "\(year) 年")
    }

    public static let whatDayOrRange = Message(
        en: "a day or range of days",
        zh: "日期或日期范围")

    public static let whatWeekendDay = Message(
        en: "weekend day",
        zh: "周末日")

    public static let whatSendmailWord = Message(
        en: "a word of the sendmail command",
        zh: "sendmail 命令的一项")

    public static let whatRecipient = Message(
        en: "recipient",
        zh: "收件人")

    public static func reportingCycle(chain: Quoted) -> Message {
        Message(
            en: "the chain of supervision runs in a circle: \(chain); escalation must climb to a top",
            zh: "上下级关系构成循环：\(chain)；督办须逐级向上，最终止于最高一级")
    }

    public static func escalationReachOrTo(level: Int) -> Message {
        Message(
            en: "escalation level \(level) needs one of reach (how many steps up) or to (its recipients), not both and not neither",
            zh: "督办第\(level)级须写 reach（向上几级）或 to（收件人）之一，不可都写或都不写")
    }
}

/// A campaign's work and the villages' in one workflow (`scope`).
extension Message {
    public static func notAScope(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a scope; expected village or campaign",
            zh: "“\(text)”不是有效的范围；应为 village（每村一份）或 campaign（全镇一次）")
    }

    public static func campaignRoleReportsToVillage(role: Quoted, above: Quoted) -> Message {
        Message(
            en: "'\(role)' is the township's role and cannot report to '\(above)', a village's",
            zh: "“\(role)”是镇级角色，其上级不能是村级角色“\(above)”")
    }

    public static func campaignTaskVillageRole(role: Quoted) -> Message {
        Message(
            en: "a campaign's task is the township's work; '\(role)' is a village's role",
            zh: "全镇一次的任务由镇里承办，“\(role)”是村级角色")
    }

    public static let campaignTaskBuildsProblemList = Message(
        en: "a campaign's task cannot build a problem list: each village keeps its own",
        zh: "全镇一次的任务不能建立问题清单：问题清单按村建立")

    public static let villageTaskWaitsForVillages = Message(
        en: "only a campaign's task (scope: campaign) waits for the villages",
        zh: "只有全镇一次的任务（scope: campaign）才能等待各村进度")

    public static func campaignTaskDependsOnVillage(from: Quoted, to: Quoted) -> Message {
        Message(
            en: "'\(from)' is done once for the campaign and cannot wait for '\(to)', which each village does",
            zh: "“\(from)”全镇只办一次，不能以各村分别办理的“\(to)”为前提")
    }
}

extension Message {
    public static func notAPercent(text: Quoted) -> Message {
        Message(en: "'\(text)' is not a share; write a whole percent from 1% to 100%", zh: "“\(text)”不是有效的比例；请写1%到100%之间的整数百分比")
    }

    public static func campaignRoleAnswerable(role: Quoted) -> Message {
        Message(
            en: "role '\(role)' is the township's; only a village's roles answer for a village in the assessment",
            zh: "角色“\(role)”是镇级角色；考核中只有村级角色对本村负责")
    }

    public static func notPoints(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a number of points; write a number from 0 to 1000 with at most two decimals, as in 0.5",
            zh: "“\(text)”不是有效的分值；请写0到1000之间、最多两位小数的数，如0.5")
    }

    public static func notHolders(text: Quoted) -> Message {
        Message(
            en: "'\(text)' is not a number of holders; write one or several", zh: "“\(text)”不是有效的人数；请写 one（一人）或 several（多人）")
    }
}
