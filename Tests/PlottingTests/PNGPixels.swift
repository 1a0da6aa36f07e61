import Datasets
import Foundation

/// The pixels of an 8-bit, non-interlaced PNG (grey, grey+alpha, RGB or RGBA, as cairo
/// writes them), decoded just enough to check what gnuplot drew: the IDAT chunks are
/// inflated with zlib (through `Gzip.decompress`, which takes zlib streams) and unfiltered.
struct PNGPixels {
    let width: Int
    let height: Int
    /// Bytes per pixel: 1, 2, 3 or 4.
    let channels: Int
    let bytes: [UInt8]

    enum DecodeError: Error { case notPNG, unsupported(String), corrupt(String) }

    init(_ data: Data) throws {
        let png = [UInt8](data)
        guard ImageBytes.isPNG(data) else { throw DecodeError.notPNG }
        func bigEndian(_ at: Int) -> Int { png[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        var at = 8
        var header: [UInt8] = []
        var compressed: [UInt8] = []
        while at + 8 <= png.count {
            let length = bigEndian(at)
            let type = String(decoding: png[(at + 4)..<(at + 8)], as: UTF8.self)
            guard at + 12 + length <= png.count else { throw DecodeError.corrupt("chunk \(type) runs past the end") }
            let content = png[(at + 8)..<(at + 8 + length)]
            if type == "IHDR" { header = Array(content) }
            if type == "IDAT" { compressed += content }
            if type == "IEND" { break }
            at += 12 + length
        }
        guard header.count == 13 else { throw DecodeError.corrupt("no IHDR") }
        width = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
        height = header[4..<8].reduce(0) { $0 << 8 | Int($1) }
        guard header[8] == 8 else { throw DecodeError.unsupported("bit depth \(header[8])") }
        guard header[12] == 0 else { throw DecodeError.unsupported("interlacing") }
        switch header[9] {
        case 0: channels = 1
        case 4: channels = 2
        case 2: channels = 3
        case 6: channels = 4
        default: throw DecodeError.unsupported("colour type \(header[9])")
        }
        let raw = try Gzip.decompress(compressed, path: "IDAT")
        let stride = width * channels
        guard raw.count == height * (stride + 1) else { throw DecodeError.corrupt("\(raw.count) bytes of image data") }
        var pixels = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            for i in 0..<stride {
                let x = Int(raw[row * (stride + 1) + 1 + i])
                let a = i >= channels ? Int(pixels[row * stride + i - channels]) : 0
                let b = row > 0 ? Int(pixels[(row - 1) * stride + i]) : 0
                let c = (row > 0 && i >= channels) ? Int(pixels[(row - 1) * stride + i - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predicted = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw DecodeError.corrupt("filter \(filter)")
                }
                pixels[row * stride + i] = UInt8((x + predicted) & 0xff)
            }
        }
        bytes = pixels
    }

    /// The red, green and blue of the pixel at column `x`, row `y` (top row 0); grey repeated.
    func rgb(x: Int, y: Int) -> [Int] {
        let at = (y * width + x) * channels
        return channels < 3 ? Array(repeating: Int(bytes[at]), count: 3) : bytes[at..<(at + 3)].map(Int.init)
    }
}
