import Testing

@testable import ZhengdunCore

@Suite("Local dates")
struct LocalDateTests {
    @Test(
        "A date is YYYY-MM-DD in ASCII digits and reads back as written",
        arguments: ["2026-03-02", "2024-02-29", "0001-01-01", "9999-12-31"])
    func readsBack(_ text: String) throws {
        #expect(try LocalDate.parse(text).description == text)
    }

    @Test(
        "Anything else is not a date",
        arguments: [
            "", "2026-3-02", "2026-03-2", "26-03-02", "2026/03/02", "2026-03-02 ", " 2026-03-02",
            "２０２６-03-02", "2026-0a-02", "2026-03-02x", "2026--3-02", "20260-3-02",
        ])
    func notADate(_ text: String) {
        #expect(throws: ParseFailure.self) { try LocalDate.parse(text) }
        #expect((try? LocalDate.parse(text)) == nil)
        do { _ = try LocalDate.parse(text) } catch { #expect(error.message == .notADate(text: Quoted(text))) }
    }

    @Test("A date that is not on the calendar says so", arguments: ["2026-02-29", "2026-13-01", "2026-04-31", "2026-00-10", "2026-01-00"])
    func notACalendarDay(_ text: String) {
        do { _ = try LocalDate.parse(text); Issue.record("\(text) parsed") } catch {
            #expect(error.message == .notACalendarDay(text: Quoted(text)))
        }
    }
}
