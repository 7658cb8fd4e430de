import Foundation
import ZhengdunCore
import ZhengdunService

/// A deadline calendar as iCalendar (RFC 5545), for Outlook, Thunderbird, phones: one VEVENT
/// per deadline with a VALARM per reminder, in the deployment's timezone.
///
/// The VTIMEZONE is written from the zone's offset at the time of the export with no rules
/// for summer time: right for Asia/Shanghai and every zone without summer time (China has
/// had none since 1991). For a zone that does change its offset, times are written in UTC
/// instead, which every program reads correctly, and no VTIMEZONE.
struct ICalendar {
    let zone: TimeZone

    static let productID = "-//zhengdun//zhengdun calendar export//ZH"

    func document(_ calendar: DeadlineCalendar) -> String {
        let fixedOffset =
            zone.nextDaylightSavingTimeTransition(after: calendar.at) == nil && !zone.isDaylightSavingTime(for: calendar.at)
            ? zone.secondsFromGMT(for: calendar.at) : nil
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:\(Self.productID)", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:\(Self.text(calendar.name))",
        ]
        if let fixedOffset {
            lines += [
                "X-WR-TIMEZONE:\(zone.identifier)", "BEGIN:VTIMEZONE", "TZID:\(zone.identifier)", "BEGIN:STANDARD",
                "DTSTART:19700101T000000", "TZOFFSETFROM:\(Self.offset(fixedOffset))", "TZOFFSETTO:\(Self.offset(fixedOffset))",
            ]
            if let name = zone.abbreviation(for: calendar.at) { lines.append("TZNAME:\(Self.text(name))") }
            lines += ["END:STANDARD", "END:VTIMEZONE"]
        }
        for event in calendar.events {
            lines += self.event(event, stamp: calendar.at, local: fixedOffset != nil)
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    private func event(_ event: DeadlineEvent, stamp: Date, local: Bool) -> [String] {
        let task = event.task
        let done = task.state.isAwaitingAssignee ? "" : "【\(task.state.chineseName)】"
        let summary = "\(done)T\(task.id) \(task.title)（\(task.village)）"
        // What a calendar program shows is read by a person: one language, the reader's, with
        // dates and rules as docs/style.md writes them.
        let language = Language.current
        func when(_ date: Date) -> String {
            language == .zh ? zone.localDateTime(date).prose(in: language) : zone.localDateTime(date).description
        }
        let rule = (try? DeadlineRule.parse(event.deadlineRule)).map { $0.prose(in: language) } ?? event.deadlineRule
        var deadline = say(.calendarDeadlineLine(deadline: "\(when(task.deadline))", rule: "\(rule)"))
        if event.originalDeadline != task.deadline {
            deadline = say(.calendarOriginally(deadline: "\(deadline)", original: "\(when(event.originalDeadline))"))
        }
        let description =
            (event.description.map { [$0, ""] } ?? []) + [
                say(.calendarPlanLine(plan: "\(task.plan)", village: "\(task.village)", phase: "\(event.phaseTitle)")),
                say(.calendarAssigneeLine(name: "\(task.assigneeName)", person: "\(task.assignee)")),
                say(.calendarStateLine(state: "\(Render.state(task.state))")),
                deadline,
                say(.calendarShowLine(command: "zhengdun task show T\(task.id)")),
            ]
        var lines = [
            "BEGIN:VEVENT", "UID:\(Self.text(event.uid))", "SEQUENCE:\(event.sequence)", "DTSTAMP:\(Self.utc(stamp))",
            local ? "DTSTART;TZID=\(zone.identifier):\(wall(task.deadline))" : "DTSTART:\(Self.utc(task.deadline))",
            "SUMMARY:\(Self.text(summary))", "DESCRIPTION:\(Self.text(description.joined(separator: "\n")))",
            "TRANSP:TRANSPARENT",
        ]
        for alarm in event.alarms {
            lines += [
                "BEGIN:VALARM", "ACTION:DISPLAY",
                "DESCRIPTION:"
                    + Self.text(
                        say(
                            .calendarAlarm(task: "\(task.id)", title: "\(task.title)", before: "\(alarm.before.prose(in: language))"))),
                "TRIGGER;VALUE=DATE-TIME:\(Self.utc(alarm.at))", "END:VALARM",
            ]
        }
        lines.append("END:VEVENT")
        return lines
    }

    /// `20260304T180000`: the wall time here.
    private func wall(_ date: Date) -> String {
        Self.stamp(zone.localDateTime(date))
    }

    /// `20260304T100000Z`: UTC, as DTSTAMP and absolute alarm triggers must be.
    static func utc(_ date: Date) -> String {
        stamp(TimeZone(identifier: "UTC")!.localDateTime(date)) + "Z"
    }

    private static func stamp(_ local: LocalDateTime) -> String {
        String(format: "%04d%02d%02dT%02d%02d00", local.date.year, local.date.month, local.date.day, local.time.hour, local.time.minute)
    }

    /// `+0800`.
    static func offset(_ seconds: Int) -> String {
        (seconds < 0 ? "-" : "+") + String(format: "%02d%02d", abs(seconds) / 3600, abs(seconds) / 60 % 60)
    }

    /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, a line break
    /// as `\n`, other control characters left out.
    static func text(_ value: String) -> String {
        var escaped = ""
        for scalar in value.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar {
            case "\\", ";", ",": escaped += "\\" + String(scalar)
            case "\n", "\r": escaped += "\\n"
            case "\t": escaped.unicodeScalars.append(scalar)
            default: if scalar.properties.generalCategory != .control { escaped.unicodeScalars.append(scalar) }
            }
        }
        return escaped
    }

    /// A content line folded at 75 octets (RFC 5545 §3.1): each further part on a line of its
    /// own after a space, and never in the middle of a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var folded = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let width = UTF8.width(scalar)
            if octets + width > 75 {
                folded += "\r\n "
                octets = 1
            }
            folded.unicodeScalars.append(scalar)
            octets += width
        }
        return folded
    }
}
