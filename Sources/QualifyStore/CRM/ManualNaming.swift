import QualifyKit

/// The manual's way to make a taken name free, one rule for a CSV import's
/// `--on-duplicate rename` and for `import all` merging two reps' deals.
enum ManualNaming {
    /// A deal: the account name added ("System Assessment - Nissan Motors"),
    /// then the close date, then a number. A name that already holds the
    /// account's skips that step.
    static func freeDealName(_ name: String, account: String, closeDate: CalendarDay?,
                             isTaken: (String) throws -> Bool) rethrows -> String {
        let withAccount = name.localizedCaseInsensitiveContains(account) || account.isEmpty ? name : "\(name) - \(account)"
        var candidates = [withAccount]
        if let closeDate { candidates.append("\(withAccount) - \(closeDate)") }
        for candidate in candidates where candidate != name {
            if try !isTaken(candidate) { return candidate }
        }
        return try numbered(candidates.last!, isTaken: isTaken)
    }

    /// An account, or a deal whose other steps are taken: "Acme Corp (2)", "(3)"…
    static func numbered(_ name: String, isTaken: (String) throws -> Bool) rethrows -> String {
        var number = 2
        while try isTaken("\(name) (\(number))") { number += 1 }
        return "\(name) (\(number))"
    }
}
