import Foundation
import Testing

import Digests

/// Against the published test vectors: FIPS 180-2 for SHA-256, RFC 4231 for HMAC-SHA256.
@Suite("Digest: SHA-256 and HMAC-SHA256 from OpenSSL")
struct DigestTests {
    @Test("SHA-256 of the FIPS 180-2 examples")
    func sha256() {
        #expect(Digest.hex(Digest.sha256(Array("abc".utf8)))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.hex(Digest.sha256([]))
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.hex(Digest.sha256(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("HMAC-SHA256 of RFC 4231's test cases 1, 2 and 6, also fed in parts")
    func hmac() {
        let key1 = [UInt8](repeating: 0x0b, count: 20)
        #expect(Digest.hex(Digest.hmacSHA256(key: key1, parts: [Data("Hi There".utf8)]))
            == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        let expected2 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        #expect(Digest.hex(Digest.hmacSHA256(key: Array("Jefe".utf8), parts: [Data("what do ya want for nothing?".utf8)])) == expected2)
        #expect(Digest.hex(Digest.hmacSHA256(key: Array("Jefe".utf8), parts: [Data("what do ya ".utf8), Data(), Data("want for nothing?".utf8)])) == expected2)
        // A key longer than the block size is hashed first.
        let key6 = [UInt8](repeating: 0xaa, count: 131)
        #expect(Digest.hex(Digest.hmacSHA256(key: key6, parts: [Data("Test Using Larger Than Block-Size Key - Hash Key First".utf8)]))
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }
}
