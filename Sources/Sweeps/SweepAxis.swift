/// One parameter of a sweep and the values it takes, in the order given on the command line:
/// `-p trainCount=30,60` is `SweepAxis(name: "trainCount", values: ["30", "60"])`. A value is
/// the text `swift-margin run -p name=value` receives; a sweep never interprets it.
public struct SweepAxis: Sendable, Equatable, Codable {
    /// The parameter's name (a Swift identifier).
    public var name: String
    /// Its values, at least one, none twice.
    public var values: [String]

    /// An axis with its values; the error names an empty or repeated value.
    public init(name: String, values: [String]) throws(SweepError) {
        guard name.first.map({ $0.isLetter || $0 == "_" }) == true, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw SweepError("\"\(name)\" is not a parameter name (a Swift identifier such as trainCount)")
        }
        guard !values.isEmpty, !values.contains(where: \.isEmpty) else {
            throw SweepError("parameter \(name) has an empty value: give -p \(name)=v1,v2,... with no empty entry")
        }
        var seen = Set<String>()
        for value in values where !seen.insert(value).inserted {
            throw SweepError("parameter \(name) lists the value \(value) twice")
        }
        self.name = name
        self.values = values
    }

    /// Parses one `-p` argument, `name=v1,v2,...` (a single value is an axis of one point).
    ///
    ///     try SweepAxis(argument: "trainCount=30,60")   // trainCount: ["30", "60"]
    public init(argument: String) throws(SweepError) {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
            throw SweepError("a sweep parameter is name=v1,v2,..., not \"\(argument)\"")
        }
        let name = String(argument[..<equals])
        let list = argument[argument.index(after: equals)...]
        try self.init(name: name, values: list.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
    }

    /// Whether the axis takes more than one value (a parameter that is swept, not just set).
    public var isSwept: Bool { values.count > 1 }
}
