import Foundation
import JupyterWire

/// Reads a request off a channel's frames: checks the signature and the frame layout,
/// and logs (instead of throwing) what is wrong, so a bad message never stops a channel.
enum IncomingMessage {
    /// The decoded message, or `nil` (with a warning logged) when the frames are not a valid,
    /// correctly signed message.
    static func decode(
        _ frames: [Data], channel: String, signer: MessageSigner, log: KernelLog
    ) -> WireMessage? {
        do throws(WireError) {
            return try WireMessage.decode(frames: frames, signer: signer)
        } catch .badSignature {
            log(.warning, "dropped a message on \(channel) with a bad signature (is the key right?)")
        } catch {
            log(.warning, "dropped an invalid message on \(channel): \(error.description)")
        }
        return nil
    }
}
