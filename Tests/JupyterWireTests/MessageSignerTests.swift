import Foundation
import Testing

@testable import JupyterWire

@Suite("MessageSigner")
struct MessageSignerTests {
    let parts = [#"{"msg_id":"a"}"#, "{}", "{}", #"{"code":"1 + 1"}"#].map { Data($0.utf8) }

    @Test("the signature equals Python's hmac.new(key, digestmod=sha256) over the four frames")
    func matchesPython() {
        // Expected value computed with python3:
        //   h = hmac.new(b"secret-key", digestmod=hashlib.sha256)
        //   for p in [b'{"msg_id":"a"}', b'{}', b'{}', b'{"code":"1 + 1"}']: h.update(p)
        //   h.hexdigest()
        #expect(
            MessageSigner(key: "secret-key").signature(for: parts)
                == "870e0fe2731dc1d3231d4306a463d7fa9cbaa3ca100a3eff2e2dde9bf633e0af")
    }

    @Test("a non-ASCII key is used as its UTF-8 bytes, as Python's 'kéy-ü'.encode()")
    func utf8Key() {
        // Expected value computed with python3: hmac.new("kéy-ü".encode(), digestmod=hashlib.sha256).hexdigest()
        #expect(
            MessageSigner(key: "kéy-ü").signature(for: [])
                == "f6e52a72e0cdb62e2851fc91787f9c1972077aa4d2a873d1eafbe3a8678aaba6")
    }

    @Test("verify accepts the right signature and rejects a one-character change")
    func verify() {
        let signer = MessageSigner(key: "secret-key")
        let good = "870e0fe2731dc1d3231d4306a463d7fa9cbaa3ca100a3eff2e2dde9bf633e0af"
        #expect(signer.verify(good, for: parts))
        let lastChanged = String(good.dropLast()) + "e"
        let firstChanged = "9" + String(good.dropFirst())
        #expect(!signer.verify(lastChanged, for: parts))
        #expect(!signer.verify(firstChanged, for: parts))
        #expect(!signer.verify(String(good.dropLast()), for: parts))
        #expect(!signer.verify(good + "0", for: parts))
        #expect(!signer.verify("", for: parts))
        #expect(!signer.verify(good.uppercased(), for: parts))
    }

    @Test("verify rejects a message whose content changed")
    func tamperedContent() {
        let signer = MessageSigner(key: "secret-key")
        var changed = parts
        changed[3] = Data(#"{"code":"1 + 2"}"#.utf8)
        #expect(!signer.verify(signer.signature(for: parts), for: changed))
    }

    @Test("an empty key signs with \"\" and accepts any signature")
    func emptyKey() {
        let signer = MessageSigner(key: "")
        #expect(!signer.isSigning)
        #expect(signer.signature(for: parts) == "")
        #expect(signer.verify("", for: parts))
        #expect(signer.verify("not-a-signature", for: parts))
        #expect(MessageSigner.unsigned.verify("anything", for: []))
    }

    @Test("constant-time comparison compares every byte and the lengths")
    func constantTimeEqual() {
        #expect(MessageSigner.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!MessageSigner.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!MessageSigner.constantTimeEqual([1, 2, 3], [1, 2]))
        #expect(!MessageSigner.constantTimeEqual([1, 2], [1, 2, 0]))
        #expect(MessageSigner.constantTimeEqual([], []))
    }
}
