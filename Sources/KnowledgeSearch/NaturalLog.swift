// The C math library for ln: the standard library has no logarithm and Foundation is not needed for it.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

func naturalLog(_ x: Double) -> Double { log(x) }
