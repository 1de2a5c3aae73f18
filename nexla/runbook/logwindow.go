package runbook

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Reading a window of logs, and following it: shared by `nexla-tui logs`
// and the TUI's logs screen, so both read the same lines the same way.

// LogReadFunc reads one page of logs.
type LogReadFunc func(ctx context.Context, o nexla.LogOptions) (*nexla.FlowLogs, error)

// LogReader reads a flow's logs, or a resource's: the resource's own lines
// unless all is set (the endpoint answers with the lines of its whole flow).
func LogReader(api nexla.API, t Target, all bool) LogReadFunc {
	if t.RT == nexla.Flows {
		return func(ctx context.Context, o nexla.LogOptions) (*nexla.FlowLogs, error) {
			return api.FlowLogsByFlow(ctx, t.ID, o)
		}
	}
	want := map[nexla.ResourceType]string{nexla.DataSources: "SOURCE", nexla.DataSets: "DATASET", nexla.DataSinks: "SINK"}[t.RT]
	return func(ctx context.Context, o nexla.LogOptions) (*nexla.FlowLogs, error) {
		logs, err := api.FlowLogs(ctx, t.RT, t.ID, o)
		if err != nil || all {
			return logs, err
		}
		kept := logs.Entries[:0:0]
		for _, e := range logs.Entries {
			if e.ResourceID == t.ID && strings.EqualFold(e.ResourceType, want) {
				kept = append(kept, e)
			}
		}
		// The page stays full-sized for paging; only its lines are filtered.
		return &nexla.FlowLogs{Entries: kept, Meta: logs.Meta}, nil
	}
}

// ReadLogWindow pages through o's window up to limit lines, oldest first.
func ReadLogWindow(ctx context.Context, read LogReadFunc, o nexla.LogOptions, limit int) ([]nexla.LogEntry, error) {
	const perPage = 1000
	o.PerPage = perPage
	var all []nexla.LogEntry
	for page := 1; len(all) < limit; page++ {
		o.Page = page
		res, err := read(ctx, o)
		if err != nil {
			return nil, err
		}
		all = append(all, res.Entries...)
		if res.Meta.PageCount > 0 && page >= res.Meta.PageCount || res.Meta.PageCount == 0 && len(res.Entries) < perPage {
			break
		}
	}
	if len(all) > limit {
		all = all[:limit]
	}
	SortLogs(all)
	return all, nil
}

// SortLogs orders lines oldest first; lines of one instant keep their order.
func SortLogs(lines []nexla.LogEntry) {
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].Timestamp < lines[j].Timestamp })
}

// RunLogWindow asks for the whole of one run by its id: a Nexla run id is
// the epoch ms at which it began (contract §5.6), so the window starts an
// hour before it; an id that is not a time reads the last eight days.
// RunEnded: the run is known to have run, so an empty answer means the
// server read from/to in the other unit (the client asks again).
func RunLogWindow(runID int64, now time.Time) nexla.LogOptions {
	o := nexla.LogOptions{RunID: runID, RunEnded: true, From: now.AddDate(0, 0, -8)}
	if start := nexla.EpochToTime(runID); looksLikeEpochMs(runID) && start.Before(now) {
		o.From = start.Add(-time.Hour)
	}
	return o
}

// LogTailOverlap is how far before the newest line seen a follow re-reads:
// from/to may be read in seconds (contract §9 #8), and lines of one second
// may arrive across two polls. Lines seen already are dropped by key.
const LogTailOverlap = 2 * time.Second

// LogTail remembers the lines a follow has shown, so each poll shows only
// new ones. The zero value is ready.
type LogTail struct {
	newest int64 // epoch ms of the newest line seen
	keys   map[string]int64
}

func logKey(e nexla.LogEntry) string {
	return fmt.Sprintf("%d|%s|%d|%s|%s", e.Timestamp, e.ResourceType, e.ResourceID, e.Severity, e.Log)
}

// Seen records lines already shown.
func (t *LogTail) Seen(lines []nexla.LogEntry) {
	if t.keys == nil {
		t.keys = map[string]int64{}
	}
	for _, e := range lines {
		ms := nexla.EpochToTime(e.Timestamp).UnixMilli()
		t.keys[logKey(e)] = ms
		t.newest = max(t.newest, ms)
	}
	// Keys older than the overlap can no longer come back: forget them, so
	// a day of following holds a few seconds of keys, not every line.
	for k, ms := range t.keys {
		if ms < t.newest-LogTailOverlap.Milliseconds()-1000 {
			delete(t.keys, k)
		}
	}
}

// Next is the read of the next poll: o from a little before the newest
// line seen. A follow reads the future too, so an empty answer means
// nothing yet (RunEnded off).
func (t *LogTail) Next(o nexla.LogOptions) nexla.LogOptions {
	if t.newest > 0 {
		o.From = time.UnixMilli(t.newest).Add(-LogTailOverlap)
	}
	o.RunEnded = false
	return o
}

// Fresh keeps the lines not seen yet and records them.
func (t *LogTail) Fresh(lines []nexla.LogEntry) []nexla.LogEntry {
	var fresh []nexla.LogEntry
	for _, e := range lines {
		if _, dup := t.keys[logKey(e)]; !dup {
			fresh = append(fresh, e)
		}
	}
	t.Seen(fresh)
	return fresh
}
