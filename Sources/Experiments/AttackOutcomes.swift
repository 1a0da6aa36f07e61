import Attacks
import Models
import Tensors

/// Which test points of a seed a model still classifies correctly after each attack, found
/// point by point as curves ask for them: an attack crafted on the model itself is run only on
/// the points asked about that it has not been run on yet; one crafted on a black-box source
/// is read from the source's examples of the whole test set. Nothing is kept between models.
struct AttackOutcomes {
    let model: Sequential<Float>
    let split: SplitData
    let range: ClosedRange<Double>?
    /// Per attack and source, each point's outcome (nil: not attacked yet).
    private var known: [(attack: Attack, source: BlackBoxSource?, correct: [Bool?])] = []

    init(model: Sequential<Float>, split: SplitData, range: ClosedRange<Double>?) {
        self.model = model
        self.split = split
        self.range = range
    }

    /// For each point: whether it is among `candidates` and still correctly classified after
    /// `attack` (crafted on `source`, or on the model when nil).
    mutating func survivors(of attack: Attack, craftedOn source: BlackBoxSource?, among candidates: [Bool]) -> [Bool] {
        let test = split.test
        let index = known.firstIndex { $0.attack == attack && $0.source === source } ?? {
            known.append((attack, source, [Bool?](repeating: nil, count: test.count)))
            return known.count - 1
        }()
        let missing = candidates.indices.filter { candidates[$0] && known[index].correct[$0] == nil }
        if !missing.isEmpty, let source {
            let crafted = source.examples(for: split, under: attack, clippedTo: range)
            for (point, flag) in correctlyClassified(by: model, inputs: crafted, labels: test.labels).enumerated() {
                known[index].correct[point] = flag
            }
        } else if !missing.isEmpty {
            let labels = missing.map { test.labels[$0] }
            let inputs = missing.count == test.count ? test.inputs : test.inputs.gathering(atIndices: missing)
            let crafted = attack.perturb(inputs, labels: labels, against: model, clippedTo: range)
            for (point, flag) in zip(missing, correctlyClassified(by: model, inputs: crafted, labels: labels)) {
                known[index].correct[point] = flag
            }
        }
        return candidates.indices.map { candidates[$0] && known[index].correct[$0]! }
    }
}
