import CEditLine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A terminal: line editing through libedit's native API.
///
/// - Ctrl-C is a key, not a signal, while a line is being read (ISIG is off in
///   libedit's edit mode and ^C is bound to our own function): the half-typed
///   line is discarded, "^C" is printed and ``readLine(prompt:)`` returns
///   `.interrupted`. While no line is being read (the program is busy), a
///   SIGINT is caught by a do-nothing handler installed by `init`, so it never
///   ends the program.
/// - Ctrl-D on an empty line returns `.endOfInput`.
/// - Bracketed paste: a paste goes onto the line at the cursor, lines and all,
///   and is sent with what was typed around it only when the rep presses Enter
///   (a paste is not a confirmed answer: the terminal sends no newline after it,
///   and a paste that sent itself would leave the rep's Enter to answer the next
///   question). One holding characters the program cannot keep goes on the line
///   without them, with a note saying what went.
/// - An ESC key pressed alone is ignored; the keys after it are typed as usual.
/// - Up/down recall history, persisted to `historyFile`; Tab completes.
///
/// Use one instance, from one thread at a time.
public final class TerminalLineEditor: LineSource, @unchecked Sendable {
    private var el: OpaquePointer?
    private var history: OpaquePointer?
    private let historyFile: HistoryFile?
    private var lastEntry: String?
    /// Replaceable: the REPL's home and an interview opened from it complete different words.
    public var completer: @Sendable (String) -> [String]
    /// How a Tab candidate or a paste is written on the terminal: names come from a
    /// database and a paste from anywhere; their control characters and direction
    /// overrides must not reach the terminal raw.
    private let shown: @Sendable (String) -> String
    /// A paste without what the program cannot keep (a terminal escape copied
    /// with the text), and the note that says what went; nil: the paste is sent as it is.
    private let cleaned: @Sendable (String) -> (text: String, note: String)?
    /// Which accepted lines go to history; an interview keeps its commands, not the buyer's answers.
    public var keepsInHistory: @Sendable (String) -> Bool = { _ in true }
    private let input = ByteReader(fd: 0)
    private var prompt: UnsafeMutablePointer<CChar>? = strdup("")
    private var oldSigint = sigaction()
    private var sigintInstalled = false

    /// An action started by a key function, finished by `finishPending` once
    /// libedit has redrawn the line with the cursor at its end.
    private enum Pending {
        case interrupt
        /// A paste that lost characters: left on the line with a note.
        case pasteKept(String, note: String)
        case list([String], cursorBack: Int32)
    }
    private var pending: Pending?
    /// Makes the next character read by libedit the "finish" key.
    private var injectFinishKey = false
    /// Set when a line ends through one of our functions, not through Enter.
    private var outcome: LineEvent?

    private static let finishKey: wchar_t = 0x1F  // ^_ , bound to qualify-finish
    private static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)

    /// - Parameters:
    ///   - historyFile: loaded at init if it exists, saved after each accepted
    ///     line; created 0600 (its folder 0700) because history holds the
    ///     buyer's words. nil: no persistence.
    ///   - completer: given the text before the cursor, the whole candidates
    ///     for what is being completed ("/ed" -> ["/edit"], "/open Acme Co" ->
    ///     ["Acme Corp - Forecasting", …]); see ``completedText(_:candidates:)``.
    ///   - shown: a candidate or a paste as the terminal gets it.
    ///   - cleaned: a paste without the characters the program cannot keep, and
    ///     the note saying which; nil when it can keep the paste as it is.
    public init(historyFile: URL?, completer: @escaping @Sendable (String) -> [String],
                shown: @escaping @Sendable (String) -> String,
                cleaned: @escaping @Sendable (String) -> (text: String, note: String)? = { _ in nil }) {
        self.completer = completer
        self.shown = shown
        self.cleaned = cleaned
        self.historyFile = historyFile.map { HistoryFile(path: $0.path, limit: 1000) }
        _ = ce_setup_locale()

        sigintInstalled = ce_sigint_install_noop(&oldSigint) == 0

        guard let el = el_init("qualify", ce_stdin(), ce_stdout(), ce_stderr()) else { return }
        self.el = el
        ce_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        ce_set_editor(el, "emacs")
        ce_set_signal(el, 0)
        ce_setty_edit_mode(el)
        ce_set_prompt(el) { el in
            guard let me = TerminalLineEditor.owner(of: el) else { return nil }
            return me.prompt
        }
        ce_set_getcfn(el) { el, out in
            guard let me = TerminalLineEditor.owner(of: el), let out else { return -1 }
            return me.readCharacter(into: out)
        }
        ce_add_function(el, "qualify-interrupt", "Discard the line (Ctrl-C)") { el, _ in
            TerminalLineEditor.owner(of: el)?.interruptKey() ?? UInt8(CC_NORM)
        }
        ce_add_function(el, "qualify-paste", "Bracketed paste") { el, _ in
            TerminalLineEditor.owner(of: el)?.pasteKey() ?? UInt8(CC_NORM)
        }
        ce_add_function(el, "qualify-complete", "Complete the word") { el, _ in
            TerminalLineEditor.owner(of: el)?.completeKey() ?? UInt8(CC_NORM)
        }
        ce_add_function(el, "qualify-finish", "Internal") { el, _ in
            TerminalLineEditor.owner(of: el)?.finishPending() ?? UInt8(CC_NORM)
        }
        ce_bind(el, "^C", "qualify-interrupt")
        ce_bind(el, "^I", "qualify-complete")
        ce_bind(el, "^_", "qualify-finish")
        ce_bind(el, "\u{1B}[200~", "qualify-paste")
        ce_bind(el, "\u{1B}[201~", "qualify-finish")  // stray end marker: ignored

        if let h = history_init() {
            history = h
            ce_history_setsize(h, 1000)
            ce_history_setunique(h, 1)
            ce_set_history(el, h)
            for entry in self.historyFile?.load() ?? [] where !entry.contains("\0") {
                ce_history_enter(h, entry)
                lastEntry = entry
            }
        }
    }

    deinit {
        if let el { el_end(el) }
        if let history { history_end(history) }
        if sigintInstalled { ce_sigint_restore(&oldSigint) }
        free(prompt)
    }

    public func readLine(prompt: String) -> LineEvent {
        guard let el else { return .endOfInput }
        free(self.prompt)
        self.prompt = strdup(prompt)
        pending = nil
        injectFinishKey = false
        outcome = nil

        write("\u{1B}[?2004h")
        ce_prepare_terminal(el)  // raw mode before the prompt appears; el_wgets restores cooked mode
        var count: Int32 = 0
        let line = el_wgets(el, &count)
        write("\u{1B}[?2004l")

        if let outcome {
            if case .line(let text) = outcome { remember(text) }
            return outcome
        }
        guard let line, count > 0 else {
            write("\n")  // Ctrl-D or end of the terminal: end the prompt's line
            return .endOfInput
        }
        var text = Self.string(line, count: Int(count))
        if text.hasSuffix("\n") { text.removeLast() }
        remember(text)
        return .line(text)
    }

    // MARK: - libedit callbacks

    private static func owner(of el: OpaquePointer?) -> TerminalLineEditor? {
        guard let el, let p = ce_get_clientdata(el) else { return nil }
        return Unmanaged<TerminalLineEditor>.fromOpaque(p).takeUnretainedValue()
    }

    /// libedit's character reader: buffered reads of fd 0, UTF-8 decoded here
    /// (invalid bytes are dropped).
    private func readCharacter(into out: UnsafeMutablePointer<wchar_t>) -> Int32 {
        if injectFinishKey {
            injectFinishKey = false
            out.pointee = Self.finishKey
            return 1
        }
        while true {
            guard let b0 = input.next() else { return input.readErrno == 0 ? 0 : -1 }
            if b0 < 0x80 {
                if b0 == 0x1B, !startsKeySequence() { continue }
                out.pointee = wchar_t(b0)
                return 1
            }
            var need: Int
            var value: UInt32
            switch b0 {
            case 0xC2...0xDF: need = 1; value = UInt32(b0 & 0x1F)
            case 0xE0...0xEF: need = 2; value = UInt32(b0 & 0x0F)
            case 0xF0...0xF4: need = 3; value = UInt32(b0 & 0x07)
            default: continue
            }
            let length = need + 1
            var valid = true
            while need > 0 {
                guard let b = input.peek(), b & 0xC0 == 0x80 else { valid = false; break }
                input.skip(1)
                value = value << 6 | UInt32(b & 0x3F)
                need -= 1
            }
            guard valid, Unicode.Scalar(value) != nil,
                  !(length == 3 && value < 0x800), !(length == 4 && value < 0x10000)
            else { continue }
            out.pointee = wchar_t(bitPattern: value)
            return 1
        }
    }

    /// Whether the ESC just read begins a key's sequence: an arrow, Home, End,
    /// Delete (ESC [ …, ESC O …) or a paste's marker, whose bytes the terminal
    /// sends together. An ESC key pressed alone, or with a letter (Alt-b, Alt-u),
    /// is dropped here: libedit's emacs keys would take it with the next key and
    /// move the cursor a word back, change a word's case, delete a word or eat
    /// the key, so the buyer's words would be stored changed without a sign.
    /// The ESC itself is never part of them.
    private func startsKeySequence() -> Bool {
        guard input.hasInput(within: Self.sequenceWait), let next = input.peek() else { return false }
        return next == UInt8(ascii: "[") || next == UInt8(ascii: "O")
    }

    /// How long an ESC waits for the rest of its sequence (a slow link may split
    /// it); only an ESC pays it, never an ordinary key.
    private static let sequenceWait: Int32 = 50

    private func interruptKey() -> UInt8 {
        start(.interrupt)
    }

    private func pasteKey() -> UInt8 {
        var bytes: [UInt8] = []
        let end = Self.pasteEnd
        while true {
            guard input.ensure(1) else { break }
            if let esc = input.index(of: 0x1B, from: input.start) {
                bytes.append(contentsOf: input.take(upTo: esc))
            } else {
                bytes.append(contentsOf: input.take(upTo: input.end))
                continue
            }
            // At an ESC: is it the end marker?
            input.ensure(end.count)
            let n = min(end.count, input.available)
            if n == end.count, input.storage[input.start..<input.start + n].elementsEqual(end) {
                input.skip(n)
                break
            }
            bytes.append(0x1B)
            input.skip(1)
        }
        // Pasted "\r\n" and "\r" are newlines; drop the paste's own trailing newline.
        var normalised: [UInt8] = []
        normalised.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0D {
                normalised.append(0x0A)
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
            } else {
                normalised.append(b)
            }
            i += 1
        }
        if normalised.last == 0x0A { normalised.removeLast() }
        let text = String(decoding: normalised, as: UTF8.self)
        // Sent as it is, the line would be refused and the paste gone from the screen.
        if let (kept, note) = cleaned(text) { return start(.pasteKept(kept, note: note)) }
        // Shown by libedit as it shows typed keys (a pasted newline starts a new
        // screen line); Enter sends the whole line, newlines included.
        insert(text)
        return UInt8(CC_REFRESH)
    }

    private func completeKey() -> UInt8 {
        guard let el, let info = el_wline(el)?.pointee else { return UInt8(CC_NORM) }
        let before = Self.string(info.buffer, count: info.buffer.distance(to: info.cursor))
        let candidates = completer(before)
        guard !candidates.isEmpty else { return UInt8(CC_NORM) }
        if candidates.count == 1 {
            replace(Self.completedText(before, candidates: candidates), with: candidates[0] + " ")
            return UInt8(CC_REFRESH)
        }
        var common = Array(candidates[0].unicodeScalars)
        for c in candidates.dropFirst() {
            let s = Array(c.unicodeScalars)
            var k = 0
            while k < common.count, k < s.count, common[k] == s[k] { k += 1 }
            common.removeSubrange(k...)
        }
        var prefix = ""
        prefix.unicodeScalars.append(contentsOf: common)
        let typed = Self.completedText(before, candidates: candidates)
        if common.count > typed.unicodeScalars.count { replace(typed, with: prefix) }
        guard let now = el_wline(el)?.pointee else { return UInt8(CC_REFRESH) }
        return start(.list(candidates, cursorBack: Int32(now.cursor.distance(to: now.lastchar))))
    }

    /// The end of `before` that the candidates replace: the longest tail
    /// starting a word that every candidate begins with, ignoring case
    /// ("/open acme co" -> "acme co" for "Acme Corp - Forecasting"), else the
    /// last word (`--stage ne` -> "ne" for "\"Needs Analysis\""). So a name of
    /// several words is completed and listed whole.
    static func completedText(_ before: String, candidates: [String]) -> String {
        let scalars = Array(before.unicodeScalars)
        let starts = [0] + scalars.indices.filter { scalars[$0] == " " || scalars[$0] == "\t" }.map { $0 + 1 }
        let lowered = candidates.map { $0.lowercased() }
        for start in starts {
            var tail = ""
            tail.unicodeScalars.append(contentsOf: scalars[start...])
            let typed = tail.lowercased()
            if lowered.allSatisfy({ $0.hasPrefix(typed) }) { return tail }
        }
        var word = ""
        word.unicodeScalars.append(contentsOf: scalars[(starts.last ?? 0)...])
        return word
    }

    /// Moves the cursor to the end of the line, lets libedit redraw, then has
    /// libedit read the finish key so `finishPending` writes below the line.
    private func start(_ action: Pending) -> UInt8 {
        guard let el else { return UInt8(CC_NORM) }
        if let info = el_wline(el)?.pointee {
            el_cursor(el, Int32(info.cursor.distance(to: info.lastchar)))
        }
        pending = action
        injectFinishKey = true
        return UInt8(CC_REFRESH)
    }

    private func finishPending() -> UInt8 {
        guard let el, let action = pending else { return UInt8(CC_NORM) }
        pending = nil
        switch action {
        case .interrupt:
            write("^C\n")
            outcome = .interrupted
            return UInt8(CC_NEWLINE)
        case .pasteKept(let text, let note):
            write("\n" + note + "\n")
            insert(text)
            ce_refresh(el)
            return UInt8(CC_NORM)
        case .list(let candidates, let back):
            write("\n" + candidates.map(shown).joined(separator: "  ") + "\n")
            el_cursor(el, -back)
            ce_refresh(el)
            return UInt8(CC_NORM)
        }
    }

    // MARK: - helpers

    private func replace(_ word: String, with replacement: String) {
        guard let el else { return }
        let w = word.unicodeScalars, r = replacement.unicodeScalars
        if r.starts(with: w) {
            insert(String(r.dropFirst(w.count)))
        } else {
            if !w.isEmpty { el_deletestr(el, Int32(w.count)) }
            insert(replacement)
        }
    }

    /// `text` into the line at the cursor.
    private func insert(_ text: String) {
        guard let el else { return }
        var wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        el_winsertstr(el, wide)
    }

    private func write(_ text: String) {
        let out = ce_stdout()
        fputs(text, out)
        fflush(out)
    }

    private static func string(_ p: UnsafePointer<wchar_t>, count: Int) -> String {
        var s = ""
        s.unicodeScalars.append(contentsOf: UnsafeBufferPointer(start: p, count: max(0, count)).compactMap {
            Unicode.Scalar(UInt32(bitPattern: $0))
        })
        return s
    }

    private func remember(_ line: String) {
        guard let history, !line.isEmpty, !line.contains("\0"), line != lastEntry, keepsInHistory(line) else { return }
        ce_history_enter(history, line)
        lastEntry = line
        historyFile?.append(line)
    }
}
