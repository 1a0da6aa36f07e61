/// Which entries of an axis a table shows: all of them, or the first and last few with
/// an ellipsis between (NumPy's elision, sized for HTML).
public struct ElidedAxis: Equatable, Sendable {
    /// The indices shown, in order.
    public let indices: [Int]
    /// The position in `indices` before which the ellipsis goes, if anything is left out.
    public let gap: Int?

    /// All of `0..<count`, or, when `elide` and the axis is longer than `2 * edgeItems`, the
    /// first and last `edgeItems`.
    public init(count: Int, elide: Bool, edgeItems: Int) {
        if elide && count > 2 * edgeItems {
            indices = Array(0..<edgeItems) + Array((count - edgeItems)..<count)
            gap = edgeItems
        } else {
            indices = Array(0..<count)
            gap = nil
        }
    }
}
