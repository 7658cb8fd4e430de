import ZhengdunCore

/// A database that cannot be used, and why.
extension Message {
    public static func notAZhengdunDatabase(path: String, detail: String) -> Message {
        Message(
            en: "\(path) is not a zhengdun database (\(detail))",
            zh: "\(path) 不是 zhengdun 数据库（\(detail)）")
    }

    public static func databaseReadOnly(path: String) -> Message {
        Message(
            en: "cannot write \(path): the database is read-only",
            zh: "无法写入 \(path)：数据库为只读")
    }

    public static func cannotOpenDatabase(path: String, detail: String) -> Message {
        Message(
            en: "cannot open database \(path): \(detail)",
            zh: "无法打开数据库 \(path)：\(detail)")
    }

    public static func databaseBusy(path: String) -> Message {
        Message(
            en: "the database \(path) is busy; try again",
            zh: "数据库 \(path) 正忙，请重试")
    }

    public static func databaseDamaged(path: String, detail: String) -> Message {
        Message(
            en: "the database \(path) is damaged (\(detail))",
            zh: "数据库 \(path) 已损坏（\(detail)）")
    }

    public static func diskFull(path: String) -> Message {
        Message(
            en: "cannot write \(path): the disk is full",
            zh: "无法写入 \(path)：磁盘已满")
    }

    public static func databaseError(path: String, detail: String) -> Message {
        Message(
            en: "database error in \(path): \(detail)",
            zh: "数据库 \(path) 出错：\(detail)")
    }

    public static func foreignDatabase(path: String, tables: Message) -> Message {
        Message(
            en: "\(path) is an SQLite database, but not zhengdun's (it holds \(tables))",
            zh: "\(path) 是 SQLite 数据库，但不是 zhengdun 的（其中有 \(tables)）")
    }

    public static func newerDatabase(path: String, migrations: String) -> Message {
        Message(
            en: "\(path) was written by a newer zhengdun (unknown migrations: \(migrations))",
            zh: "\(path) 由更新版本的 zhengdun 写入（未知的迁移：\(migrations)）")
    }

    public static func noDatabaseAt(path: String) -> Message {
        Message(
            en: "there is no database at \(path)",
            zh: "\(path) 处没有数据库")
    }

    public static func storedDateUnreadable(record: String, column: String, value: String) -> Message {
        Message(
            en: "\(record) in the database has \(column) '\(value)', which is not a date (YYYY-MM-DD)",
            zh: "数据库中 \(record) 的 \(column) 为“\(value)”，不是日期（YYYY-MM-DD）")
    }

    public static func storedWordUnreadable(record: String, column: String, value: String) -> Message {
        Message(
            en: "\(record) in the database has \(column) '\(value)', which zhengdun does not know",
            zh: "数据库中 \(record) 的 \(column) 为“\(value)”，无法识别")
    }
}
