import Foundation
import Yams

/// How qualify reads every YAML file it decodes (interview.yaml, coach.yaml,
/// demo.yaml, letters.yaml, config.yaml): as `YAMLDecoder().decode(_:from: String)`
/// does, merge keys resolved and anchors kept alive, with its errors, but
/// without the regular expression Yams finds merge keys with. Compiling it
/// loads ICU's Unicode tables, time and memory at every command that reads a
/// file, so only a file with a `<` pays for it.
///
/// Every plain value is text to the decoder, as it is to YAMLDecoder: Ints
/// and Strings decode as written; a Bool would not (Yams wants a bool tag).
enum YAMLDocument {
    /// `completing` may add what the file leaves out before it is decoded.
    static func decode<T: Decodable>(_ type: T.Type = T.self, from text: String,
                                     completing: (Node) throws -> Node = { $0 }) throws -> T {
        do {
            let resolver = text.utf8.contains(UInt8(ascii: "<")) ? Resolver.basic.appending(.merge) : Resolver.basic
            let parser = try Parser(yaml: text, resolver: resolver)
            return try withExtendedLifetime(parser) {
                try YAMLDecoder().decode(type, from: completing(parser.singleRoot() ?? ""))
            }
        } catch let error as DecodingError {
            throw error
        } catch {
            // YAMLDecoder's wrapping, which YAMLProblem turns into "line N: …".
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "The given data was not valid YAML.",
                                                    underlyingError: error))
        }
    }
}
