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
        case built(SalesCoach)
    }

    private let stage: Mutex<Stage>

    /// `build` runs at most once, at the first judgment, probe or read-back.
    public init(building build: @escaping @Sendable () -> (coach: SalesCoach, note: String?)) {
        stage = Mutex(.waiting(build))
    }

    /// A coach built already (tests, `qualify coach`).
    public init(_ coach: SalesCoach) {
        stage = Mutex(.built(coach))
    }

    /// Whether the coach has been built; an interview that only asks has not needed it.
    public var isBuilt: Bool {
        stage.withLock { if case .built = $0 { true } else { false } }
    }

    /// The coach, and the build's note the first time it is asked for.
    func take() -> (coach: SalesCoach, note: String?) {
        stage.withLock { stage in
            switch stage {
            case .waiting(let build):
                let (coach, note) = build()
                stage = .built(coach)
                return (coach, note)
            case .built(let coach):
                return (coach, nil)
            }
        }
    }
}
