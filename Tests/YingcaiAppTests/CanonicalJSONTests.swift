import Foundation
import Testing
import TalentCode

/// The canonical form an idempotent request is recognised by: the same object however its keys are
/// ordered or spaced; a different object, array order or value is a different request.
@Suite("Canonical JSON of a request body")
struct CanonicalJSONTests {
    func canon(_ text: String) -> String? {
        CanonicalJSON.text(of: Array(text.utf8))
    }

    @Test("key order and whitespace do not matter; nested objects are sorted too; arrays keep their order")
    func sameRequest() {
        let a = canon(#"{"title":"咨询","contact":{"phone":"13800000000","name":"王"},"tags":[3,1,{"b":true,"a":null}],"n":-1.5e3}"#)
        let b = canon(" {\n \"n\" : -1.5e3, \"tags\" : [ 3 , 1 , { \"a\" : null , \"b\" : true } ],\t\"contact\":{\"name\":\"王\",\"phone\":\"13800000000\"},\"title\":\"咨询\" } ")
        #expect(a != nil)
        #expect(a == b)
        #expect(a == #"{"contact":{"name":"王","phone":"13800000000"},"n":-1.5e3,"tags":[3,1,{"a":null,"b":true}],"title":"咨询"}"#)
        #expect(canon(#"{"tags":[1,3]}"#) != canon(#"{"tags":[3,1]}"#))
        #expect(canon(#"{"a":"1"}"#) != canon(#"{"a":1}"#))
        #expect(canon(#"{"a":true}"#) != canon(#"{"a":1}"#))
        #expect(canon("[0, -0.5, 12e3, 1E-2, -7]") == "[0,-0.5,12e3,1E-2,-7]")
    }

    @Test("quotes, braces and commas inside strings are text, not structure")
    func strings() {
        #expect(canon(#"{"b":"x\",\"a\":{","a":"}]"}"#) == #"{"a":"}]","b":"x\",\"a\":{"}"#)
        #expect(canon(#"["\\",""]"#) == #"["\\",""]"#)
    }

    @Test("text that is not JSON (or repeats a key) has no canonical form", arguments: [
        "", "{", "}", "[1,]", "[,1]", #"{"a" 1}"#, #"{"a":1,}"#, "tru", "nul", "1x", "--1", "01", "1.", ".5", "1e", "-", "+1", "1.5e+", #""open"#, "{} {}", "[1] x",
        "\"tab\there\"", #"{"a":1,"a":2}"#, String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
    ])
    func invalid(_ text: String) {
        #expect(canon(text) == nil)
    }

    @Test("every key order of random objects gives one canonical form, equal to Foundation's sorted serialisation")
    func property() throws {
        var rng = SystemRandomNumberGenerator()
        func randomValue(_ depth: Int) -> Any {
            switch Int.random(in: 0..<(depth > 2 ? 4 : 6), using: &rng) {
            case 0: return Int.random(in: -1000...1000, using: &rng)
            case 1: return ["人才", "a\"b", "x,y", "{}", ""].randomElement(using: &rng)!
            case 2: return Bool.random(using: &rng)
            case 3: return NSNull()
            case 4: return (0..<Int.random(in: 0...3, using: &rng)).map { _ in randomValue(depth + 1) }
            default:
                var d: [String: Any] = [:]
                for k in ["k", "a", "zz", "名", "b1"].shuffled(using: &rng).prefix(Int.random(in: 0...5, using: &rng)) { d[k] = randomValue(depth + 1) }
                return d
            }
        }
        for _ in 0..<300 {
            var object: [String: Any] = [:]
            for k in ["title", "contact", "form", "a", "z"] { object[k] = randomValue(0) }
            let sorted = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
            let plain = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes]), as: UTF8.self)
            #expect(canon(plain) == canon(sorted))
            #expect(canon(sorted) == sorted)
        }
    }
}
