/// MNIST (LeCun et al. 1998), the handwritten digits of the paper's Section 4.2, from a
/// folder the user gives (it is not packaged here and cannot be downloaded on these machines).
///
///     let mnist = try MNIST.load(directory: "/data/mnist")   // the four files, gzipped or not
///
/// For MNIST under other file names, use `ImageClassificationData.loadIDX(trainingImages:...)`.
public enum MNIST {
    /// The names of the 10 classes, by label: the digits "0" to "9".
    public static let classNames = (0..<10).map(String.init)

    /// Loads MNIST with the paper's split: 55,000 training, 5,000 validation (the first
    /// 5,000 of the training file, as TensorFlow's reader took them), 10,000 test; pixels
    /// divided by 255 into [0, 1].
    ///
    /// - Parameters:
    ///   - directory: the folder holding `train-images-idx3-ubyte(.gz)`,
    ///     `train-labels-idx1-ubyte(.gz)`, `t10k-images-idx3-ubyte(.gz)` and `t10k-labels-idx1-ubyte(.gz)`.
    ///   - layout: `.channelsFirst` (`[n, 1, 28, 28]`, the default) or `.flattened` (`[n, 784]`).
    ///   - validation: `.leading(5_000)` (the default), or `.stratified(count:seed:)`.
    /// - Throws: `DataFileError` naming the file at fault.
    public static func load(
        directory: String, layout: ImageLayout = .channelsFirst, validation: ValidationSplit = .leading(5_000)
    ) throws -> ImageClassificationData {
        try ImageClassificationData.loadIDX(
            directory: directory, name: "MNIST", classNames: classNames, layout: layout, validation: validation)
    }
}
