/// The generator's SplitMix64 (Data/SimRandom.swift), also used by the store for the refs and
/// uuids it creates and by the churn, so a seed repeats a whole session.
extension SimRandom: RandomNumberGenerator {
    mutating func ref() -> String { "OpaqueRef:" + uuid() }
}
