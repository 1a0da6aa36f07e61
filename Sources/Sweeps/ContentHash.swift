import Digests
import Foundation

/// The SHA-256 of a file's bytes as lowercase hexadecimal: what a run record keeps of the
/// notebook, so that an edited notebook reruns its points.
public enum ContentHash {
    /// The hash of `bytes`.
    public static func sha256(_ bytes: [UInt8]) -> String {
        Digest.hex(Digest.sha256(bytes))
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
