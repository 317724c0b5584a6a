import Foundation
import QualifyKit

/// letters/letters.yaml: the letter types (one line each) and the quotation
/// marks of each language. A type's templates are NAME.txt|md|html.mustache.
public struct LetterCatalog: Decodable, Sendable {
    public struct LetterType: Decodable, Sendable {
        /// Which contact of the opportunity it goes to.
        public var to: SponsorLetter.Recipient
        public var language: String
        public var subject: String
    }

    public var letters: [String: LetterType]
    public var quotationMarks: [String: [[String]]]

    /// The language's pairs; a language without marks (or a malformed pair) is an error that names it.
    public func marks(for language: String, origin: String) throws(CommandFailure) -> QuotationMarks {
        guard let pairs = quotationMarks[language] else {
            throw CommandFailure("\(origin) has no quotationMarks for language \(language); add a line like \(language): [[\"“\", \"”\"], [\"‘\", \"’\"]]")
        }
        var result: [QuotationMarks.Pair] = []
        for pair in pairs {
            guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else {
                throw CommandFailure("\(origin): quotationMarks \(language) needs pairs of two marks, like [\"“\", \"”\"]")
            }
            result.append(QuotationMarks.Pair(open: pair[0], close: pair[1]))
        }
        return QuotationMarks(pairs: result)
    }
}

extension PromptLibrary {
    public static let letterCatalogPath = "letters/letters.yaml"

    public func letterCatalog() throws(CommandFailure) -> LetterCatalog {
        let (text, origin) = try file(Self.letterCatalogPath)
        do {
            return try YAMLDocument.decode(LetterCatalog.self, from: text)
        } catch {
            throw CommandFailure("\(origin) is not a valid letter list: \(YAMLProblem.describe(error))")
        }
    }

    /// The letter type's template of one family, with its language's quotation marks.
    public func letter(_ type: String, family: TemplateFamily = .text) throws(CommandFailure) -> SponsorLetter {
        let catalog = try letterCatalog()
        guard let entry = catalog.letters[type] else {
            throw CommandFailure("no letter type \(type); the types are \(catalog.letters.keys.sorted().joined(separator: ", ")) (letters/letters.yaml)")
        }
        let path = "letters/\(type).\(family.rawValue).mustache"
        let (text, origin) = try file(path)
        let marks = try catalog.marks(for: entry.language, origin: Self.letterCatalogPath)
        return try SponsorLetter(template: text, name: origin, family: family, subject: entry.subject, marks: marks)
    }
}
