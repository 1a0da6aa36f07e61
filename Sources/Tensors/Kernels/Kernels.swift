/// The loops behind `TensorScalar`'s kernel requirements, written once and specialised by
/// the compiler for `Float` and `Double` (each conformance calls them with its own type).
enum Kernels {
    @inline(__always)
    static func unary<S: TensorScalar>(_ kernel: UnaryKernel, _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, count: Int) {
        switch kernel {
        case .negate: map(x, out, count) { -$0 }
        case .exp: map(x, out, count) { S.exp($0) }
        case .log: map(x, out, count) { S.log($0) }
        case .sqrt: map(x, out, count) { $0.squareRoot() }
        case .tanh: map(x, out, count) { S.tanh($0) }
        case .sigmoid:
            map(x, out, count) { v in
                if v >= 0 { return 1 / (1 + S.exp(-v)) }
                let e = S.exp(v)
                return e / (1 + e)
            }
        case .relu: map(x, out, count) { $0 > 0 ? $0 : 0 }
        case .abs: map(x, out, count) { Swift.abs($0) }
        case .sign: map(x, out, count) { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
        case .positiveMask: map(x, out, count) { $0 > 0 ? 1 : 0 }
        }
    }

    @inline(__always)
    private static func map<S>(_ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ count: Int, _ f: (S) -> S) {
        for i in 0..<count { out[i] = f(x[i]) }
    }

    @inline(__always)
    static func binary<S: TensorScalar>(
        _ kernel: BinaryKernel, _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>,
        layout: BroadcastLayout
    ) {
        switch kernel {
        case .add: zip(a, b, out, layout) { $0 + $1 }
        case .subtract: zip(a, b, out, layout) { $0 - $1 }
        case .multiply: zip(a, b, out, layout) { $0 * $1 }
        case .divide: zip(a, b, out, layout) { $0 / $1 }
        case .pow: zip(a, b, out, layout) { S.pow($0, $1) }
        case .maximum: zip(a, b, out, layout) { $0 >= $1 || $1.isNaN ? $0 : $1 }
        case .minimum: zip(a, b, out, layout) { $0 <= $1 || $1.isNaN ? $0 : $1 }
        case .greater: zip(a, b, out, layout) { $0 > $1 ? 1 : 0 }
        case .greaterOrEqual: zip(a, b, out, layout) { $0 >= $1 ? 1 : 0 }
        case .less: zip(a, b, out, layout) { $0 < $1 ? 1 : 0 }
        case .lessOrEqual: zip(a, b, out, layout) { $0 <= $1 ? 1 : 0 }
        case .equal: zip(a, b, out, layout) { $0 == $1 ? 1 : 0 }
        case .keepWherePositive: zip(a, b, out, layout) { $1 > 0 ? $0 : 0 }
        }
    }

    @inline(__always)
    private static func zip<S>(
        _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ layout: BroadcastLayout,
        _ f: (S, S) -> S
    ) {
        let count = layout.count
        switch layout.kind {
        case .contiguous:
            for i in 0..<count { out[i] = f(a[i], b[i]) }
        case .scalarRight:
            let s = b[0]
            for i in 0..<count { out[i] = f(a[i], s) }
        case .scalarLeft:
            let s = a[0]
            for i in 0..<count { out[i] = f(s, b[i]) }
        case .general:
            let shape = layout.outputShape
            let rank = shape.count
            let inner = shape[rank - 1]
            let sa = layout.leftStrides[rank - 1]
            let sb = layout.rightStrides[rank - 1]
            var index = [Int](repeating: 0, count: rank)
            var ao = 0
            var bo = 0
            var o = 0
            while o < count {
                // Constant inner strides let the compiler vectorise the common cases
                // (a bias added to every row, a column scaling every row).
                let ar = a + ao, br = b + bo, orow = out + o
                switch (sa, sb) {
                case (1, 1): for j in 0..<inner { orow[j] = f(ar[j], br[j]) }
                case (1, 0): let s = br[0]; for j in 0..<inner { orow[j] = f(ar[j], s) }
                case (0, 1): let s = ar[0]; for j in 0..<inner { orow[j] = f(s, br[j]) }
                default: for j in 0..<inner { orow[j] = f(ar[j * sa], br[j * sb]) }
                }
                o += inner
                var axis = rank - 2
                while axis >= 0 {
                    index[axis] += 1
                    ao += layout.leftStrides[axis]
                    bo += layout.rightStrides[axis]
                    if index[axis] < shape[axis] { break }
                    ao -= layout.leftStrides[axis] * shape[axis]
                    bo -= layout.rightStrides[axis] * shape[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
    }

    @inline(__always)
    static func reduce<S: TensorScalar>(
        _ kernel: ReductionKernel, _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, layout: ReductionLayout
    ) {
        switch kernel {
        case .sum: addUp(x, out, layout) { $0 }
        case .sumOfSquares: addUp(x, out, layout) { $0 * $0 }
        case .sumOfMagnitudes: addUp(x, out, layout) { Swift.abs($0) }
        case .maxMagnitude: fold(x, out, layout, initial: 0) { Swift.abs($1) > $0 || $1.isNaN ? Swift.abs($1) : $0 }
        case .max: fold(x, out, layout, initial: -S.infinity) { $1 > $0 || $1.isNaN ? $1 : $0 }
        }
    }

    /// The sums of `term` over the reduced axes: rows (and everything into one) by `rowSum`, the
    /// other layouts by `fold`.
    @inline(__always)
    private static func addUp<S: TensorScalar>(
        _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ layout: ReductionLayout, _ term: (S) -> S
    ) {
        switch layout.kind {
        case .all: out[0] = rowSum(x, count: layout.inputCount, term)
        case .rows(let outer, let inner): for r in 0..<outer { out[r] = rowSum(x + r * inner, count: inner, term) }
        case .columns, .general: fold(x, out, layout, initial: 0) { $0 + term($1) }
        }
    }

    /// The sum of `term` over `count` consecutive values, in eight interleaved partial sums
    /// (element i into sum i mod 8, then the sums pairwise, then the leftover tail): one
    /// vector's worth of independent additions instead of a chain of dependent ones, so
    /// the loop vectorises and runs at memory speed. The order is fixed: the same values give
    /// the same sum.
    @inline(__always)
    static func rowSum<S: TensorScalar>(_ row: UnsafePointer<S>, count: Int, _ term: (S) -> S) -> S {
        var (s0, s1, s2, s3, s4, s5, s6, s7) = (S(0), S(0), S(0), S(0), S(0), S(0), S(0), S(0))
        var j = 0
        while j + 8 <= count {
            s0 += term(row[j]); s1 += term(row[j + 1]); s2 += term(row[j + 2]); s3 += term(row[j + 3])
            s4 += term(row[j + 4]); s5 += term(row[j + 5]); s6 += term(row[j + 6]); s7 += term(row[j + 7])
            j += 8
        }
        var tail = S(0)
        while j < count {
            tail += term(row[j])
            j += 1
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)) + tail
    }

    @inline(__always)
    private static func fold<S>(
        _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ layout: ReductionLayout, initial: S,
        _ f: (S, S) -> S
    ) {
        switch layout.kind {
        case .all:
            var acc = initial
            for i in 0..<layout.inputCount { acc = f(acc, x[i]) }
            out[0] = acc
        case .rows(let outer, let inner):
            for r in 0..<outer {
                var acc = initial
                let row = x + r * inner
                for j in 0..<inner { acc = f(acc, row[j]) }
                out[r] = acc
            }
        case .columns(let outer, let inner):
            for j in 0..<inner { out[j] = initial }
            for r in 0..<outer {
                let row = x + r * inner
                for j in 0..<inner { out[j] = f(out[j], row[j]) }
            }
        case .general(let outputStrides):
            for j in 0..<layout.outputCount { out[j] = initial }
            let shape = layout.inputShape
            let rank = shape.count
            var index = [Int](repeating: 0, count: rank)
            var o = 0
            for i in 0..<layout.inputCount {
                out[o] = f(out[o], x[i])
                var axis = rank - 1
                while axis >= 0 {
                    index[axis] += 1
                    o += outputStrides[axis]
                    if index[axis] < shape[axis] { break }
                    o -= outputStrides[axis] * shape[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
    }
}
