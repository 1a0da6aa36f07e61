import Attacks

/// One robustness curve to measure on every trained model: the model's accuracy on its
/// seed's test set after an attack at each epsilon, the examples crafted on the model
/// itself (white-box) or on the seed's `BlackBoxSource` (black-box, transfer). Its values
/// are the quantities `Quantity.robustAccuracy(name, epsilon:)`, "robust_<name>_eps<E>".
///
/// With several attacks a test point counts as robust only if the model classifies it
/// correctly after every one of them: per point the strongest of the attacks (iterative
/// FGSM and PGD from several random starts, say).
///
///     RobustnessCurve("ifgsm_whitebox", .iterativeFGSM(epsilon: 0, loss: .logitMargin), epsilons: [0.05, 0.1])
///     RobustnessCurve("ifgsm_blackbox", .iterativeFGSM(epsilon: 0, loss: .logitMargin), epsilons: [0.05, 0.1], craftedOn: source)
///     RobustnessCurve("strongest_whitebox", strongestOf: [.iterativeFGSM(epsilon: 0), .pgd(epsilon: 0, seed: 0)], epsilons: [0.1])
public struct RobustnessCurve {
    /// The curve's name in its quantities: "ifgsm_whitebox" gives "robust_ifgsm_whitebox_eps0.1".
    public var name: String
    /// The attacks; each one's own size is replaced by every epsilon (`Attack.withEpsilon`).
    public var attacks: [Attack]
    /// The attack sizes, each >= 0.
    public var epsilons: [Double]
    /// Where the examples are crafted: nil for the model itself (white-box).
    public var source: BlackBoxSource?

    /// The curve of one attack.
    public init(_ name: String, _ attack: Attack, epsilons: [Double], craftedOn source: BlackBoxSource? = nil) {
        self.init(name, strongestOf: [attack], epsilons: epsilons, craftedOn: source)
    }

    /// The curve of the strongest of several attacks, per test point.
    public init(_ name: String, strongestOf attacks: [Attack], epsilons: [Double], craftedOn source: BlackBoxSource? = nil) {
        guard !name.isEmpty, !attacks.isEmpty, !epsilons.isEmpty else {
            fatalError("a robustness curve needs a name, at least one attack and at least one epsilon")
        }
        guard epsilons.allSatisfy({ $0 >= 0 && $0.isFinite }), Set(epsilons).count == epsilons.count else {
            fatalError("the robustness curve \"\(name)\" needs distinct epsilons >= 0, got \(epsilons)")
        }
        self.name = name
        self.attacks = attacks
        self.epsilons = epsilons
        self.source = source
    }

    /// The names of its values, one per epsilon.
    public var quantityNames: [String] { epsilons.map { Quantity.robustAccuracy(name, epsilon: $0) } }
}

extension Quantity {
    /// The name of a robustness curve's value at `epsilon`: "robust_<curve>_eps<epsilon>".
    ///
    ///     Quantity.robustAccuracy("ifgsm_whitebox", epsilon: 0.1)   // "robust_ifgsm_whitebox_eps0.1"
    public static func robustAccuracy(_ curve: String, epsilon: Double) -> String { "robust_\(curve)_eps\(epsilon)" }
}
