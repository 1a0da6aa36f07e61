import Testing

@testable import Datasets

/// Every error renders as one sentence a user can act on, checked word for word.
@Suite("DatasetError")
struct DatasetErrorTests {
    static let cases: [(DatasetError, String)] = [
        (.noSamples, "Dataset: no samples; pass ifEmpty: .allow to build an empty dataset on purpose"),
        (.emptyDataset(operation: "split"), "split: the dataset is empty; it needs at least one sample"),
        (
            .labelCountMismatch(labels: 3, samples: 4),
            "Dataset: 3 labels for 4 samples; labels.count must equal inputs.shape[0]"
        ),
        (.labelOutOfRange(label: 3, index: 7, classCount: 3), "Dataset: label 3 at index 7 is outside 0..<3"),
        (.nonFinite(value: .nan, sample: 2), "Dataset: inputs must be finite, but sample 2 holds nan"),
        (.nonFinite(value: -.infinity, sample: 0), "Dataset: inputs must be finite, but sample 0 holds -inf"),
        (.inputShape([]), "Dataset: inputs need shape [samples, features...], got shape []"),
        (.classCount(0), "Dataset: classCount must be at least 1, got 0"),
        (.indexOutOfRange(index: 5, count: 3, operation: "subset"), "subset: index 5 is outside 0..<3"),
        (
            .invalidParameter(name: "arms", value: "1", requirement: "at least 2", operation: "Toy2D.spirals"),
            "Toy2D.spirals: arms must be at least 2, got 1"
        ),
        (
            DatasetError.fraction(1.5, name: "trainFraction", operation: "split"),
            "split: trainFraction must be in [0, 1], got 1.5"
        ),
    ]

    @Test("each error reads as its documented sentence", arguments: cases)
    func description(error: DatasetError, text: String) {
        #expect(error.description == text)
        #expect("\(error)" == text)
    }

    @Test("a fraction check accepts [0, 1] and rejects values outside it, NaN included")
    func fractionCheck() throws {
        for ok in [0.0, 0.5, 1.0] {
            try DatasetError.checkFraction(ok, name: "fraction", operation: "subset")
        }
        for bad in [-0.01, 1.01, .nan, .infinity] {
            let error = #expect(throws: DatasetError.self) {
                try DatasetError.checkFraction(bad, name: "fraction", operation: "subset")
            }
            #expect(error?.description == "subset: fraction must be in [0, 1], got \(bad)")
        }
    }
}
