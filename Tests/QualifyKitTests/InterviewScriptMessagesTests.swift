import Foundation
import QualifyKit
import QualifyPrompts
import Testing

/// The machine's sentences live in the interview script, and an override
/// written before they moved there still loads.
@Suite struct InterviewScriptMessagesTests {
    /// A scratch prompts folder holding `interview.yaml` with `text`.
    func library(interviewYAML text: String) throws -> (PromptLibrary, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qualify-prompts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent("interview.yaml"), atomically: true, encoding: .utf8)
        return (PromptLibrary(overrideDirectories: [folder]), folder)
    }

    /// The shipped file without its `messages:` section, or with only `keep` of its keys.
    func shippedScript(keepingMessages keep: [String] = []) throws -> String {
        let text = try PromptLibrary().file(PromptLibrary.interviewPath).text
        let start = text.range(of: "\n# What the interview says when")!.lowerBound
        var trimmed = String(text[..<start]) + "\n"
        if !keep.isEmpty {
            trimmed += "messages:\n" + keep.map { "  \($0): \"OUR WORDS for \($0)\"\n" }.joined()
        }
        return trimmed
    }

    @Test func anOverrideWithoutMessagesTakesTheBuiltInSentences() throws {
        let (prompts, folder) = try library(interviewYAML: try shippedScript())
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try prompts.interviewScript().messages == PromptLibrary().interviewScript().messages)
    }

    @Test func anOverrideMayRewordSomeSentencesAndKeepTheRest() throws {
        let (prompts, folder) = try library(interviewYAML: try shippedScript(keepingMessages: ["firstQuestion"]))
        defer { try? FileManager.default.removeItem(at: folder) }
        let messages = try prompts.interviewScript().messages
        #expect(messages.firstQuestion == "OUR WORDS for firstQuestion")
        #expect(messages.complete == (try PromptLibrary().interviewScript().messages.complete))

        var m = InterviewMachine(script: try prompts.interviewScript(), coach: coach, captured: CapturedAnswers())
        _ = m.start()
        #expect(m.command(.back).first == .reject("OUR WORDS for firstQuestion"))
    }

    @Test func everySentenceTheMachineSaysComesFromTheScript() throws {
        var custom = try PromptLibrary().interviewScript()
        custom.messages.complete = "C"
        custom.messages.tooLong = "T {bytes}/{limit}"
        custom.messages.firstQuestion = "F"
        custom.messages.doneOutsideList = "D {title}"
        custom.messages.blankAnswer = "B {title}"
        custom.messages.noItemsYet = "N {title} {field}"
        custom.messages.noSuchItem = "S {title} {field} {items} {count}"
        custom.messages.replaceItem = "R {item} {n}"
        func fresh(_ items: [Field: [String]] = [:]) -> InterviewMachine {
            var m = InterviewMachine(script: custom, coach: coach, captured: CapturedAnswers(items))
            _ = m.start()
            return m
        }
        var m = fresh()
        #expect(m.command(.back).first == .reject("F"))
        #expect(m.command(.done).first == .reject("D Problem"))
        #expect(m.answered(" ").first == .reject("B Problem"))
        #expect(m.answered(String(repeating: "x", count: InterviewMachine.maximumAnswerBytes + 1)).first
                == .reject("T \(InterviewMachine.maximumAnswerBytes + 1)/\(InterviewMachine.maximumAnswerBytes)"))
        #expect(m.command(.edit(.reasons, item: 1)).first == .reject("N Reasons reasons"))

        var list = fresh([.problem: ["p"], .pain: ["I"], .reasons: ["a", "b"]])
        #expect(list.command(.edit(.reasons, item: 3)).first == .reject("S Reasons reasons 2 items 2"))
        guard case .ask(let question)? = list.command(.edit(.reasons, item: 2)).last else {
            Issue.record("expected the replaced item to be asked"); return
        }
        #expect(question.text == "R Reason 2")

        var complete = fresh([.problem: ["p"], .pain: ["I"], .reasons: ["r"], .impacts: ["i"], .capabilities: ["c"]])
        #expect(complete.answered("stray") == [.reject("C")])
        #expect(complete.command(.skip) == [.reject("C")])
    }
}
