import Foundation

/// JSON whose non-finite numbers (a quantity that is NaN at a seed) travel as the strings
/// "nan", "inf" and "-inf", keys sorted so the same value writes the same bytes: how a forked
/// run's result comes back (`ForkedRuns`) and how a runs file is written (`RunsFile`).
enum NonFiniteJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }()
}
