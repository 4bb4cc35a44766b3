import Terminal
import Testing
import XAPI
@testable import UI

@Suite("Screen layout: panes per size, degrading without crashing")
struct LayoutTests {
    @Test func standardSizeHasAllPanes() {
        let layout = ScreenLayout(size: Size(width: 80, height: 24), logHeight: 6)
        #expect(!layout.isTooSmall)
        #expect(layout.tree == Rect(x: 1, y: 1, width: 26, height: 16))
        #expect(layout.separatorX == 27)
        #expect(layout.details == Rect(x: 28, y: 1, width: 51, height: 16))
        #expect(layout.logTitleY == 17)
        #expect(layout.log == Rect(x: 1, y: 18, width: 78, height: 5))
    }

    @Test func narrowTerminalsLoseTheDetailsPane() {
        let layout = ScreenLayout(size: Size(width: 59, height: 24), logHeight: 6)
        #expect(layout.separatorX == nil)
        #expect(layout.details.isEmpty)
        #expect(layout.tree.width == 57)
        #expect(ScreenLayout(size: Size(width: 60, height: 24), logHeight: 6).separatorX == 25)
    }

    @Test func shortTerminalsShrinkTheLogPaneAndTallLogsLeaveRoomForTheTree() {
        #expect(ScreenLayout(size: Size(width: 80, height: 15), logHeight: 6).log.height == 1)
        let tall = ScreenLayout(size: Size(width: 80, height: 20), logHeight: 30)
        #expect(tall.tree.height == 4)
    }

    @Test func tooSmallBelowTwentyBySix() {
        #expect(ScreenLayout(size: Size(width: 19, height: 24), logHeight: 6).isTooSmall)
        #expect(ScreenLayout(size: Size(width: 80, height: 5), logHeight: 6).isTooSmall)
        #expect(!ScreenLayout(size: Size(width: 20, height: 6), logHeight: 6).isTooSmall)
    }

    /// Sizes around every threshold, with popups, a filter, a bad filter, the command line with
    /// candidates and the jump popup: a frame of exactly that size.
    @Test func everySizeRendersAFrameOfThatSize() {
        var states = [AppFixture.state(), AppFixture.state(readOnly: true)]
        states[1].handle("help")
        var filtered = AppFixture.state()
        filtered.handle("filter")
        filtered.setFilter("web")
        states.append(filtered)
        let keymap = Keymap.builtInDefault
        var waiting = AppFixture.state()
        waiting.press("g", keymap: keymap)
        states.append(waiting)
        var commanding = AppFixture.state()
        for key in [":", "g", "o", "t", "o", "space", "tab"] { commanding.press(key, keymap: keymap) }
        states.append(commanding)
        var jumping = AppFixture.state()
        for key in ["ctrl-p", "w"] { jumping.press(key, keymap: keymap) }
        states.append(jumping)
        var badFilter = AppFixture.state()
        for key in ["/", "(", "x"] { badFilter.press(key, keymap: keymap) }
        states.append(badFilter)
        for var state in states {
            for width in [0, 1, 2, 3, 5, 10, 19, 20, 21, 24, 30, 39, 40, 59, 60, 61, 80, 90] {
                for height in [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 15, 16, 17, 24, 30] {
                    let size = Size(width: width, height: height)
                    state.fit(to: size, keymap: keymap)
                    let frame = AppView.render(state, keymap: keymap, theme: .builtInDark, size: size)
                    #expect(frame.size == size)
                }
            }
        }
    }

    @Test func busyObjectsShowABadge() {
        var prod = AppFixture.prod
        var web = prod.vms[Ref("OpaqueRef:web-01")]!
        web.current_operations = ["OpaqueRef:task-1": .cleanReboot]
        prod.vms.upsert(Ref("OpaqueRef:web-01"), web)
        var state = AppFixture.state()
        state.apply(pool: "prod", kind: .events(["vm": ["OpaqueRef:web-01"]]), inventory: prod)
        let row = state.rows.first { $0.name == "web-01" }
        #expect(row?.busy == true)
        let frame = AppView.render(state, keymap: .builtInDefault, theme: .builtInDark, size: Size(width: 80, height: 24))
        #expect(frame.lines().contains { $0.contains("● web-01 ⟳") })
    }

    @Test func helpScrollStopsAtTheEnd() {
        var state = AppFixture.state()
        state.handle("help")
        state.handle("nav.bottom")
        state.fit(to: Size(width: 80, height: 24), keymap: .builtInDefault)
        guard case .help(let scroll) = state.popup else {
            Issue.record("help closed")
            return
        }
        let lines = PopupViews.helpLineCount(readOnly: false, keymap: .builtInDefault)
        #expect(scroll == lines - PopupViews.helpPageHeight(in: Rect(x: 0, y: 0, width: 80, height: 24)))
        state.handle("nav.up")
        #expect(state.popup == .help(scroll: scroll - 1))
    }
}
