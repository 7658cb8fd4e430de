/// What a plan, a task or a person is, as lines of what the command line shows.
extension Message {
    public static func workflowFact(key: String, version: String, title: String, source: String) -> Message {
        Message(
            en: "\(key) v\(version) (\(title)), from \(source)",
            zh: "\(title)（第\(version)版），来自 \(source)")
    }

    public static func stateFact(title: String, state: String) -> Message {
        Message(
            en: "\(title) (\(state))",
            zh: "\(title)")
    }

    public static func submittedBy(time: String, person: String) -> Message {
        Message(
            en: "\(time) by \(person)",
            zh: "\(time)，由 \(person) 报送")
    }

    public static func personAdded(person: String, name: String, email: String) -> Message {
        Message(
            en: "added \(person) \(name) <\(email)>",
            zh: "已添加 \(person) \(name) <\(email)>")
    }

    public static func planCreated(plan: String, village: String, workflow: String, version: String) -> Message {
        Message(
            en: "created P\(plan): \(village), \(workflow) v\(version), draft; launch it with: zhengdun plan advance P\(plan)",
            zh: "已创建方案 P\(plan)（\(village)），现为草稿；启动方案：zhengdun plan advance P\(plan)")
    }

    public static func taskStateBoth(state: String, chinese: String) -> Message {
        Message(
            en: "\(state) \(chinese)",
            zh: "\(chinese)")
    }

    public static func inspectionRecorded(inspection: String, plan: String, phase: Message) -> Message {
        Message(
            en: "recorded inspection #\(inspection) of P\(plan) in phase \(phase)",
            zh: "已记录对 P\(plan) 的督查 #\(inspection)（\(phase)）")
    }
}
