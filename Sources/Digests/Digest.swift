import COpenSSLHashing
import Foundation

/// SHA-256 and HMAC-SHA256 from the system's OpenSSL (libcrypto, Debian's `libssl-dev`): the
/// two digests the project needs, for Jupyter's message signatures and for the notebook
/// hashes sweeps keep.
///
///     Digest.hex(Digest.sha256(Array("abc".utf8)))   // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
public enum Digest {
    /// The HMAC-SHA256 (32 bytes) keyed with `key` over `parts` fed in order.
    public static func hmacSHA256(key: [UInt8], parts: [Data]) -> [UInt8] {
        var message = [UInt8]()
        message.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { message.append(contentsOf: part) }
        var digest = [UInt8](repeating: 0, count: 32)
        let status = key.withUnsafeBufferPointer { keyBytes in
            message.withUnsafeBufferPointer { messageBytes in
                openssl_hmac_sha256(keyBytes.baseAddress, keyBytes.count, messageBytes.baseAddress, messageBytes.count, &digest)
            }
        }
        guard status == 0 else { fatalError("OpenSSL could not compute an HMAC-SHA256 (libcrypto's HMAC is missing)") }
        return digest
    }

    /// The SHA-256 (32 bytes) of `bytes`.
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        let status = bytes.withUnsafeBufferPointer { openssl_sha256($0.baseAddress, $0.count, &digest) }
        guard status == 0 else { fatalError("OpenSSL could not compute a SHA-256") }
        return digest
    }

    /// `bytes` as lowercase hexadecimal, two digits a byte.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
