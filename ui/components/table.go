package components

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
	"github.com/nexla-tui/nexla-tui/theme"
)

// Tone is the semantic colour of a cell: a theme.Role, mapped to a style
// by the theme (theme.StatusRole maps a resource's state to it).
type Tone = theme.Role

// Tones.
const (
	ToneNone   = theme.RoleNone
	ToneOK     = theme.RoleOK
	ToneWarn   = theme.RoleWarn
	ToneError  = theme.RoleError
	ToneMuted  = theme.RoleMuted
	ToneInfo   = theme.RoleInfo
	ToneAccent = theme.RoleAccent
)

// Column describes one table column.
type Column struct {
	Title string
	// Width is a fixed width in cells; 0 makes the column flexible: flexible
	// columns share what the fixed ones leave, never narrower than MinWidth.
	Width    int
	MinWidth int
	// Numeric sorts the column by its integer value (ids, counts).
	Numeric bool
}

// Row is one table row. Cells are cleaned with safetext.Clean by SetRows, so
// callers may pass API strings as they come.
type Row struct {
	// Key identifies the row across refreshes (e.g. "data_sources/12"): the
	// cursor stays on the same Key when rows are replaced.
	Key   string
	Cells []string
	Tones []Tone // optional, parallel to Cells
	// Prefix is drawn before the first cell (tree indent and expand glyph);
	// it is part of the first column's width.
	Prefix string
	// Version must change when the row's content changes; rendered lines are
	// cached by (row, Version, width, selected).
	Version uint64
	// FilterKey overrides the text the filter searches (default: all cells).
	FilterKey string
	// Data is the caller's payload (e.g. the resource), untouched by the table.
	Data any
}

type cacheKey struct {
	row      int
	version  uint64
	selected bool
	marks    uint64 // Table.markGen: a changed mark redraws the rows
}

// Table is a virtual table: it renders only the visible rows and caches them.
// Its zero value is not usable; build it with NewTable.
type Table struct {
	th      *theme.Theme
	keys    keymap.Global
	cols    []Column
	widths  []int
	rows    []Row
	visible []int // indices into rows after filter and sort
	cursor  int   // index into visible
	offset  int   // first visible index on screen
	w, h    int
	query   string
	fuzzy   bool // the filter fell back to fuzzy matching
	sortCol int  // -1 = original order
	sortAsc bool
	// Sortable enables sorting by column (off for trees).
	Sortable bool
	cache    map[cacheKey]string
	header   string
	// sortKeys are the sorted column's keys per row, built once per
	// (rows, column) so a sort compares precomputed values only.
	sortKeys []sortKey
	sortKeyC int
	// marked says which rows carry the mark glyph in the gutter (nil: none);
	// markGen changes when the marks do (MarksChanged).
	marked  func(*Row) bool
	markGen uint64
	// draw, when set, gives a row its prefix, cells and tones as it is drawn
	// (or sorted by): the rows then carry only Key, FilterKey, Version and
	// Data, and a screen of 100,000 rows keeps no cell of rows off screen.
	draw func(*Row) Row
}

// SetDraw makes the table draw rows lazily: draw returns the prefix, cells
// and tones to show (already safetext.Clean'ed, as SetRowsClean wants) for
// a stored row, which keeps only Key, FilterKey, Version and Data. Rows
// handed to SetRowsClean must then carry their FilterKey. Lines are still
// cached by (row, Version), so draw runs once per row on screen.
func (t *Table) SetDraw(draw func(*Row) Row) {
	t.draw = draw
	t.sortKeys = nil
	clear(t.cache)
}

// drawn is row ri as it is shown: itself, or the stored row with the
// prefix, cells and tones the draw func gives it.
func (t *Table) drawn(ri int) Row {
	r := t.rows[ri]
	if t.draw != nil {
		d := t.draw(&r)
		r.Prefix, r.Cells, r.Tones = d.Prefix, d.Cells, d.Tones
	}
	return r
}

// EachShown calls fn with every row the filter shows, in display order.
func (t *Table) EachShown(fn func(*Row)) {
	for _, i := range t.visible {
		fn(&t.rows[i])
	}
}

// SetMarked sets which rows are marked for a bulk action: they show the
// theme's Marked glyph beside the cursor's.
func (t *Table) SetMarked(fn func(*Row) bool) { t.marked = fn; t.MarksChanged() }

// MarksChanged redraws the rows after the marks changed.
func (t *Table) MarksChanged() {
	t.markGen++
	clear(t.cache)
}

// NewTable builds a table with the given columns.
func NewTable(th *theme.Theme, keys keymap.Global, cols []Column) *Table {
	t := &Table{th: th, keys: keys, sortCol: -1, sortAsc: true, Sortable: true,
		cache: make(map[cacheKey]string)}
	t.SetColumns(cols)
	return t
}

// SetColumns replaces the columns (and clears the render cache).
func (t *Table) SetColumns(cols []Column) {
	t.cols = cols
	t.sortKeys = nil
	t.layout()
}

// SetSize sets the table's size: one header line plus h-1 rows.
func (t *Table) SetSize(w, h int) {
	if w == t.w && h == t.h {
		return
	}
	t.w, t.h = max(w, 0), max(h, 0)
	t.layout()
	t.clampOffset()
}

// SetRows replaces the rows, cleaning every cell, prefix and filter key with
// safetext.Clean. The cursor stays on the row with the same Key when it
// still exists; the filter and sort are re-applied.
func (t *Table) SetRows(rows []Row) {
	for i := range rows {
		for j, c := range rows[i].Cells {
			rows[i].Cells[j] = safetext.Clean(c)
		}
		rows[i].Prefix = safetext.Clean(rows[i].Prefix)
		rows[i].FilterKey = strings.ToLower(safetext.Clean(rows[i].FilterKey))
	}
	t.SetRowsClean(rows)
}

// SetRowsClean is SetRows for rows the caller has already built from
// safetext.Clean'ed strings (cells, prefix) with a lower-case FilterKey: it
// does no per-cell work, so a screen that projects its rows once per load can
// re-hand 100,000 of them (fold, sort, pending) without re-cleaning each.
// An empty FilterKey is filled in from the cells.
func (t *Table) SetRowsClean(rows []Row) {
	selKey := ""
	if r, ok := t.SelectedRow(); ok {
		selKey = r.Key
	}
	t.rows = rows
	for i := range rows {
		if rows[i].FilterKey == "" && t.draw == nil {
			rows[i].FilterKey = strings.ToLower(strings.Join(rows[i].Cells, " "))
		}
	}
	t.sortKeys = nil
	clear(t.cache)
	t.apply()
	if selKey != "" {
		t.SelectKey(selKey)
	}
}

// Rows returns the rows as last set (not filtered).
func (t *Table) Rows() []Row { return t.rows }

// SelectedRow returns the row under the cursor.
func (t *Table) SelectedRow() (Row, bool) {
	if t.cursor < 0 || t.cursor >= len(t.visible) {
		return Row{}, false
	}
	return t.rows[t.visible[t.cursor]], true
}

// SelectKey moves the cursor to the visible row with this Key.
func (t *Table) SelectKey(k string) bool {
	for i, ri := range t.visible {
		if t.rows[ri].Key == k {
			t.cursor = i
			t.clampOffset()
			return true
		}
	}
	return false
}

// Cursor is the cursor's index among the visible rows.
func (t *Table) Cursor() int { return t.cursor }

// SetCursor moves the cursor to a visible index (clamped).
func (t *Table) SetCursor(i int) {
	t.cursor = max(0, min(i, len(t.visible)-1))
	t.clampOffset()
}

// Counts returns how many rows pass the filter and how many there are.
func (t *Table) Counts() (matched, total int) { return len(t.visible), len(t.rows) }

// Query is the active filter query.
func (t *Table) Query() string { return t.query }

// SetFilter filters rows whose key contains q (case-insensitive) or contains
// its characters in order (fuzzy). Original order is kept, so trees stay trees.
func (t *Table) SetFilter(q string) {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == t.query {
		return
	}
	selKey := ""
	if r, ok := t.SelectedRow(); ok {
		selKey = r.Key
	}
	t.query = q
	t.apply()
	if selKey == "" || !t.SelectKey(selKey) {
		t.SetCursor(0)
	}
}

// SortBy sorts by column col; sorting the same column again flips the order.
// col < 0 restores the original order.
func (t *Table) SortBy(col int) {
	if !t.Sortable || col >= len(t.cols) {
		return
	}
	if col == t.sortCol {
		t.sortAsc = !t.sortAsc
	} else {
		t.sortCol, t.sortAsc = col, true
	}
	if col < 0 {
		t.sortCol = -1
	}
	selKey := ""
	if r, ok := t.SelectedRow(); ok {
		selKey = r.Key
	}
	t.header = ""
	t.apply()
	t.SelectKey(selKey)
}

// Sort reports the sorted column (-1 for none) and its direction.
func (t *Table) Sort() (col int, ascending bool) { return t.sortCol, t.sortAsc }

// Update handles movement keys and the mouse. Mouse Y is relative to the
// table's top line (the shell translates coordinates to the pane). It
// reports whether the message was consumed.
func (t *Table) Update(msg tea.Msg) bool {
	page := max(t.h-2, 1)
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		d, ok := t.keys.Movement(msg, page)
		if ok {
			t.Move(d)
		}
		return ok
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			t.Move(-3)
		case tea.MouseWheelDown:
			t.Move(3)
		default:
			return false
		}
		return true
	case tea.MouseClickMsg:
		if msg.Button != tea.MouseLeft {
			return false
		}
		if msg.Y == 0 {
			if col := t.columnAt(msg.X); col >= 0 {
				t.SortBy(col)
			}
			return true
		}
		if i := t.offset + msg.Y - 1; i < len(t.visible) {
			t.SetCursor(i)
			return true
		}
	}
	return false
}

// Move moves the cursor by delta rows.
func (t *Table) Move(delta int) { t.SetCursor(t.cursor + delta) }

func (t *Table) bodyHeight() int { return max(t.h-1, 0) }

func (t *Table) clampOffset() {
	bh := t.bodyHeight()
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if bh > 0 && t.cursor >= t.offset+bh {
		t.offset = t.cursor - bh + 1
	}
	t.offset = max(0, min(t.offset, len(t.visible)-bh))
}

// layout computes column widths: fixed ones first, flexible ones share the rest.
func (t *Table) layout() {
	clear(t.cache)
	t.header = ""
	t.widths = make([]int, len(t.cols))
	avail := t.w - markerWidth - max(len(t.cols)-1, 0)
	flex := 0
	for i, c := range t.cols {
		if c.Width > 0 {
			t.widths[i] = c.Width
			avail -= c.Width
		} else {
			flex++
		}
	}
	for i, c := range t.cols {
		if c.Width == 0 {
			share := max(avail/flex, c.MinWidth, 1)
			t.widths[i] = share
			avail -= share
			flex--
		}
	}
}

func (t *Table) columnAt(x int) int {
	pos := markerWidth
	for i, w := range t.widths {
		if x >= pos && x < pos+w {
			return i
		}
		pos += w + 1
	}
	return -1
}
