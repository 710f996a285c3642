import ProgrammeRules
import WorkCalendar

let calendar = WorkCalendar.official

/// A date from a literal known to be valid.
func ymd(_ text: String) -> LocalDate {
    guard let date = LocalDate(text) else { fatalError("bad test date \(text)") }
    return date
}

/// The 2026 call: open 1 Mar – close 31 Mar, review from 20 Apr, notice from 1 Jun.
func sampleCall(_ state: CallState = .draft) -> Call {
    Call(
        year: 2026, state: state,
        dates: CallDates(open: ymd("2026-03-01"), close: ymd("2026-03-31"), review: ymd("2026-04-20"), notice: ymd("2026-06-01")),
        specials: [
            .outstandingScientist: SpecialConfiguration(quota: 10, lumpSumYuan: 1_000_000),
            .youngTopTalent: SpecialConfiguration(quota: 50, lumpSumYuan: 300_000),
            .demonstrationTeam: SpecialConfiguration(quota: 5, reviewersPerApplication: 5, lumpSumYuan: 2_000_000),
        ])
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }

    var success: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}
