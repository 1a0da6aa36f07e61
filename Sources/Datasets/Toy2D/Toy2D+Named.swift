/// The toy problems a notebook parameter names.
extension Toy2D {
    /// The names `named(_:)` knows, in order.
    public static let names = ["moons", "circles", "spirals", "blobs", "xor"]

    /// The notebooks' toy problem called `name`: "moons" (`twoMoons(noise: 0.1)`), "circles"
    /// (`circles(noise: 0.05, factor: 0.5)`), "spirals" (three arms, one turn, noise 0.05),
    /// "blobs" (ten centres, standard deviation 0.15) or "xor" (standard deviation 0.15).
    ///
    ///     let problem = try Toy2D.named("blobs")   // ten classes
    ///
    /// - Throws: `DatasetError.invalidParameter` naming the known names for any other name.
    public static func named(_ name: String) throws -> Toy2D {
        switch name {
        case "moons": return .twoMoons(noise: 0.1)
        case "circles": return .circles(noise: 0.05, factor: 0.5)
        case "spirals": return .spirals(arms: 3, noise: 0.05, turns: 1)
        case "blobs": return .blobs(centers: 10, standardDeviation: 0.15)
        case "xor": return .xor(standardDeviation: 0.15)
        default:
            throw DatasetError.invalidParameter(
                name: "dataset", value: name, requirement: "one of \(names.joined(separator: ", "))", operation: "Toy2D.named")
        }
    }
}
