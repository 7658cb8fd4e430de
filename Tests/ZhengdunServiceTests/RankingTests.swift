import Testing

@testable import ZhengdunService

@Suite("The ranking's places")
struct RankingTests {
    @Test("Scores sorted highest first take places 1, 2, 3 …; equal scores share a place and the next is skipped")
    func sharedRanks() {
        #expect(Service.ranks([]) == [])
        #expect(Service.ranks([90]) == [1])
        #expect(Service.ranks([90, 80, 70]) == [1, 2, 3])
        #expect(Service.ranks([90, 80, 80, 70]) == [1, 2, 2, 4])
        #expect(Service.ranks([50, 50, 50]) == [1, 1, 1])
        #expect(Service.ranks([100, 62.03, 62.03, 0, 0]) == [1, 2, 2, 4, 4])
    }
}
