// Package resources is the one table screen behind Sources, Nexsets,
// Destinations and Credentials: pages stream in with a progress count, the
// screen sorts on precomputed keys (s cycles the column, S flips the order),
// `/` filters, enter opens the detail, and p/a pause or activate the
// selected source, nexset or destination after confirmation.
package resources

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

type keys = keymap.Resources

// Screen is a resource table.
type Screen struct {
	d     ui.Deps
	th    *theme.Theme
	now   func() time.Time
	rt    nexla.ResourceType
	fam   family
	keys  keys
	loads *viewkit.Loads // a newer listing cancels the one in flight

	w, h     int
	loading  bool
	loaded   bool // a complete listing has been shown
	err      error
	progress [2]int // loaded, total of the listing in flight
	loadedAt time.Time

	recs     []record         // in the server's order
	order    []int            // indexes into recs, in display (sorted) order
	rows     []components.Row // recs projected on the shown columns, built once per record
	incoming []record         // a refresh's rows, swapped in when complete
	pending  viewkit.Pending
	marks    *viewkit.Marks // flows marked for a bulk action (marks.go)
	// creds is the credential of each source/destination from the flows
	// side-load (nil until it arrives); credsErr when that listing failed.
	creds    map[int64]nexla.FlowCredential
	credsErr error

	rowBuf    [2][]components.Row
	flip      int
	sortCache map[int][]int // 2*column (+1 descending) -> record indexes in that order

	shown   []int // indexes of fam.Columns on screen (narrow terminals drop some)
	sortCol int   // index into fam.Columns; -1: server order
	sortAsc bool

	// list is the filterable table; table and filter are its parts.
	list   viewkit.FilterTable
	table  *components.Table
	filter *components.FilterInput
}

// New builds the table screen for rt (data_sources, data_sets, data_sinks or data_credentials).
func New(d ui.Deps, rt nexla.ResourceType) *Screen {
	d = viewkit.WithDefaults(d)
	s := &Screen{
		d: d, th: d.Theme, now: d.Now, rt: rt, fam: families(rt),
		loads: viewkit.NewLoads(), pending: viewkit.Pending{},
		sortCol: -1, sortAsc: true,
		keys: d.ScreenKeys.Resources,
	}
	s.shown = shownColumns(s.fam, 0)
	s.list = viewkit.NewFilterTable(components.NewTable(s.th, d.Keys, s.tableColumns()))
	s.table, s.filter = s.list.Table, s.list.Filter
	s.table.Sortable = false // the screen sorts on precomputed keys
	s.marks = viewkit.NewMarks()
	s.table.SetMarked(func(r *components.Row) bool { return s.marks.Has(s.rowFlow(r)) })
	if rt == nexla.DataCredentials {
		s.sortCol = verifiedColumn // failing credentials first
		s.table.SetColumns(s.tableColumns())
	}
	return s
}

// Init starts the first listing.
func (s *Screen) Init() tea.Cmd { return s.reload() }

// Close cancels in-flight requests; the shell calls it when the screen is popped.
func (s *Screen) Close() { s.loads.Close() }

func (s *Screen) reload() tea.Cmd {
	if s.d.API == nil {
		return nil
	}
	ctx, ticket := s.loads.NextCancelling()
	s.loading, s.progress, s.incoming = true, [2]int{}, nil
	cols := s.fam.Columns
	stream := openStream(ctx, s.d.API, s.rt, ticket, s.d.AccessRole, cols, s.now())
	if !hasCredColumn(s.rt) {
		return stream
	}
	return tea.Batch(stream, loadCreds(ctx, s.d.API, s.rt, ticket, s.d.AccessRole))
}

// Title is the breadcrumb label.
func (s *Screen) Title() string { return s.fam.Title }

// SetSize records the size View must fill.
func (s *Screen) SetSize(w, h int) {
	s.w, s.h = w, h
	if shown := shownColumns(s.fam, w); len(shown) != len(s.shown) {
		s.shown = shown
		s.table.SetColumns(s.tableColumns())
		s.reproject()
	}
	s.list.SetSize(w, h)
}

// CapturesInput is true while the filter field has focus.
func (s *Screen) CapturesInput() bool { return s.list.CapturesInput() }

// InterceptBack keeps esc while a filter is applied: esc clears it first,
// the next esc goes back.
func (s *Screen) InterceptBack() bool { return s.list.InterceptBack() }

// ShortHelp lists the keys that apply now.
func (s *Screen) ShortHelp() []keymap.Action {
	g := s.d.Keys
	out := []keymap.Action{g.Enter, g.Filter, s.keys.SortNext, s.keys.SortFlip}
	if s.rt.HasFlow() {
		out = append(out, s.keys.Marks.Mark, g.Pause, g.Activate)
	} else {
		out = append(out, s.keys.Probe, s.keys.Blast, s.keys.Marks.Affected)
	}
	return append(out, g.Refresh)
}

// FullHelp lists every key of the screen.
func (s *Screen) FullHelp() [][]keymap.Action {
	g := s.d.Keys
	if !s.rt.HasFlow() {
		// B marks the flows a credential breaks; p/a act on those marks,
		// and are listed (so refused in read-only by the shell) only then.
		marks := []keymap.Action{s.keys.Marks.Affected, s.keys.Marks.Clear}
		if s.marks.Len() > 0 {
			marks = append(marks, g.Pause, g.Activate)
		}
		return [][]keymap.Action{
			{g.Up, g.Down, g.PageUp, g.PageDown, g.Home, g.End},
			{g.Enter, g.Filter, s.keys.SortNext, s.keys.SortFlip, g.Refresh},
			{s.keys.Probe, s.keys.Blast, g.Runbook, g.CopyID, g.CopyName},
			marks,
		}
	}
	return [][]keymap.Action{
		{g.Up, g.Down, g.PageUp, g.PageDown, g.Home, g.End},
		{g.Enter, g.Filter, s.keys.SortNext, s.keys.SortFlip, g.Refresh},
		{g.Pause, g.Activate, g.Runbook, g.CopyID, g.CopyName},
		viewkit.MarkHelp(s.keys.Marks),
	}
}

// Selected is the row under the cursor.
func (s *Screen) Selected() (ui.Selection, bool) {
	r, ok := s.current()
	if !ok {
		return ui.Selection{}, false
	}
	return ui.Selection{RT: s.rt, ID: r.ID, Name: r.Name, FlowID: r.FlowID}, true
}

func (s *Screen) current() (record, bool) {
	if i, ok := s.list.SelectedIndex(len(s.recs)); ok {
		return s.recs[i], true
	}
	return record{}, false
}

// tableColumns are the family's columns with the sort arrow on the sorted one.
func (s *Screen) tableColumns() []components.Column {
	out := make([]components.Column, len(s.shown))
	for k, i := range s.shown {
		c := s.fam.Columns[i]
		out[k] = c.Column
		if i == s.sortCol {
			if s.sortAsc {
				out[k].Title += "↑"
			} else {
				out[k].Title += "↓"
			}
		}
	}
	return out
}

// sortRecords orders the display permutation by the sort column on
// precomputed keys. Each column's order is computed once per listing and
// cached, so flipping the order (S) or coming back to a column is a copy.
func (s *Screen) sortRecords() {
	if cap(s.order) < len(s.recs) {
		s.order = make([]int, len(s.recs))
	}
	s.order = s.order[:len(s.recs)]
	col, asc := s.sortCol, s.sortAsc
	if col < 0 || col >= len(s.fam.Columns) {
		for i := range s.order {
			s.order[i] = i
		}
		return
	}
	copy(s.order, s.sortedOrder(col, asc))
}

// sortedOrder is the record indexes sorted by column col in either
// direction, ties in the server's order; both are cached until the records
// change (invalidateSort).
func (s *Screen) sortedOrder(col int, asc bool) []int {
	key := col * 2
	if !asc {
		key++
	}
	if o, ok := s.sortCache[key]; ok && len(o) == len(s.recs) {
		return o
	}
	up := s.ascendingOrder(col)
	if asc {
		return up
	}
	// Descending with ties still in the server's order: walk the ascending
	// order backwards one run of equal keys at a time, each run forwards.
	down := make([]int, 0, len(up))
	for end := len(up); end > 0; {
		start := end - 1
		for start > 0 && s.recs[up[start-1]].Keys[col] == s.recs[up[end-1]].Keys[col] {
			start--
		}
		down = append(down, up[start:end]...)
		end = start
	}
	s.sortCache[key] = down
	return down
}

// ascendingOrder is the record indexes sorted by column col, ties in the
// server's order; cached until the records change (invalidateSort).
func (s *Screen) ascendingOrder(col int) []int {
	if o, ok := s.sortCache[col*2]; ok && len(o) == len(s.recs) {
		return o
	}
	// Sort a compact copy of the keys: contiguous memory beats chasing each
	// record's key slice (5x faster on 100,000 names). The record index is
	// the last key, so equal keys keep the server's order without paying
	// for a stable sort (the unstable one is 3-4x faster here).
	type entry struct {
		n   int64
		s   string
		idx int
	}
	tmp := make([]entry, len(s.recs))
	for i := range s.recs {
		k := s.recs[i].Keys[col]
		tmp[i] = entry{k.n, k.s, i}
	}
	slices.SortFunc(tmp, func(a, b entry) int {
		if c := cmp.Compare(a.n, b.n); c != 0 {
			return c
		}
		if c := strings.Compare(a.s, b.s); c != 0 {
			return c
		}
		return a.idx - b.idx
	})
	o := make([]int, len(tmp))
	for k := range tmp {
		o[k] = tmp[k].idx
	}
	if s.sortCache == nil {
		s.sortCache = map[int][]int{}
	}
	s.sortCache[col*2] = o
	return o
}

// invalidateSort drops the cached orders: the records changed.
func (s *Screen) invalidateSort() { clear(s.sortCache) }

// project builds the table row of record i on the shown columns.
func (s *Screen) project(i int) components.Row {
	r := &s.recs[i]
	cells, tones := make([]string, len(s.shown)), make([]components.Tone, len(s.shown))
	for k, c := range s.shown {
		cells[k], tones[k] = r.Cells[c], r.Tones[c]
		if c == statusColumn {
			cells[k], tones[k] = s.pending.Cell(r.ID, cells[k], tones[k])
		}
	}
	return components.Row{Key: strconv.FormatInt(r.ID, 10), Cells: cells, Tones: tones, FilterKey: r.Filter, Data: i}
}

// publish hands the rows to the table in display order (the cursor stays on
// the same id). Rows are projected once per record from cells that were
// cleaned when the record was built, so the table takes them without
// re-cleaning; call reproject after the shown columns or the pending set change.
func (s *Screen) publish() {
	if len(s.rows) > len(s.recs) {
		s.rows = s.rows[:0]
	}
	for i := len(s.rows); i < len(s.recs); i++ {
		s.rows = append(s.rows, s.project(i))
	}
	if len(s.order) != len(s.recs) {
		s.sortRecords()
	}
	// Two buffers alternate: the table still holds the previous one (for the
	// cursor's key) while the next is filled.
	s.flip ^= 1
	out := s.rowBuf[s.flip][:0]
	for _, i := range s.order {
		out = append(out, s.rows[i])
	}
	s.rowBuf[s.flip] = out
	s.table.SetRowsClean(out)
}

// reproject drops the projected rows (shown columns or pending changed).
func (s *Screen) reproject() {
	s.rows = s.rows[:0]
	s.publish()
}

// statusColumn is where sources, nexsets and destinations show their status.
const statusColumn = 2

// narrowBelow is the width under which the owner and credential columns are
// dropped so names stay readable (both are in the detail view).
const narrowBelow = 110

func shownColumns(f family, w int) []int {
	out := make([]int, 0, len(f.Columns))
	for i, c := range f.Columns {
		if w < narrowBelow && (c.Title == "OWNER" || c.Title == "CRED") {
			continue
		}
		out = append(out, i)
	}
	return out
}

var (
	_ ui.Screen          = (*Screen)(nil)
	_ ui.BackInterceptor = (*Screen)(nil)
	_ ui.Selectable      = (*Screen)(nil)
)
