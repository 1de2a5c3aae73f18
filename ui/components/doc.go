// Package components holds the reusable widgets of the shell and the screens.
// None does I/O; every string from the API is cleaned with safetext before it
// is drawn; every View renders exactly the size given by SetSize.
//
// Table (virtual table, for every resource list and the flows tree):
//
//	t := components.NewTable(d.Theme, d.Keys, []components.Column{
//	    {Title: "ID", Width: 8, Numeric: true}, {Title: "NAME", MinWidth: 10}, {Title: "STATUS", Width: 9},
//	})
//	t.SetSize(w, h)                 // 1 header line + h-1 rows
//	t.SetRows(rows)                 // []components.Row{Key, Cells, Tones, Prefix, Version, FilterKey, Data}; cleans every cell
//	t.SetRowsClean(rows)            // same, for rows built from safetext.Clean'ed strings with a lower-case FilterKey: no per-cell work
//	t.Update(msg) bool              // up/down/pgup/pgdn/home/end (keymap.Global), wheel, click (Y relative to the table; header click sorts)
//	t.SelectedRow() (Row, bool)     // Row.Data carries your resource
//	t.SetFilter(q); t.Counts()      // substring over Row.FilterKey (default: all cells); fuzzy only when no substring hit (t.Fuzzy()); keeps order
//	t.SortBy(col)                   // again flips; -1 = original order; Sortable=false for trees
//	t.View() string
//
// Only visible rows are rendered; lines are cached by (row, Row.Version,
// selected) and the cache is dropped on resize, so bump Version when a row's
// content changes. The selected row starts with theme Glyphs.Selected, so the
// cursor is visible without colour (NO_COLOR, goldens).
//
// FlatTree flattens big trees held as one depth-first slice into rows with
// indent lines and a fold glyph: indents are computed once, and listing the visible nodes skips folded subtrees, so
// a fold of a 100,000-node tree is an index walk (the flows screen uses it):
//
//	ft := components.NewFlatTree(parents, ascii)   // parents[i] < i, -1 for roots
//	idx := ft.Visible(roots, isOpen, idx[:0])       // roots in any order (sorted flows)
//	prefix := ft.Prefix(i, isOpen(i))               // tree lines + fold glyph
//
// FilterInput is the `/` field. The screen calls Focus on `/`, sends keys to
// Update while Open (and reports CapturesInput() == true meanwhile), and
// applies a FilterChangedMsg only when Accept(msg) says it is the latest
// (debounced by FilterDebounce; enter/esc apply at once, esc clears):
//
//	case components.FilterChangedMsg:
//	    if s.filter.Accept(msg) { s.table.SetFilter(msg.Query) }
//	...  s.filter.View(w, matched, total) renders the line with the match count.
//
// LineInput is the bare one-line editor both the filter and the command line use.
//
// KVPane / RenderKV draw aligned key/value pairs (detail and preview panes);
// a KV{Key: "Section:"} is a heading, KV{} a blank line.
//
// Pager is a scrollable text/JSON view (raw JSON toggle, logs): SetContent
// cleans with safetext.CleanMultiline (NewPagerText + SetText do it in a
// Cmd, for text from the API), ToggleWrap switches wrap/truncate; a wrap too
// long for one frame comes from LayoutCmd.
//
// LogView is a run's log lines: a ring buffer with batched appends (Queue,
// then Flush on a tick), a severity filter, a search, wrap, timestamps and
// follow mode. Sparkline draws values as one block each.
//
// Fit(s, w, h) is the one exact-size helper (a View is exactly w x h);
// Pad(s, w) fits one line to exactly w cells (truncating with "…").
// ToneStyle maps a Tone (a theme.Role: ok, warn, error, muted, info, accent)
// to the theme.
package components
