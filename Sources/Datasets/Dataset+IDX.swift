import Tensors

/// How images are laid out as a model's inputs.
public enum ImageLayout: Sendable, Equatable {
    /// `[samples, 1, rows, columns]`: one channel first, what `Conv2D` takes (NCHW), as in
    /// `Sequential.mnistConvolutionalNetwork`. The default.
    case channelsFirst
    /// `[samples, rows * columns]`: each image one row of pixels, what `Dense` and
    /// `Sequential.multilayerPerceptron(sizes: [784, ...])` take.
    case flattened

    /// The shape of one sample of `rows` x `columns` pixels.
    ///
    ///     ImageLayout.flattened.sampleShape(rows: 28, columns: 28)   // [784]
    public func sampleShape(rows: Int, columns: Int) -> [Int] {
        self == .channelsFirst ? [1, rows, columns] : [rows * columns]
    }
}

// Building a dataset from an IDX images/labels pair: pixels divided by 255.

extension Dataset {
    /// The images and labels of an IDX pair (such as MNIST's `train-images-idx3-ubyte.gz`
    /// and `train-labels-idx1-ubyte.gz`, gzipped or not), pixels divided by 255 into [0, 1].
    ///
    ///     let test = try Dataset<Float>(idxImages: "/data/mnist/t10k-images-idx3-ubyte.gz",
    ///                                   labels: "/data/mnist/t10k-labels-idx1-ubyte.gz")
    ///     test.inputs.shape   // [10000, 1, 28, 28]
    ///
    /// The dataset has the file's samples, in its order; a file of zero images gives an empty
    /// dataset (as `ifEmpty: .allow`).
    ///
    /// - Parameters:
    ///   - imagesPath: an IDX file of unsigned bytes with 3 dimensions `[images, rows, columns]`.
    ///   - labelsPath: an IDX file of unsigned bytes with 1 dimension `[labels]`, each below `classCount`.
    ///   - classCount: the number of classes (10 for MNIST and Fashion-MNIST).
    ///   - layout: `.channelsFirst` (`[n, 1, rows, columns]`, the default) or `.flattened` (`[n, rows * columns]`).
    /// - Throws: `DataFileError` naming the file at fault (missing, truncated, not IDX, counts
    ///   that differ, a label out of range); `DatasetError.classCount` if `classCount < 1`.
    public init(idxImages imagesPath: String, labels labelsPath: String, classCount: Int = 10, layout: ImageLayout = .channelsFirst) throws {
        try self.init(idxImages: IDXFile(contentsOf: imagesPath), labels: IDXFile(contentsOf: labelsPath), classCount: classCount, layout: layout)
    }

    /// The images and labels of an IDX pair already read, pixels divided by 255 into [0, 1]
    /// (see `init(idxImages:labels:classCount:layout:)`).
    public init(idxImages images: IDXFile, labels: IDXFile, classCount: Int = 10, layout: ImageLayout = .channelsFirst) throws {
        let labelValues = try Dataset.checkedLabels(images: images, labels: labels, classCount: classCount)
        self.init(pixelsOf: images, labels: labelValues, samples: Array(labelValues.indices), classCount: classCount, layout: layout)
    }

    /// The labels of an IDX pair, once the files are checked: an image file and a label file
    /// (by their dimensions), as many labels as images, every label below `classCount`.
    static func checkedLabels(images: IDXFile, labels: IDXFile, classCount: Int) throws -> [Int] {
        guard classCount >= 1 else { throw DatasetError.classCount(classCount) }
        try images.require(.images)
        try labels.require(.labels)
        guard images.dimensions[0] == labels.dimensions[0] else {
            throw DataFileError.countMismatch(
                imagesPath: images.path, images: images.dimensions[0], labelsPath: labels.path, labels: labels.dimensions[0])
        }
        if let index = labels.data.firstIndex(where: { Int($0) >= classCount }) {
            throw DataFileError.labelOutOfRange(path: labels.path, label: Int(labels.data[index]), index: index, classCount: classCount)
        }
        return labels.data.map { Int($0) }
    }

    /// The samples `samples` (indices into the image file) of a checked pair, with their
    /// labels taken from `labels` (all of the file's labels), pixels divided by 255.
    init(pixelsOf images: IDXFile, labels: [Int], samples: [Int], classCount: Int, layout: ImageLayout) {
        let (rows, columns) = (images.dimensions[1], images.dimensions[2])
        let pixels = rows * columns
        // Every byte's value, computed once: the same division as `Scalar(byte) / 255`.
        let scale = (0...255).map { Scalar($0) / 255 }
        let scalars = [Scalar](unsafeUninitializedCapacity: samples.count * pixels) { output, initialized in
            initialized = 0
            guard samples.count * pixels > 0 else { return }
            images.data.withUnsafeBufferPointer { bytes in
                scale.withUnsafeBufferPointer { scale in
                    for (k, sample) in samples.enumerated() {
                        let source = bytes.baseAddress! + sample * pixels
                        let target = output.baseAddress! + k * pixels
                        for p in 0..<pixels { (target + p).initialize(to: scale[Int(source[p])]) }
                    }
                }
            }
            initialized = samples.count * pixels
        }
        self.init(
            unchecked: Tensor(shape: [samples.count] + layout.sampleShape(rows: rows, columns: columns), scalars: scalars),
            labels: samples.map { labels[$0] }, classCount: classCount)
    }
}
