import NotebookDisplay
import Tensors

extension Tensor: RichDisplayable {
    /// A tensor of rank 0, 1 or 2 shows as an HTML table captioned with its dtype and shape
    /// (rows and columns numbered), beside its printed text. With more than 200 elements,
    /// an axis longer than 10 shows its first and last 5 entries around an ellipsis, as
    /// NumPy prints large arrays. Higher ranks show as text only.
    public var displayBundle: DisplayBundle {
        guard rank <= 2, let table = htmlTable else { return DisplayBundle(plainText: description) }
        return DisplayBundle(plainText: description, ["text/html": table.html])
    }

    /// The table of a tensor of rank <= 2 (a vector is one row; a scalar one cell).
    var htmlTable: HTMLTable? {
        guard rank <= 2 else { return nil }
        let rows = rank == 2 ? shape[0] : 1
        let columns = rank == 0 ? 1 : shape[rank - 1]
        let elide = count > 200
        let shownRows = ElidedAxis(count: rows, elide: elide, edgeItems: 5)
        let shownColumns = ElidedAxis(count: columns, elide: elide, edgeItems: 5)
        func withGap<T>(_ items: [T], _ axis: ElidedAxis, _ ellipsis: T) -> [T] {
            guard let gap = axis.gap else { return items }
            var items = items
            items.insert(ellipsis, at: gap)
            return items
        }
        let caption = "Tensor<\(Scalar.dtypeName)> shape \(shape)"
        return withUnsafeBufferPointer { scalars in
            let header: [HTMLTable.Cell] = rank == 0 ? [] :
                [.header("")] + withGap(shownColumns.indices.map { .header(String($0)) }, shownColumns, .header("…"))
            var body: [[HTMLTable.Cell]] = shownRows.indices.map { row in
                let cells: [HTMLTable.Cell] = shownColumns.indices.map { column in
                    .data(ScalarText.element(Double(scalars[row * columns + column])))
                }
                let rowHeader: [HTMLTable.Cell] = rank == 0 ? [] : [.header(rank == 2 ? String(row) : "")]
                return rowHeader + withGap(cells, shownColumns, .data("…"))
            }
            if let gap = shownRows.gap {
                let width = shownColumns.indices.count + (shownColumns.gap == nil ? 0 : 1)
                body.insert([.header("⋮")] + [HTMLTable.Cell](repeating: .data("⋮"), count: width), at: gap)
            }
            return HTMLTable(caption: caption, header: header, rows: body)
        }
    }
}
