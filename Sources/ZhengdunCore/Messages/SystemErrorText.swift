import Foundation

extension Message {
    /// A system call's failure (`errno`) as the reader reads it: the C library's sentence in
    /// English (`No such file or directory`), and in Chinese the office's plain words for the
    /// failures people meet (a missing file, a refused permission, a daemon not listening), the
    /// C library's sentence only for the rare rest.
    public static func systemError(_ code: Int32) -> Message {
        let english = String(cString: strerror(code))
        let chinese: String
        switch code {
        case ENOENT: chinese = "文件或目录不存在"
        case EACCES, EPERM: chinese = "没有权限"
        case ENOTDIR: chinese = "路径中有一项不是目录"
        case EISDIR: chinese = "是目录，不是文件"
        case EEXIST: chinese = "已经存在"
        case ENOSPC: chinese = "磁盘空间不足"
        case EROFS: chinese = "文件系统只读"
        case ECONNREFUSED: chinese = "连接被拒绝，没有守护进程在监听"
        case ECONNRESET, EPIPE: chinese = "连接已被对方断开"
        case ETIMEDOUT: chinese = "连接超时"
        case ENOEXEC: chinese = "不是可执行的程序"
        default: chinese = english
        }
        return .perLanguage(en: english, zh: chinese)
    }
}
