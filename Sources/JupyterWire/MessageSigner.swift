import Digests
import Foundation

/// Signs and verifies messages with HMAC-SHA256, the connection file's `"hmac-sha256"` scheme.
///
/// The signature is the lowercase hex digest of HMAC-SHA256 keyed with the connection
/// file's `key` (its UTF-8 bytes) over the serialized header, parent_header, metadata and
/// content frames, in that order. An empty key turns authentication off, as the Jupyter
/// messaging spec says: messages are sent with the signature `""` and every signature is
/// accepted.
///
/// ```swift
/// let signer = MessageSigner(key: "a0436f6c-1916-498b-8eb9-e81ab9368e84")
/// let signature = signer.signature(for: [header, parentHeader, metadata, content])
/// signer.verify(signature, for: [header, parentHeader, metadata, content])  // true
/// ```
public struct MessageSigner: Sendable {
    /// The key bytes; `nil` for an empty key.
    private let key: [UInt8]?

    /// A signer for `key`'s UTF-8 bytes; an empty key means no signing.
    public init(key: String) {
        self.init(key: Data(key.utf8))
    }

    /// A signer for the raw bytes of `key`; an empty key means no signing.
    public init(key: Data) {
        self.key = key.isEmpty ? nil : Array(key)
    }

    /// The signer for an empty key: signs with `""` and accepts every message.
    public static let unsigned = MessageSigner(key: Data())

    /// Whether messages are authenticated (the key is not empty).
    public var isSigning: Bool { key != nil }

    /// The lowercase hex HMAC-SHA256 of `parts` fed in order, or `""` without a key.
    ///
    /// - Parameter parts: the header, parent_header, metadata and content frames, exactly
    ///   as they travel (extra buffers are not signed).
    public func signature(for parts: [Data]) -> String {
        guard let key else { return "" }
        return Digest.hex(Digest.hmacSHA256(key: key, parts: parts))
    }

    /// Whether `signature` is the right one for `parts`; always `true` without a key.
    ///
    /// The comparison reads every byte of the expected digest whatever the input, so its
    /// time does not reveal how many leading characters were right.
    /// - Parameters:
    ///   - signature: the signature frame as received.
    ///   - parts: the four signed frames as received.
    public func verify(_ signature: Data, for parts: [Data]) -> Bool {
        guard isSigning else { return true }
        return Self.constantTimeEqual(Array(self.signature(for: parts).utf8), Array(signature))
    }

    /// Whether `signature` (text) is the right one for `parts`; always `true` without a key.
    public func verify(_ signature: String, for parts: [Data]) -> Bool {
        verify(Data(signature.utf8), for: parts)
    }

    /// Compares `expected` with `received` without stopping at the first difference.
    /// A length mismatch fails too, but still reads every byte of `expected`.
    static func constantTimeEqual(_ expected: [UInt8], _ received: [UInt8]) -> Bool {
        var difference: UInt8 = expected.count == received.count ? 0 : 1
        for index in expected.indices {
            let other = index < received.count ? received[index] : 0
            difference |= expected[index] ^ other
        }
        return difference == 0
    }
}
