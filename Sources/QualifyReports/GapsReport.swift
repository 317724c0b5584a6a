import Foundation
import QualifyKit
import QualifyStore

/// `qualify review gaps`: each opportunity on two lines, what it is and what
/// is missing, so the manager knows which conversation to coach.
public final class GapsReport {
    private let sink: ReportSink
    private let style: ReportStyle
    private let json: Bool
    private var count = 0
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public init(sink: ReportSink, style: ReportStyle, json: Bool) {
        self.sink = sink
        self.style = style
        self.json = json
    }

    public func add(_ entry: Qualification) throws {
        count += 1
        if json {
            let object = String(decoding: try encoder.encode(GapRecord(entry)), as: UTF8.self)
            return try sink.write(JSONText.beforeElement(count) + object)
        }
        let details = [entry.account, entry.stage, entry.rep].compactMap { $0 }.joined(separator: " · ")
        try sink.write(style.bold(entry.opportunity) + (entry.isDemo ? " [demo]" : "") + "  " + style.dim(details) + "\n")
        try sink.write("  missing: " + Self.describe(entry).joined(separator: "; ") + "\n")
    }

    /// `anyOpen`: whether the pipeline has an open opportunity at all.
    public func finish(anyOpen: Bool) throws {
        if json { return try sink.write(JSONText.arrayEnd(count: count)) }
        if count == 0 && !anyOpen {
            try sink.write("No open opportunities yet. Add one with: qualify opportunity add NAME --account ACCOUNT\n")
        } else if count == 0 {
            try sink.write("Every open opportunity is fully qualified, with a sponsor letter.\n")
        } else {
            try sink.write(style.dim("\(count) open \(count == 1 ? "opportunity" : "opportunities") to coach, worst first") + "\n")
        }
    }

    static func describe(_ entry: Qualification) -> [String] {
        entry.gaps.map { gap in
            switch gap {
            case .missing(.pain): entry.counts[.problem] > 0 ? "no pain admitted (problem only)" : "no pain admitted"
            case .missing(.problem): "no problem either"
            case .missing(let field): "no \(field.rawValue)"
            case .fewCapabilities: "\(entry.counts[.capabilities]) of \(Field.capabilityTarget) capabilities"
            case .noLetter: "no sponsor letter drafted yet"
            }
        }
    }
}

/// One opportunity in `review gaps --format json`, every key always present:
/// a count per field under its `countName` ("pains", "reasons").
private struct GapRecord: Encodable {
    let entry: Qualification

    init(_ entry: Qualification) { self.entry = entry }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(entry.opportunity, forKey: JSONKey("opportunity"))
        try c.encode(entry.account, forKey: JSONKey("account"))
        try c.encode(entry.stage, forKey: JSONKey("stage"))
        try c.encode(entry.rep, forKey: JSONKey("rep"))
        try c.encode(entry.isDemo, forKey: JSONKey("demo"))
        try c.encode(GapsReport.describe(entry), forKey: JSONKey("missing"))
        try c.encode(entry.gaps.map(\.name), forKey: JSONKey("gaps"))
        for field in Field.allCases {
            try c.encode(entry.counts[field], forKey: JSONKey(field.countName))
        }
    }
}
