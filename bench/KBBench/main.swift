import Foundation

// kb-bench: the hotline knowledge base benchmark's Swift side (see bench/kb.sh).
//   kb-bench evaluate [--out DIR] [--synonyms FILE] [--dump]   recall@5, MRR and p95 of the in-memory search
//   kb-bench export [--out DIR] [--synonyms FILE] [--sample N]  stored tokens and expressions for check_backends.py
let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, _ fallback: String) -> String {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return fallback }
    return arguments[i + 1]
}
let out = option("--out", "bench/out")
let synonyms = option("--synonyms", "bench/kb/synonyms.csv")
do {
    switch arguments.first {
    case "evaluate":
        try Evaluate.run(out: out, synonymsPath: synonyms, dump: arguments.contains("--dump"))
    case "export":
        try Export.run(out: out, synonymsPath: synonyms, sample: Int(option("--sample", "5000")) ?? 5000)
    default:
        FileHandle.standardError.write(Data("usage: kb-bench evaluate|export [--out DIR] [--synonyms FILE]\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("kb-bench: \(error)\n".utf8))
    exit(1)
}
