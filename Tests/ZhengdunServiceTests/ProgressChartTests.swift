import Foundation
import Testing

@testable import ZhengdunService

@Suite("The progress chart's numbers")
struct ProgressChartTests {
    @Test("Coordinates are written to one decimal exactly as printf's %.1f writes them, ties and negatives included")
    func oneDecimal() {
        var values: [Double] = [
            0, -0.0, 0.04, -0.04, 0.05, 0.15, 0.25, 0.35, 0.45, 0.95, 9.95, 1.25, 2.5, -0.25, -1.05, 99.95, 1e6 + 0.05, 123_456.789,
            3.0 / 7, 1e20, -1e16,
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 { values.append(Double.random(in: -2_000...2_000, using: &generator)) }
        for tenths in -20_000...20_000 { values.append(Double(tenths) / 10 + 0.05) }
        for value in values {
            #expect(ProgressChart.oneDecimal(value) == String(format: "%.1f", value), "\(value)")
        }
    }
}
