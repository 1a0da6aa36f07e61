// A one-line summary of a dataset for notebooks and logs.

extension Dataset: CustomStringConvertible {
    /// For example "Dataset<Float32>: 200 samples of shape [2], 2 classes with counts [100, 100]".
    public var description: String {
        "Dataset<\(Scalar.dtypeName)>: \(count) samples of shape \(sampleShape), "
            + "\(classCount) classes with counts \(classCounts)"
    }
}
