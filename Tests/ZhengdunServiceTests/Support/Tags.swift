import Testing

extension Tag {
    /// Runs real parts on the real clock (a Dispatch timer firing at its instant).
    @Tag static var endToEnd: Self
    /// Benchmark-sized: thousands of messages, or tens of megabytes.
    @Tag static var large: Self
}
