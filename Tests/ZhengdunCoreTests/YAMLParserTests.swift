import Testing

@testable import ZhengdunCore

@Suite("YAML documents")
struct YAMLParserTests {
    func parse(_ text: String) throws -> YAMLNode {
        try #require(try YAMLParser.parse(text, file: "t.yaml").get())
    }

    @Test("Every node keeps its line and column, counted in characters, Chinese included")
    func locations() throws {
        let root = try parse("标题: 整顿\nlist:\n  - a\n  - {k: v}\n")
        let pairs = try #require(root.mapping)
        #expect(pairs.map { "\($0.key.location.line):\($0.key.location.column)" } == ["1:1", "2:1"])
        #expect(pairs[0].value.location.column == 5)
        let items = try #require(pairs[1].value.sequence)
        #expect(items.map(\.location.line) == [3, 4])
        #expect(items[1].mapping?[0].value.location.column == 9)
    }

    @Test("Scalars stay text: 09:00, no and 010 are not turned into numbers or booleans")
    func scalarsStayText() throws {
        let root = try parse("at: 09:00\nflag: no\nn: 010\nq: '1'\nnull: ~\n")
        let values = try #require(root.mapping).map(\.value)
        #expect(values.map(\.scalar) == ["09:00", "no", "010", "1", nil])
        if case .scalar(_, let plain) = values[3].content { #expect(!plain) } else { Issue.record("not a scalar") }
        #expect(values[4].isNull)
    }

    @Test("Duplicate keys are kept in order so that the loader can report each one")
    func duplicatesKept() throws {
        let pairs = try #require(try parse("a: 1\na: 2\n").mapping)
        #expect(pairs.map(\.value.scalar) == ["1", "2"])
    }

    @Test("Aliases are expanded; one that names no anchor is refused")
    func aliases() throws {
        let root = try parse("base: &b {x: 1}\ncopy: *b\n")
        #expect(root.mapping?[1].value.mapping?[0].value.scalar == "1")
        guard case .failure(let error) = YAMLParser.parse("copy: *nowhere\n", file: "t.yaml") else {
            Issue.record("accepted an unknown alias")
            return
        }
        #expect(error.message.description.contains("YAML syntax error") || error.message.description.contains("names no anchor"))
    }

    @Test("A document of nested aliases that would expand past the limit is refused")
    func aliasBomb() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        guard case .failure(let error) = YAMLParser.parse(text, file: "t.yaml") else {
            Issue.record("expanded a billion nodes")
            return
        }
        #expect(error.message.description.contains("more than"))
    }

    @Test("Nesting deeper than the limit is refused instead of exhausting the stack")
    func deepNesting() {
        let text = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        guard case .failure(let error) = YAMLParser.parse(text, file: "t.yaml") else {
            Issue.record("accepted 1000 levels")
            return
        }
        #expect(error.message.description.contains("nested deeper"))
    }

    @Test("A syntax error names its line and column")
    func syntaxError() {
        guard case .failure(let error) = YAMLParser.parse("a: 1\nb: [1, 2\n", file: "t.yaml") else {
            Issue.record("accepted an unclosed list")
            return
        }
        #expect(error.location.file == "t.yaml")
        #expect(error.location.line == 3)
        #expect(error.message.description.hasPrefix("YAML syntax error"))
    }
}
