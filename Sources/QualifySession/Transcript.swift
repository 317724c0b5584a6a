import Foundation
import QualifyKit

/// How captured words, questions and help look on screen. The buyer's words
/// are printed as stored, inside quotation marks, never reflowed.
public struct Transcript {
    let console: Console
    let messages: InterviewScript.Messages

    public init(console: Console, messages: InterviewScript.Messages) {
        self.console = console
        self.messages = messages
    }

    public static func format(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).dateTimeSeparator(.space))
    }

    public func showCaptured(_ answers: CapturedAnswers) {
        if answers.isEmpty {
            console.say(messages.nothingCaptured)
            return
        }
        for field in Field.allCases {
            let items = answers[field]
            guard !items.isEmpty else {
                console.say(console.bold(field.title) + ": " + console.dim(messages.notCaptured))
                continue
            }
            if field.isList {
                console.say(console.bold(field.title) + ":")
                for (index, item) in items.enumerated() {
                    console.say("  \(index + 1). " + quoted(item, indent: "     "))
                }
            } else {
                console.say(console.bold(field.title) + ": " + quoted(items[0], indent: "  "))
            }
        }
    }

    public func ask(_ question: InterviewMachine.Question) {
        console.say()
        console.prose(console.accent(question.field.title) + ": " + question.text)
        if !question.stored.isEmpty {
            console.say(console.dim(messages.storedNow))
            for (index, item) in question.stored.enumerated() {
                let number = question.field.isList ? "\(question.firstStoredNumber + index). " : ""
                console.say("  " + number + quoted(item, indent: "    "))
            }
            if let hint = question.keepHint { console.prose(console.dim(hint)) }
        }
    }

    public func showHelp(_ field: Field, script: InterviewScript) {
        let entry = script.script(for: field)
        console.say()
        console.say(console.bold(messages.howToAsk.filled(["title": field.title])))
        console.prose(entry.help.trimmingCharacters(in: .newlines))
        if let example = entry.example {
            console.say(console.dim(messages.manualExample))
            for item in InlineList.items(in: example) {
                console.say("  " + quoted(item, indent: "   "))
            }
        }
        console.prose(console.dim(messages.helpCommands.filled(["commands": InterviewCommand.words.joined(separator: " ")])))
    }

    public func showCommands() {
        console.say()
        console.prose(messages.completeCommands)
    }

    /// Continuation lines of a multi-line quote are indented under the first.
    private func quoted(_ text: String, indent: String) -> String {
        "\u{201C}" + text.replacingOccurrences(of: "\n", with: "\n" + indent) + "\u{201D}"
    }
}
