import ZhengdunCore

/// Arguments that are not UTF-8, and output files that may not be written.
extension Message {
    static func inputArgumentNotUTF8(index: Int, byte: String, offset: Int) -> Message {
        Message(
            en: "argument \(index) is not UTF-8 text (byte \(byte) at offset \(offset)); check the terminal's encoding",
            zh: "第 \(index) 个命令行参数不是 UTF-8 文本（第 \(offset) 字节为 \(byte)），请检查终端编码")
    }

    static func outputNotRegularFile(path: String, kind: Message) -> Message {
        Message(
            en: "cannot write \(path): it is not a regular file (\(kind)); choose another file name",
            zh: "不能写入 \(path)：不是普通文件（\(kind)），请另选一个文件名")
    }

    static func outputIsSymlink(path: String) -> Message {
        Message(
            en: "cannot write \(path): it is a symbolic link; name the file itself",
            zh: "不能写入 \(path)：这是一个符号链接，请写明实际文件的路径")
    }

    static func outputOwnedByOther(path: String, owner: Int) -> Message {
        Message(
            en: "cannot write \(path): it belongs to another user (uid \(owner)) and replacing it would change its owner",
            zh: "不能写入 \(path)：该文件属于另一用户（uid \(owner)），覆盖会改变其属主")
    }

    static let outputKindDevice = Message(
        en: "a device",
        zh: "设备")

    static let outputKindDirectory = Message(
        en: "a directory",
        zh: "目录")

    static let outputKindOther = Message(
        en: "a pipe, socket or other special file",
        zh: "管道、套接字或其他特殊文件")
}
