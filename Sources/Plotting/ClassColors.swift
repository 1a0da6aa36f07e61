/// The colours of classes and series: the ten of Tableau 10 (matplotlib's default cycle),
/// repeated beyond ten, with lighter shades for class regions and test points.
public enum ClassColors {
    /// 0xrrggbb for index 0...9 (then again from the start).
    public static let base: [Int] = [
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    ]

    /// The full colour of class (or series) `index`.
    public static func color(_ index: Int) -> Int { base[((index % base.count) + base.count) % base.count] }

    /// The colour of `index` mixed with white: `whiteness` 0 is the colour, 1 is white.
    public static func light(_ index: Int, whiteness: Double) -> Int {
        let rgb = color(index)
        let channels = [(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff].map { channel -> Int in
            Int((Double(channel) + (255 - Double(channel)) * whiteness).rounded())
        }
        return channels[0] << 16 | channels[1] << 8 | channels[2]
    }

    /// The class regions of a decision-boundary panel.
    public static func region(_ index: Int) -> Int { light(index, whiteness: 0.78) }

    /// Test points: lighter than training points, darker than the regions.
    public static func testPoint(_ index: Int) -> Int { light(index, whiteness: 0.35) }
}
