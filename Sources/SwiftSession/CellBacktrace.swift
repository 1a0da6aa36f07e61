import Foundation

/// The frames of a trap's stack trace that lie in cell libraries, as cell lines
/// ("Cell In[3]:2:12"), innermost first.
///
/// The runtime prints a frame as "5  libCell3.so  0x00007f...  f(_:) + 180": the function's
/// simplified name and the offset of the return address in it. Cells are compiled with line
/// tables (`-gline-tables-only`) and `#sourceLocation`, so the toolchain's `llvm-nm` (where the
/// function starts in the library), `swift-demangle` (which name is which) and
/// `llvm-symbolizer` (the line at an address) turn each frame into the line the user wrote.
struct CellBacktrace {
    /// One frame in a cell library.
    struct Frame: Equatable {
        /// The library's file name, e.g. "libCell3.so".
        var library: String
        /// The function's simplified name as the runtime printed it, e.g. "f(_:)"; nil when
        /// the runtime printed "<unavailable>" (then `offset` counts from the library's start).
        var function: String?
        /// The return address's offset in the function (or in the library).
        var offset: Int
    }

    /// The frames in cell libraries of the last stack trace in `stackTrace` (the lines after
    /// its last "Current stack trace:"), innermost first. The executor's trap handler writes
    /// one for every trap, after the runtime's own (which unoptimised code prints first).
    static func cellFrames(in stackTrace: [Substring]) -> [Frame] {
        let lastTrace = stackTrace.lastIndex(of: "Current stack trace:").map { stackTrace[($0 + 1)...] } ?? stackTrace[...]
        return lastTrace.compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[0].allSatisfy(\.isNumber), fields[1].hasPrefix("libCell"),
                  fields[1].hasSuffix(".so"), fields[fields.count - 2] == "+", let offset = Int(fields.last!)
            else { return nil }
            let function = fields[3..<(fields.count - 2)].joined(separator: " ")
            return Frame(library: String(fields[1]), function: function == "<unavailable>" ? nil : function, offset: offset)
        }
    }

    /// The cell lines of `frames` ("Cell In[3]:2:12"), innermost first; frames that cannot be
    /// placed are left out. `directory` holds the libraries; `toolDirectory` the toolchain's tools.
    static func locations(of frames: [Frame], directory: URL, toolDirectory: URL) -> [String] {
        var starts: [String: [String: UInt64]] = [:]  // library -> function name -> start address
        var locations: [String] = []
        for frame in frames {
            let library = directory.appendingPathComponent(frame.library).path
            let start: UInt64
            if let function = frame.function {
                if starts[frame.library] == nil {
                    starts[frame.library] = functionStarts(in: library, toolDirectory: toolDirectory)
                }
                guard let found = starts[frame.library]?[function] else { continue }
                start = found
            } else {
                start = 0
            }
            guard frame.offset > 0 else { continue }
            // The return address follows the call; one byte back is inside the calling line.
            let address = start + UInt64(frame.offset) - 1
            if let location = cellLine(at: address, in: library, toolDirectory: toolDirectory) {
                locations.append(location)
            }
        }
        return locations
    }

    /// Function name (simplified, as the runtime prints it) -> start address, for the library's
    /// defined text symbols.
    private static func functionStarts(in library: String, toolDirectory: URL) -> [String: UInt64] {
        guard case .finished(0, let listing) = ToolRun(arguments: [
            toolDirectory.appendingPathComponent("llvm-nm").path, "--defined-only", library,
        ]).wait() else { return [:] }
        var symbols: [(address: UInt64, name: String)] = []
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 3, fields[1] == "T" || fields[1] == "t", let address = UInt64(fields[0], radix: 16) else { continue }
            symbols.append((address, String(fields[2])))
        }
        guard !symbols.isEmpty, case .finished(0, let demangled) = ToolRun(arguments: [
            toolDirectory.appendingPathComponent("swift-demangle").path, "--simplified",
        ] + symbols.map(\.name)).wait() else { return [:] }
        // One line per name: "$s5Cell15thirdyS2iSaySiGF ---> third(_:)".
        var simplified: [String: String] = [:]
        for line in demangled.split(separator: "\n") {
            guard let arrow = line.range(of: " ---> ") else { continue }
            simplified[String(line[..<arrow.lowerBound])] = String(line[arrow.upperBound...])
        }
        var starts: [String: UInt64] = [:]
        for symbol in symbols {
            let name = simplified[symbol.name] ?? symbol.name
            if starts[name] == nil { starts[name] = symbol.address }
        }
        return starts
    }

    /// "Cell In[3]:2:12" for an address of a cell library, from its line table.
    private static func cellLine(at address: UInt64, in library: String, toolDirectory: URL) -> String? {
        guard case .finished(0, let output) = ToolRun(arguments: [
            toolDirectory.appendingPathComponent("llvm-symbolizer").path, "--obj=\(library)",
            "0x" + String(address, radix: 16),
        ]).wait() else { return nil }
        // Function name, then "FILE:LINE:COLUMN"; FILE is the #sourceLocation name, maybe after a folder.
        let lines = output.split(separator: "\n")
        guard lines.count >= 2, let cell = lines[1].range(of: "Cell In[") else { return nil }
        let location = lines[1][cell.lowerBound...]
        let parts = location.split(separator: ":")
        guard parts.count >= 3, let line = Int(parts[parts.count - 2]), line > 0 else { return nil }
        return String(location)
    }
}
