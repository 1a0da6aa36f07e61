import Tensors

// Loading a problem shipped as four IDX files (MNIST's layout): training images and labels,
// test images and labels; the validation set comes out of the training file.

extension ImageClassificationData {
    /// The four file names of the MNIST layout, without `.gz`: training images, training
    /// labels, test images, test labels.
    public static let idxFileNames = [
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
    ]

    /// Loads a problem from a folder holding the four files of the MNIST layout
    /// (`idxFileNames`), each gzipped (`train-images-idx3-ubyte.gz`, as shipped) or not.
    ///
    ///     let mnist = try ImageClassificationData.loadIDX(directory: "/data/mnist", name: "MNIST")
    ///
    /// - Parameters:
    ///   - directory: the folder.
    ///   - name: the problem's name, for summaries.
    ///   - classNames: one name per class; their count is the class count (default the
    ///     digits "0" to "9").
    ///   - layout: `.channelsFirst` (`[n, 1, 28, 28]`, for the CNN; the default) or
    ///     `.flattened` (`[n, 784]`, for an MLP).
    ///   - validation: how the validation set is taken from the training file; the default
    ///     `.leading(5_000)` gives the paper's 55,000 / 5,000 on MNIST's 60,000.
    /// - Throws: `DataFileError` naming the file at fault (`.missing` lists both names
    ///   tried); `DatasetError.invalidParameter` if the validation count exceeds the
    ///   training file.
    public static func loadIDX(
        directory: String, name: String = "IDX", classNames: [String] = (0..<10).map(String.init),
        layout: ImageLayout = .channelsFirst, validation: ValidationSplit = .leading(5_000)
    ) throws -> ImageClassificationData {
        let folder = directory.hasSuffix("/") || directory.isEmpty ? directory : directory + "/"
        var paths: [String] = []
        for file in idxFileNames {
            let compressed = folder + file + ".gz", plain = folder + file
            if DataFile.exists(atPath: compressed) {
                paths.append(compressed)
            } else if DataFile.exists(atPath: plain) {
                paths.append(plain)
            } else {
                throw DataFileError.missing(path: compressed, alsoTried: [plain])
            }
        }
        return try loadIDX(
            trainingImages: paths[0], trainingLabels: paths[1], testImages: paths[2], testLabels: paths[3], name: name,
            classNames: classNames, layout: layout, validation: validation)
    }

    /// Loads a problem from four IDX files named one by one (gzipped or not): any images and
    /// labels pair of the format, such as MNIST saved under other names.
    ///
    ///     let data = try ImageClassificationData.loadIDX(
    ///         trainingImages: "train-images.idx3-ubyte", trainingLabels: "train-labels.idx1-ubyte",
    ///         testImages: "t10k-images.idx3-ubyte", testLabels: "t10k-labels.idx1-ubyte", name: "MNIST")
    ///
    /// Parameters and errors as `loadIDX(directory:name:classNames:layout:validation:)`; the
    /// test images must be the size of the training images (`DataFileError.imageSizeMismatch`).
    public static func loadIDX(
        trainingImages: String, trainingLabels: String, testImages: String, testLabels: String, name: String = "IDX",
        classNames: [String] = (0..<10).map(String.init), layout: ImageLayout = .channelsFirst,
        validation: ValidationSplit = .leading(5_000)
    ) throws -> ImageClassificationData {
        let classCount = classNames.count
        let trainImages = try IDXFile(contentsOf: trainingImages)
        let trainLabels = try Dataset<Float>.checkedLabels(
            images: trainImages, labels: IDXFile(contentsOf: trainingLabels), classCount: classCount)
        let testFile = try IDXFile(contentsOf: testImages)
        let test = try Dataset<Float>(idxImages: testFile, labels: IDXFile(contentsOf: testLabels), classCount: classCount, layout: layout)
        guard testFile.dimensions.dropFirst() == trainImages.dimensions.dropFirst() else {
            throw DataFileError.imageSizeMismatch(
                path: testImages, size: Array(testFile.dimensions.dropFirst()), expected: Array(trainImages.dimensions.dropFirst()))
        }
        let held = try validationIndices(labels: trainLabels, classCount: classCount, split: validation)
        var isHeld = [Bool](repeating: false, count: trainLabels.count)
        for index in held { isHeld[index] = true }
        let kept = trainLabels.indices.filter { !isHeld[$0] }
        func part(_ samples: [Int]) -> Dataset<Float> {
            Dataset(pixelsOf: trainImages, labels: trainLabels, samples: samples, classCount: classCount, layout: layout)
        }
        return try ImageClassificationData(
            name: name, training: part(kept), validation: part(held), test: test, classNames: classNames)
    }

    /// The training-file indices of the validation set, ascending.
    static func validationIndices(labels: [Int], classCount: Int, split: ValidationSplit) throws -> [Int] {
        guard (0...labels.count).contains(split.count) else {
            throw DatasetError.invalidParameter(
                name: "validation count", value: "\(split.count)", requirement: "in 0...\(labels.count) (the training file's size)",
                operation: "loadIDX")
        }
        switch split {
        case let .leading(count):
            return Array(0..<count)
        case let .stratified(count, seed):
            // Only the labels decide the order; the inputs are a placeholder.
            let labelsOnly = Dataset<Float>(unchecked: Tensor(zeros: [labels.count]), labels: labels, classCount: classCount)
            return labelsOnly.stratifiedOrder(seed: seed).prefix(count).sorted()
        }
    }
}
