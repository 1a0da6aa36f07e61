/// One run of a sweep: a value for every parameter of the grid and, when the sweep spreads
/// seeds (`--seeds N`), the seed the run trains with.
///
/// Its directory name lists the parameters sorted by name, then the seed:
/// `quick=true,trainCount=30,seed=1`. Characters outside `A-Z a-z 0-9 . _ + - =` in values are
/// written `%XX` (so `%`, `/` and `,` cannot be confused), which keeps the names of a grid's
/// points distinct: they all have the same parameters, a parameter name has no `=` or `,`, and a
/// value has no `,`. (Across grids written to one folder, the run record's parameters tell
/// points apart: `-p seed=0` alone and `--seeds` seed 0 share a name, and the record reruns it.)
public struct SweepPoint: Sendable, Hashable, Codable {
    /// A parameter's name and value.
    public struct Parameter: Sendable, Hashable, Codable {
        /// The parameter's name.
        public var name: String
        /// Its value, as given to `swift-margin run -p name=value`.
        public var value: String

        /// A parameter and its value.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The grid's parameters, in the order of the command line.
    public var parameters: [Parameter]
    /// The seed of this run, when the sweep spreads seeds; nil when the notebook's own seeds run.
    public var seed: Int?
    /// The parameters that put this point's seed into the notebook (`seeds=1`, `firstSeed=S`);
    /// empty when `seed` is nil.
    public var seedParameters: [Parameter]

    /// A point of the grid.
    public init(parameters: [Parameter], seed: Int? = nil, seedParameters: [Parameter] = []) {
        self.parameters = parameters
        self.seed = seed
        self.seedParameters = seedParameters
    }

    /// Everything the run is given with `-p`: the grid's parameters, then the seed's.
    public var runParameters: [Parameter] { parameters + seedParameters }

    /// `-p name=value` for each run parameter, for `swift-margin run`.
    public var runArguments: [String] { runParameters.flatMap { ["-p", "\($0.name)=\($0.value)"] } }

    /// The value of parameter `name`, if the point sets it.
    public func value(of name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// The point's folder name under `runs/` (see the type's description). A name longer than
    /// 200 bytes is cut and ends in a hash of the whole, so it stays below file-name limits.
    public var directoryName: String {
        var fields = parameters.sorted { $0.name < $1.name }.map { "\($0.name)=\(Self.escaped($0.value))" }
        if let seed { fields.append("seed=\(seed)") }
        let name = fields.isEmpty ? "default" : fields.joined(separator: ",")
        guard name.utf8.count > 200 else { return name }
        let digest = ContentHash.sha256(Array(name.utf8)).prefix(16)
        return String(decoding: Array(name.utf8.prefix(180)), as: UTF8.self) + "~" + digest
    }

    /// `value` with every byte outside the safe set written as `%XX`.
    static func escaped(_ value: String) -> String {
        var text = ""
        for byte in value.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 128, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._+-=".unicodeScalars.contains(scalar) {
                text.unicodeScalars.append(scalar)
            } else {
                text += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        // A name must not start with a dot (hidden, or the temporary folders' prefix).
        return text.hasPrefix(".") ? "%2E" + text.dropFirst() : text
    }
}

extension String {
    /// The string with zeros in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
