import Testing

extension Tag {
    /// Runs the built `zhengdun` or `zhengdund` as a process: every suite of this target.
    /// `swift test --skip zhengdunTests` leaves them out (see CONTRIBUTING.md).
    @Tag static var endToEnd: Self
    /// Benchmark-sized: thousands of notices or connections, or tens of megabytes.
    @Tag static var large: Self
}
