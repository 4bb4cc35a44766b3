/// SplitMix64: a tiny, fast, seedable generator, so that a seed always yields the same pools
/// on every platform (Swift's own generators are neither seedable nor stable).
struct SimRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `range` (the tiny modulo bias is irrelevant for made-up data).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % span)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    /// Picks by weight; `weights` must not be empty.
    mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var roll = Int(next() % UInt64(max(total, 1)))
        for (item, weight) in items {
            if roll < weight { return item }
            roll -= weight
        }
        return items[items.count - 1].0
    }

    /// A version-4 UUID in the canonical 8-4-4-4-12 lowercase form.
    mutating func uuid() -> String {
        let high = (next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        var bytes = [UInt8]()
        bytes.reserveCapacity(36)
        func hex(_ value: UInt64, _ digits: Int) {
            var shift = (digits - 1) * 4
            while shift >= 0 {
                bytes.append(hexDigits[Int((value >> UInt64(shift)) & 0xF)])
                shift -= 4
            }
        }
        hex(high >> 32, 8); bytes.append(45)
        hex((high >> 16) & 0xFFFF, 4); bytes.append(45)
        hex(high & 0xFFFF, 4); bytes.append(45)
        hex(low >> 48, 4); bytes.append(45)
        hex(low & 0xFFFF_FFFF_FFFF, 12)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A locally administered unicast MAC, the kind xapi generates for VIFs.
    mutating func mac() -> String {
        let v = next()
        var parts = [String]()
        parts.reserveCapacity(6)
        for i in 0..<6 {
            var byte = UInt8((v >> UInt64(i * 8)) & 0xFF)
            if i == 0 { byte = (byte & 0xFC) | 0x02 }
            parts.append(String(byte, radix: 16).leftPadded(2))
        }
        return parts.joined(separator: ":")
    }
}

private let hexDigits = Array("0123456789abcdef".utf8)

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
