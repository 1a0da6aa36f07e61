import Crypto
import Foundation

/// The SHA-256 of a file's bytes as lowercase hexadecimal: what a run record keeps of the
/// notebook, so that an edited notebook reruns its points.
public enum ContentHash {
    /// The hash of `bytes`.
    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// The hash of the file at `url`; the error names the file.
    public static func sha256(of url: URL) throws(SweepError) -> String {
        do {
            return sha256(Array(try Data(contentsOf: url)))
        } catch {
            throw SweepError("cannot read \(url.path): \(error.localizedDescription)")
        }
    }
}
