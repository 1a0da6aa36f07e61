import Foundation
import MarginKit

/// Prints how long reading Fashion-MNIST takes: the four gzipped IDX files decompressed and
/// parsed (`IDXFile`), and the whole `FashionMNIST.load()` (all 70,000 images to Float
/// tensors [n, 1, 28, 28] over 255, split 55,000 / 5,000 / 10,000), median of `repeats` runs.
func runIDXWorkload(directory: String, repeats: Int) {
    print("\n== reading Fashion-MNIST from \(directory) (median of \(repeats) runs)")
    func median(_ body: () throws -> Void) rethrows -> Double {
        var samples: [Double] = []
        for _ in 0..<repeats {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        return samples.sorted()[samples.count / 2]
    }
    do {
        let names = ImageClassificationData.idxFileNames.map { directory + "/" + $0 + ".gz" }
        let gunzip = try median { for name in names { _ = try DataFile.contents(atPath: name) } }
        let parse = try median { for name in names { _ = try IDXFile(contentsOf: name) } }
        let load = try median { _ = try FashionMNIST.load(directory: directory) }
        let flat = try median { _ = try FashionMNIST.load(directory: directory, layout: .flattened) }
        print(String(format: "read + gunzip the 4 files (54.9 MB of IDX):     %6.0f ms", gunzip * 1e3))
        print(String(format: "IDXFile of the 4 files (gunzip + parse):         %6.0f ms", parse * 1e3))
        print(String(format: "FashionMNIST.load(), 70,000 images as Float:     %6.0f ms", load * 1e3))
        print(String(format: "FashionMNIST.load(layout: .flattened):           %6.0f ms", flat * 1e3))
    } catch {
        print("cannot read Fashion-MNIST: \(error)")
    }
}
