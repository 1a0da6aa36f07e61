import Testing

@testable import Datasets

/// The real Fashion-MNIST files of Debian's `dataset-fashion-mnist` (installed by `make
/// demo`), against figures computed independently with Python's gzip module.
@Suite("FashionMNIST")
struct FashionMNISTTests {
    /// The sum of the 784 raw bytes of the first training image:
    /// python3 -c "import gzip; print(sum(gzip.open('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz').read()[16:16+784]))"
    static let firstTrainingImageByteSum = 76_247
    /// The sum of all raw pixel bytes of the test image file:
    /// python3 -c "import gzip; print(sum(gzip.open('/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz').read()[16:]))"
    static let testFileByteSum = 573_469_082
    /// The first ten training labels:
    /// python3 -c "import gzip; print(list(gzip.open('/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz').read()[8:18]))"
    static let firstTrainingLabels = [9, 0, 0, 3, 0, 2, 7, 2, 5, 5]

    @Test("all 70,000 images and labels load: counts, class histograms, shapes, pixels in [0, 1], known pixel sums")
    func wholeDataset() throws {
        let fashion = try FashionMNIST.load()
        #expect(fashion.training.count == 55_000 && fashion.validation.count == 5_000 && fashion.test.count == 10_000)
        #expect(fashion.training.count + fashion.validation.count == 60_000)
        #expect(fashion.training.inputs.shape == [55_000, 1, 28, 28])
        #expect(fashion.validation.inputs.shape == [5_000, 1, 28, 28])
        #expect(fashion.test.inputs.shape == [10_000, 1, 28, 28])
        #expect(fashion.classNames == FashionMNIST.classNames && fashion.classNames.count == 10)
        #expect(fashion.training.classCount == 10)
        // 6,000 images of each class in the training file, 1,000 in the test file.
        let trainingFile = zip(fashion.validation.classCounts, fashion.training.classCounts).map { $0 + $1 }
        #expect(trainingFile == [Int](repeating: 6_000, count: 10))
        #expect(fashion.test.classCounts == [Int](repeating: 1_000, count: 10))
        // The validation set is the head of the training file.
        #expect(Array(fashion.validation.labels.prefix(10)) == Self.firstTrainingLabels)
        for data in [fashion.training, fashion.validation, fashion.test] {
            data.inputs.withUnsafeBufferPointer { pixels in
                #expect(pixels.allSatisfy { $0 >= 0 && $0 <= 1 })
            }
        }
        // Back to bytes: each pixel times 255 is an integer, and the sums match Python's.
        func byteSum(_ data: Dataset<Float>, samples: Int) -> Int {
            data.inputs.withUnsafeBufferPointer { pixels in
                pixels.prefix(samples * 784).reduce(0) { $0 + Int(($1 * 255).rounded()) }
            }
        }
        #expect(byteSum(fashion.validation, samples: 1) == Self.firstTrainingImageByteSum)
        #expect(byteSum(fashion.test, samples: 10_000) == Self.testFileByteSum)
    }

    @Test("the raw IDX bytes match Python's sums exactly")
    func rawBytes() throws {
        let images = try IDXFile(contentsOf: FashionMNIST.debianDirectory + "/t10k-images-idx3-ubyte.gz")
        #expect(images.dimensions == [10_000, 28, 28])
        #expect(images.data.reduce(0) { $0 + Int($1) } == Self.testFileByteSum)
    }
}
