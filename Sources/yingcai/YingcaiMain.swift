import ArgumentParser
import YingcaiApp

/// The `yingcai` binary; its commands live in YingcaiApp.
@main
struct YingcaiMain: AsyncParsableCommand {
    static let configuration = YingcaiCommand.configuration
}
