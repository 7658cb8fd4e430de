/// The evidence a task of the workflow asks for (会议记录、签到表、照片、方案文本 …) against what
/// was handed in. A file answers an item when its name holds the item's words, as offices name
/// their files (`党员大会会议记录.jpg` answers 会议记录); letters are compared without case and
/// without spaces.
public enum EvidenceChecklist {
    /// The items of `listed` that no file of `handedIn` (names) answers, in the order listed.
    public static func missing(_ listed: [String], handedIn: [String]) -> [String] {
        let names = handedIn.map(folded)
        return listed.filter { item in
            let wanted = folded(item)
            return !names.contains { $0.contains(wanted) }
        }
    }

    private static func folded(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }
}
