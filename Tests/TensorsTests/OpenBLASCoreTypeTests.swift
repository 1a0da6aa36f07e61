import Tensors
import Testing

extension TensorsSuite {
    @Suite("Choosing OpenBLAS's kernels")
    struct OpenBLASCoreTypeTests {
        typealias Feature = OpenBLASCoreType.Feature
        static let avx512: Set<Feature> = [.avx512f, .avx512bw, .avx512vl, .avx512dq, .avx512cd]

        @Test("the full AVX-512 set gives SkylakeX, on Intel and AMD")
        func skylakeX() {
            #expect(OpenBLASCoreType.choose(for: Self.avx512.union([.avx, .avx2, .fma, .vendorIntel])) == "SkylakeX")
            #expect(OpenBLASCoreType.choose(for: Self.avx512.union([.avx, .avx2, .fma, .vendorAMD])) == "SkylakeX")
        }

        @Test("AVX2 with FMA gives Zen on AMD and Haswell on Intel or an unknown vendor")
        func avx2() {
            #expect(OpenBLASCoreType.choose(for: [.avx, .avx2, .fma, .vendorAMD]) == "Zen")
            #expect(OpenBLASCoreType.choose(for: [.avx, .avx2, .fma, .vendorIntel]) == "Haswell")
            #expect(OpenBLASCoreType.choose(for: [.avx, .avx2, .fma]) == "Haswell")
        }

        @Test("AVX alone, or AVX2 without FMA, gives Sandybridge")
        func avxOnly() {
            #expect(OpenBLASCoreType.choose(for: [.avx, .vendorIntel]) == "Sandybridge")
            #expect(OpenBLASCoreType.choose(for: [.avx, .avx2, .vendorAMD]) == "Sandybridge")
        }

        @Test("no vector extensions leaves the choice to OpenBLAS")
        func none() {
            #expect(OpenBLASCoreType.choose(for: []) == nil)
            #expect(OpenBLASCoreType.choose(for: [.vendorIntel]) == nil)
            #expect(OpenBLASCoreType.choose(for: [.fma, .vendorAMD]) == nil)
        }

        @Test(
            "AVX-512F without all of BW, VL, DQ and CD is not SkylakeX",
            arguments: [Feature.avx512bw, .avx512vl, .avx512dq, .avx512cd])
        func partialAVX512(missing: Feature) {
            var features = Self.avx512.union([.avx, .avx2, .fma, .vendorIntel])
            features.remove(missing)
            #expect(OpenBLASCoreType.choose(for: features) == "Haswell")
            #expect(OpenBLASCoreType.choose(for: [.avx512f, .avx]) == "Sandybridge")
        }

        @Test("on this machine OpenBLAS runs tuned kernels, not the generic Prescott ones")
        func loadedKernels() {
            let configuration = BLAS.configuration
            #expect(!configuration.coreName.isEmpty)
            #expect(configuration.coreName.lowercased() != "prescott")
            #expect(configuration.threadCount >= 1)
            // When the loader chose the kernels, OpenBLAS reports the same name.
            if let chosen = OpenBLASCoreType.choose(for: BLAS.cpuFeatures),
                configuration.coreTypeSetting.contains("chosen from the CPU's features")
            {
                #expect(configuration.coreName.lowercased() == chosen.lowercased())
            }
        }
    }
}
