/// A straight piece of a drawn line, from `start` to `end`.
public struct LineSegment: Equatable {
    public var start: (x: Double, y: Double)
    public var end: (x: Double, y: Double)

    public static func == (lhs: LineSegment, rhs: LineSegment) -> Bool {
        lhs.start == rhs.start && lhs.end == rhs.end
    }
}

/// The zero level line of values sampled on a grid, by marching squares: in every square of
/// four neighbouring samples whose signs differ, the crossings on its edges (linearly
/// interpolated) are joined. A sample counts as inside when its value is > 0. Saddle squares
/// (inside at two opposite corners) are resolved by the mean of the four corners. Squares
/// with a value that is not finite are skipped.
public enum MarchingSquares {
    /// - Parameters:
    ///   - values: `xs.count * ys.count` samples, row by row: `values[row * xs.count + column]`
    ///     is the value at `(xs[column], ys[row])`.
    /// - Returns: The segments of the level line, square by square.
    public static func zeroLevel(values: [Double], xs: [Double], ys: [Double]) -> [LineSegment] {
        guard values.count == xs.count * ys.count else { fatalError("marching squares needs one value per grid point") }
        var segments: [LineSegment] = []
        guard xs.count >= 2, ys.count >= 2 else { return segments }
        for row in 0..<(ys.count - 1) {
            for column in 0..<(xs.count - 1) {
                // Corners counter-clockwise from the lower left; edge k joins corner k and k+1.
                let corners = [(column, row), (column + 1, row), (column + 1, row + 1), (column, row + 1)]
                let v = corners.map { values[$0.1 * xs.count + $0.0] }
                guard v.allSatisfy(\.isFinite) else { continue }
                let inside = v.map { $0 > 0 }
                var crossings: [Int: (x: Double, y: Double)] = [:]
                for edge in 0..<4 where inside[edge] != inside[(edge + 1) % 4] {
                    let (a, b) = (corners[edge], corners[(edge + 1) % 4])
                    let t = v[edge] / (v[edge] - v[(edge + 1) % 4])
                    crossings[edge] = (xs[a.0] + t * (xs[b.0] - xs[a.0]), ys[a.1] + t * (ys[b.1] - ys[a.1]))
                }
                let edges = crossings.keys.sorted()
                switch edges.count {
                case 2:
                    segments.append(LineSegment(start: crossings[edges[0]]!, end: crossings[edges[1]]!))
                case 4:
                    let centreInside = v.reduce(0, +) / 4 > 0
                    // Cut off the two corners whose side the centre is not on.
                    let pairs = centreInside == inside[0] ? [(0, 1), (2, 3)] : [(3, 0), (1, 2)]
                    for (first, second) in pairs {
                        segments.append(LineSegment(start: crossings[first]!, end: crossings[second]!))
                    }
                default:
                    break
                }
            }
        }
        return segments
    }
}
