import Testing
@testable import UI

@Suite struct ActionTableTests {
    @Test func idsAreUnique() {
        let ids = ActionTable.all.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test func everyActionHasADescriptionAndAContext() {
        for action in ActionTable.all {
            #expect(!action.description.isEmpty, "\(action.id)")
            #expect(!action.contexts.isEmpty, "\(action.id)")
        }
    }

    @Test func idsTheSpecNamesExist() {
        let named: [ActionID] = [
            "goto.hosts", "goto.pools", "goto.vms", "goto.srs", "goto.networks", "log.focus", "nav.top", "nav.bottom",
            "nav.down", "nav.up", "nav.page_down", "nav.page_up", "tree.fold", "tree.unfold", "open", "pane.next",
            "pane.previous", "back", "filter", "search.next", "search.previous", "jump", "command", "mark", "help", "quit",
            "vm.start", "vm.start_on", "vm.shutdown", "vm.hard_shutdown", "vm.reboot", "vm.hard_reboot", "vm.suspend",
            "vm.resume", "vm.pause", "vm.unpause", "vm.snapshot", "vm.clone", "vm.migrate", "vm.destroy", "host.disable",
            "host.enable", "host.reboot", "host.shutdown", "sr.scan", "task.cancel", "log.detail", "log.grow", "log.shrink",
            "details.next_tab", "details.previous_tab",
        ]
        for id in named { #expect(ActionTable.definition(id) != nil, "\(id)") }
    }

    @Test func vmActionsCarryTheirXAPIOperation() {
        let expected: [ActionID: String] = [
            "vm.start": "start", "vm.start_on": "start_on", "vm.shutdown": "clean_shutdown", "vm.hard_shutdown": "hard_shutdown",
            "vm.reboot": "clean_reboot", "vm.hard_reboot": "hard_reboot", "vm.suspend": "suspend", "vm.resume": "resume",
            "vm.pause": "pause", "vm.unpause": "unpause", "vm.snapshot": "snapshot", "vm.clone": "clone",
            "vm.migrate": "pool_migrate", "vm.destroy": "destroy",
        ]
        for (id, operation) in expected {
            #expect(ActionTable.definition(id)?.xapiOperation == operation)
            #expect(ActionTable.vmAction(forOperation: operation)?.id == id)
        }
        for action in ActionTable.all where action.group == .vm {
            #expect(action.mutating && action.target == .vm && action.xapiOperation != nil, "\(action.id)")
        }
    }

    @Test func dangerFlags() {
        for id: ActionID in ["vm.hard_shutdown", "vm.hard_reboot", "vm.destroy", "host.reboot", "host.shutdown"] {
            #expect(ActionTable.definition(id)?.dangerous == true, "\(id)")
        }
        for id: ActionID in ["vm.start", "vm.shutdown", "vm.snapshot", "goto.hosts"] {
            #expect(ActionTable.definition(id)?.dangerous == false, "\(id)")
        }
        let migrate = ActionTable.definition("vm.migrate")
        #expect(migrate?.danger.needsConfirmation(targetCount: 1) == false)
        #expect(migrate?.danger.needsConfirmation(targetCount: 3) == true)
    }

    @Test func readOnlyActionsDoNotMutate() {
        for id: ActionID in ["goto.hosts", "filter", "help", "quit", "log.detail", "mark", "refresh"] {
            #expect(ActionTable.definition(id)?.mutating == false, "\(id)")
        }
    }

    @Test func suggestionsForTypos() {
        #expect(ActionTable.suggestion(for: "vm.strat") == "vm.start")
        #expect(ActionTable.suggestion(for: "goto.host") == "goto.hosts")
        #expect(ActionTable.suggestion(for: "completely-unrelated-words") == nil)
    }
}
