/// Fashion-MNIST (Xiao, Rasul and Vollgraf 2017): 70,000 grey 28x28 images of clothing in 10
/// classes, the same format and size as MNIST and a harder task; the image-scale data of
/// this project, since MNIST cannot be downloaded on its machines.
///
///     let fashion = try FashionMNIST.load()
///     // Fashion-MNIST: 55000 training, 5000 validation, 10000 test images of shape [1, 28, 28], 10 classes (...)
///     let forMLP = try FashionMNIST.load(layout: .flattened)             // inputs [n, 784]
///     let quick = try fashion.reduced(fraction: 0.1, seed: 0)           // 5500 / 500 / 1000
///
/// Read from where Debian's `dataset-fashion-mnist` package puts it (`debianDirectory`,
/// installed by `make demo`), or from any folder holding the four files.
public enum FashionMNIST {
    /// Where Debian's `dataset-fashion-mnist` installs the four gzipped IDX files.
    public static let debianDirectory = "/usr/share/datasets/fashion-mnist"

    /// The names of the 10 classes, by label.
    public static let classNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]

    /// Loads Fashion-MNIST with the paper's split of its 60,000 training images: 55,000
    /// training and 5,000 validation (the first 5,000 of the training file, as TensorFlow's
    /// MNIST reader took them), and the 10,000 test images. Pixels are divided by 255 into
    /// [0, 1], as the paper's code did.
    ///
    /// - Parameters:
    ///   - directory: the folder holding `train-images-idx3-ubyte.gz` and the three others
    ///     (gzipped or not); default `debianDirectory`.
    ///   - layout: `.channelsFirst` (`[n, 1, 28, 28]`, for `mnistConvolutionalNetwork`; the
    ///     default) or `.flattened` (`[n, 784]`, for an MLP).
    ///   - validation: `.leading(5_000)` (the default), or `.stratified(count:seed:)`.
    /// - Throws: `DataFileError` naming the file at fault; a missing file's text says which
    ///   names were tried (install the package with `make demo`, or pass `directory`).
    public static func load(
        directory: String = debianDirectory, layout: ImageLayout = .channelsFirst, validation: ValidationSplit = .leading(5_000)
    ) throws -> ImageClassificationData {
        try ImageClassificationData.loadIDX(
            directory: directory, name: "Fashion-MNIST", classNames: classNames, layout: layout, validation: validation)
    }
}
