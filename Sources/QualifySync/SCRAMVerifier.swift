import Crypto
import Foundation

/// The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802,
/// RFC 7677), computed here as psql's \password does, so `ALTER ROLE`
/// carries no password and the server's logs cannot show one.
enum SCRAMVerifier {
    static let iterations = 4096

    static func make(password: String, salt: [UInt8] = randomSalt()) -> String {
        let key = SymmetricKey(data: Array(password.utf8))
        // Hi() of RFC 5802: PBKDF2 with HMAC-SHA-256, one block (the key is as long as the hash).
        var block = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var salted = block
        for _ in 1..<iterations {
            block = Array(HMAC<SHA256>.authenticationCode(for: block, using: key))
            for index in salted.indices { salted[index] ^= block[index] }
        }
        let saltedKey = SymmetricKey(data: salted)
        let clientKey = Array(HMAC<SHA256>.authenticationCode(for: Array("Client Key".utf8), using: saltedKey))
        let storedKey = Array(SHA256.hash(data: clientKey))
        let serverKey = Array(HMAC<SHA256>.authenticationCode(for: Array("Server Key".utf8), using: saltedKey))
        func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
        return "SCRAM-SHA-256$\(iterations):\(base64(salt))$\(base64(storedKey)):\(base64(serverKey))"
    }

    static func randomSalt() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}
