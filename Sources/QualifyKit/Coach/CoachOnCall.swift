import Foundation
import Synchronization

/// The coach an interview consults, built the first time it is needed
/// rather than before the first question: reading coach.yaml and building
/// its word lists was a third of the time to the first question, and the
/// first question needs no coach.
///
/// Building is the caller's business (files, a fallback); the machine only
/// asks for the coach, and a note the build left (a broken coach.yaml
/// replaced by the built-in one) is handed out once, to be said before the
/// coach's first words.
public final class CoachOnCall: Sendable {
    private enum Stage: Sendable {
        case waiting(@Sendable () -> (coach: SalesCoach, note: String?))
        /// `note` is handed out with the coach the first time it is asked for, then dropped.
        case built(SalesCoach, note: String?)
    }

    private let stage: Mutex<Stage>

    /// `build` runs at most once, at the first judgment, probe or read-back (or ahead of it).
    public init(building build: @escaping @Sendable () -> (coach: SalesCoach, note: String?)) {
        stage = Mutex(.waiting(build))
    }

    /// A coach built already (tests, `qualify coach`).
    public init(_ coach: SalesCoach) {
        stage = Mutex(.built(coach, note: nil))
    }

    /// Whether the coach has been built; an interview that only asks has not needed it.
    public var isBuilt: Bool {
        stage.withLock { if case .built = $0 { true } else { false } }
    }

    /// Builds the coach on another thread while a rep types the first answer,
    /// so the first Enter of a call does not wait for coach.yaml (15-20 ms).
    /// Asking for the coach meanwhile waits for that build; it never runs twice.
    public func buildAhead() {
        Thread.detachNewThread { [self] in
            // The lowest priority (Linux keeps it per thread: 0 is this one): on busy cores the prompt goes first.
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            stage.withLock { stage in _ = Self.build(&stage) }
        }
    }

    /// The coach, and the build's note the first time it is asked for.
    func take() -> (coach: SalesCoach, note: String?) {
        stage.withLock { stage in
            let (coach, note) = Self.build(&stage)
            stage = .built(coach, note: nil)
            return (coach, note)
        }
    }

    private static func build(_ stage: inout Stage) -> (coach: SalesCoach, note: String?) {
        switch stage {
        case .waiting(let build):
            let (coach, note) = build()
            stage = .built(coach, note: note)
            return (coach, note)
        case .built(let coach, let note):
            return (coach, note)
        }
    }
}
