import Testing

extension Tag {
    /// Benchmark-sized: thousands of messages, or tens of megabytes.
    @Tag static var large: Self
}
