package keymap

import (
	"fmt"

	"charm.land/bubbles/v2/key"
)

// Far is a move longer than any list: home and end move by it and every
// caller clamps, so they need no case of their own.
const Far = 1 << 30

// Movement maps a movement key to a change of position in rows: ±1 for
// up/down, ±page for page up/down, ±Far for home/end. ok is false for any
// other key. Tables, pagers and overlays share it so the keys mean the same
// everywhere.
func (g Global) Movement(k fmt.Stringer, page int) (delta int, ok bool) {
	switch {
	case key.Matches(k, g.Up.Binding):
		return -1, true
	case key.Matches(k, g.Down.Binding):
		return 1, true
	case key.Matches(k, g.PageUp.Binding):
		return -page, true
	case key.Matches(k, g.PageDown.Binding):
		return page, true
	case key.Matches(k, g.Home.Binding):
		return -Far, true
	case key.Matches(k, g.End.Binding):
		return Far, true
	}
	return 0, false
}
