import ArgumentParser
import Foundation
import YingcaiApp

/// The `yingcai` binary; its commands live in YingcaiApp.
@main
struct YingcaiMain: AsyncParsableCommand {
    static let configuration = YingcaiCommand.configuration

    /// As ArgumentParser runs a command, but a database error says what the database said (the
    /// driver's own description hides it), without the statement's values.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if let text = OperatorError.describe(error) {
                FileHandle.standardError.write(Data("Error: \(text)\n".utf8))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }
}
