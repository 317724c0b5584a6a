/// The words of the interview: questions, probes, help and the manual's
/// examples. Loaded from Prompts/interview.yaml so that sales enablement can
/// change the wording without touching code.
public struct InterviewScript: Codable, Equatable, Sendable {
    public struct FieldScript: Codable, Equatable, Sendable {
        /// Asked when the field has no answer yet.
        public var question: String
        /// Asked for the second and later items of a list ("{n}" is the item number,
        /// "{target}" the method's number of capabilities).
        public var more: String?
        /// Shown by /help: what the field means and how to get the buyer to say it.
        public var help: String
        /// The manual's example answer.
        public var example: String?

        public init(question: String, more: String? = nil, help: String, example: String? = nil) {
            self.question = question
            self.more = more
            self.help = help
            self.example = example
        }
    }


    /// What the interview says when the rep's input does not fit the
    /// moment. `{name}` marks a value filled in when it is said.
    public struct Messages: Codable, Equatable, Sendable {
        /// An answer or list command typed once every question was visited.
        public var complete: String
        /// An answer over the size limit: {bytes}, {limit}.
        public var tooLong: String
        /// /back at the first question.
        public var firstQuestion: String
        /// /done at a question that is no list: {title}.
        public var doneOutsideList: String
        /// Enter at a question with nothing stored: {title}.
        public var blankAnswer: String
        /// /edit FIELD N on an empty list: {title}, {field}.
        public var noItemsYet: String
        /// /edit FIELD N past the last item: {title}, {field}, {items} ("2 items"), {count}.
        public var noSuchItem: String
        /// The question when an item of a list is replaced: {item} ("Reason"), {n}.
        public var replaceItem: String

        // What the driver shows around the questions (InterviewOutput, Transcript);
        // interview.yaml says what each one fills in.
        public var opened: String
        public var openingHint: String
        public var storedNow: String
        public var summary: String
        public var nothingCaptured: String
        public var notCaptured: String
        public var howToAsk: String
        public var manualExample: String
        public var helpCommands: String
        public var completeCommands: String
        /// Instead of completeCommands when fields have no answer: {fields} (titles), {field} (the first one's name).
        public var incompleteCommands: String
        /// The prompt once every field is answered (not the home's `qualify> `).
        public var completePrompt: String
        public var fieldSet: String
        public var noProbes: String
        public var probe: String
        public var coach: String
        public var askNext: String
        public var moreProbes: String
        public var confirm: String
        public var saved: String
        public var notSaved: String
        public var keptHereOne: String
        public var keptHereMany: String
        public var savedNoneWaiting: String
        public var savedOneWaiting: String
        public var savedManyWaiting: String
        public var recoveredOne: String
        public var recoveredMany: String
        public var storeRecovered: String
        public var keptForLaterOne: String
        public var keptForLaterMany: String
        public var keptNowhereOne: String
        public var keptNowhereMany: String
        public var scriptRefused: String
        public var scriptNotSaved: String
        /// After a script's refused line, where the next run starts: {title}, {line}.
        public var nextRunFrom: String
        /// The next run starts elsewhere than the refused line's question: {title}.
        public var nextRunAt: String
        /// Nothing is stored yet: the same input, its line {line} fixed, runs again.
        public var nextRunAgain: String
        public var nextRunComplete: String
        /// A script resuming a deal with answers, before its first answer line: {fields}, {title}, {line}.
        public var resumingOne: String
        public var resumingMany: String
        /// The same, refused for want of --resume: {fields}, {title}.
        public var resumeRefusedOne: String
        public var resumeRefusedMany: String
        public var resumingComplete: String
        public var scriptRecoveredOne: String
        public var scriptRecoveredMany: String
        public var coachFallback: String
        public var controlCharacter: String
        public var letterNotSaved: String
        public var letterNotDrafted: String
        // The record, as `opportunity show`, `set` and /opportunity print it.
        public var demoData: String
        public var accountLabel: String
        public var amountLabel: String
        public var closeDateLabel: String
        public var stageLabel: String
        public var probabilityLabel: String
        public var nextMilestoneLabel: String
        public var ownerLabel: String
        public var leadSourceLabel: String
        public var sponsorLabel: String
        public var powerSponsorLabel: String
        public var descriptionLabel: String
        public var crmIdLabel: String
        public var nameInCRMLabel: String
        /// A closed stage: {stage}, {outcome} (won or lost).
        public var closedStage: String
        // The evaluation plan, as `plan list` and /plan print it.
        /// {opportunity}
        public var planEmpty: String
        /// {opportunity}
        public var planTitle: String
        public var planStepHeading: String
        public var planWhoHeading: String
        public var planDueHeading: String
        /// In the Due column of a step whose stored due text is no day.
        public var planNoDue: String
        public var planDecision: String
        public var planDone: String
        public var planNoDecision: String
    }

    public var fields: [String: FieldScript]
    /// Shown with the stored text when a question is asked again.
    public var keepHint: String
    /// Shown under the stored items of a list: Enter there ends the list and
    /// a typed line adds an item, so keepHint's "replace" would mislead.
    /// Optional so an override written before it existed still loads.
    public var listHint: String?
    /// An override file written before these sentences moved into the
    /// script takes the built-in ones (see PromptLibrary.interviewScript).
    public var messages: Messages

    private enum CodingKeys: String, CodingKey {
        case fields, keepHint, listHint, messages
    }

    private struct FieldKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// `fields` is read by the method's field names rather than as a
    /// dictionary of whatever keys the file holds (a key that names no field
    /// was never used): listing a mapping's keys made the YAML decoder compile
    /// its regular expressions, and load ICU's Unicode tables for them, before
    /// the first question.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let scripts = try container.nestedContainer(keyedBy: FieldKey.self, forKey: .fields)
        var fields: [String: FieldScript] = [:]
        for field in Field.allCases {
            fields[field.rawValue] = try scripts.decodeIfPresent(FieldScript.self, forKey: FieldKey(stringValue: field.rawValue))
        }
        self.fields = fields
        keepHint = try container.decode(String.self, forKey: .keepHint)
        listHint = try container.decodeIfPresent(String.self, forKey: .listHint)
        messages = try container.decode(Messages.self, forKey: .messages)
    }

    public func script(for field: Field) -> FieldScript {
        // Validated at load time (see `validate()`), so a missing entry is a programming error.
        fields[field.rawValue]!
    }

    /// Names every field the YAML must define, so a broken override is
    /// reported when it is loaded, not in the middle of a call.
    public func missingFields() -> [Field] {
        Field.allCases.filter { fields[$0.rawValue] == nil }
    }
}
