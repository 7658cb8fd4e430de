import CXLSXWriter
import Foundation

/// A spreadsheet workbook (.xlsx) as an office keeps its ledgers (台账): a sheet per ledger, a
/// bold header row that stays in view (frozen), columns as wide as their Chinese text, dates as
/// dates a spreadsheet can sort and filter. Written by libxlsxwriter.
public struct Workbook: Sendable {
    /// One cell's value.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        /// A local date and time (the deployment's), shown as 2026年3月5日 18:00.
        case dateTime(year: Int, month: Int, day: Int, hour: Int, minute: Int)
        case empty
    }

    /// A sheet: its name, its header and its rows.
    public struct Sheet: Sendable {
        public var name: String
        public var header: [String]
        public var rows: [[Cell]]

        public init(name: String, header: [String], rows: [[Cell]]) {
            self.name = name
            self.header = header
            self.rows = rows
        }
    }

    public var sheets: [Sheet]

    public init(sheets: [Sheet]) { self.sheets = sheets }

    /// The number format of dates: as a Chinese document writes them.
    static let dateFormat = "yyyy\"年\"m\"月\"d\"日\" hh:mm"

    /// The workbook's bytes. libxlsxwriter writes a file, so it is written in a folder of its
    /// own under the system's temporary folder and read back.
    public func data() throws(WorkbookError) -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhengdun-xlsx-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WorkbookError("cannot make a temporary folder for the workbook: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.xlsx").path
        try write(to: path, temporaryFolder: folder.path)
        guard let data = FileManager.default.contents(atPath: path) else { throw WorkbookError("the workbook was not written") }
        return data
    }

    private func write(to path: String, temporaryFolder: String) throws(WorkbookError) {
        var failure: WorkbookError?
        temporaryFolder.withCString { tmpdir in
            var options = lxw_workbook_options(constant_memory: 0, tmpdir: UnsafeMutablePointer(mutating: tmpdir), use_zip64: 0)
            guard let workbook = workbook_new_opt(path, &options) else {
                failure = WorkbookError("cannot start a workbook at \(path)")
                return
            }
            let header = workbook_add_format(workbook)
            format_set_bold(header)
            format_set_bg_color(header, 0xDDEBF7)
            format_set_border(header, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_text_wrap(header)
            let date = workbook_add_format(workbook)
            format_set_num_format(date, Self.dateFormat)
            let text = workbook_add_format(workbook)
            format_set_text_wrap(text)
            for sheet in sheets {
                guard let worksheet = workbook_add_worksheet(workbook, Self.sheetName(sheet.name)) else {
                    failure = WorkbookError("cannot add the sheet \(sheet.name)")
                    continue
                }
                for (column, title) in sheet.header.enumerated() {
                    worksheet_write_string(worksheet, 0, lxw_col_t(column), title, header)
                }
                for (index, row) in sheet.rows.enumerated() {
                    let line = lxw_row_t(index + 1)
                    for (column, cell) in row.enumerated() {
                        let at = lxw_col_t(column)
                        switch cell {
                        case .text(let value): worksheet_write_string(worksheet, line, at, value, value.contains("\n") ? text : nil)
                        case .number(let value): worksheet_write_number(worksheet, line, at, value, nil)
                        case .dateTime(let year, let month, let day, let hour, let minute):
                            var moment = lxw_datetime(
                                year: Int32(year), month: Int32(month), day: Int32(day), hour: Int32(hour), min: Int32(minute), sec: 0)
                            worksheet_write_datetime(worksheet, line, at, &moment, date)
                        case .empty: break
                        }
                    }
                }
                for (column, width) in Self.widths(sheet).enumerated() {
                    worksheet_set_column(worksheet, lxw_col_t(column), lxw_col_t(column), width, nil)
                }
                // The header stays in view and filters its columns.
                worksheet_freeze_panes(worksheet, 1, 0)
                if !sheet.header.isEmpty {
                    worksheet_autofilter(worksheet, 0, 0, lxw_row_t(sheet.rows.count), lxw_col_t(sheet.header.count - 1))
                }
            }
            let closed = workbook_close(workbook)
            if closed != LXW_NO_ERROR, failure == nil {
                failure = WorkbookError("cannot write the workbook: \(String(cString: lxw_strerror(closed)))")
            }
        }
        if let failure { throw failure }
    }

    /// Each column as wide as its longest line, a Chinese character counting two (as a
    /// spreadsheet measures them), between 6 and 60; dates 18.
    static func widths(_ sheet: Sheet) -> [Double] {
        sheet.header.indices.map { column in
            var widest = displayWidth(sheet.header[column])
            for row in sheet.rows where column < row.count {
                switch row[column] {
                case .text(let value): widest = max(widest, value.split(separator: "\n").map { displayWidth(String($0)) }.max() ?? 0)
                case .number(let value): widest = max(widest, String(value).count)
                case .dateTime: widest = max(widest, 18)
                case .empty: break
                }
            }
            return Double(min(60, max(6, widest + 2)))
        }
    }

    /// Columns a text takes: two for each wide (East Asian) character, one for the others.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let value = scalar.value
            let wide =
                (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
            return width + (wide ? 2 : 1)
        }
    }

    /// A sheet name Excel takes: at most 31 characters, none of []:*?/\.
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.filter { !"[]:*?/\\".unicodeScalars.contains($0) }.map(Character.init))
        return String(cleaned.prefix(31))
    }
}

/// A workbook that could not be written, said in one line.
public struct WorkbookError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
