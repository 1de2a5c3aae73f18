package runbook

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Error shapes. A flow that fails in three different ways needs all three
// named: one example and "3 different error shapes" sends the engineer back
// to the logs. Each shape is counted, with the runs that logged it and when
// it was first and last seen in the window.

// maxShapesEvidence bounds the shapes a finding's evidence lists (the logs
// step lists every one).
const maxShapesEvidence = 8

// ErrorShape is one kind of ERROR or WARNING line (see Normalize).
type ErrorShape struct {
	Pattern  string
	Example  string // the first line of that shape
	Severity string
	Resource string // SOURCE | DATASET | SINK
	Count    int    // lines
	// Runs counts the distinct runs of the run summaries read that logged
	// it: lines older than those runs carry no run id (contract §9 #9).
	Runs        int
	First, Last time.Time
}

// ErrorShapes groups the issue lines (SUMMARY lines aside: they repeat the
// counts) by shape, most lines first, then by first appearance. Linear in
// the lines, plus a sort of the shapes.
func ErrorShapes(issues []nexla.LogEntry) []ErrorShape {
	idx := map[string]int{}
	runs := map[string]map[int64]bool{}
	var out []ErrorShape
	for _, e := range issues {
		if !isIssue(e.Severity) || strings.EqualFold(e.LogType, "SUMMARY") {
			continue
		}
		p := strings.ToUpper(e.Severity) + "\x00" + e.ResourceType + "\x00" + Normalize(e.Log)
		i, seen := idx[p]
		if !seen {
			i = len(out)
			idx[p] = i
			runs[p] = map[int64]bool{}
			out = append(out, ErrorShape{Pattern: Normalize(e.Log), Example: e.Log, Severity: strings.ToUpper(e.Severity), Resource: e.ResourceType})
		}
		sh := &out[i]
		sh.Count++
		if e.RunID != 0 && !runs[p][e.RunID] {
			runs[p][e.RunID] = true
			sh.Runs++
		}
		if e.Timestamp != 0 {
			t := nexla.EpochToTime(e.Timestamp)
			if sh.First.IsZero() || t.Before(sh.First) {
				sh.First = t
			}
			if t.After(sh.Last) {
				sh.Last = t
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out
}

// errorShapes groups the window's issue lines once per analysis: the logs
// step and the error-rate rule both list them, and Normalize costs a few
// microseconds a line.
func (a *analysis) errorShapes() []ErrorShape {
	if !a.shapesDone {
		a.shapes, a.shapesDone = ErrorShapes(a.windowIssues), true
	}
	return a.shapes
}

// line is the shape in one sanitized line, its example cut to n runes, of
// the last `of` runs read: `12× ERROR at SOURCE, first 2026-11-22 03:01,
// last 2026-11-22 08:01 (in 6 of the last 10 runs): "…"`.
func (sh ErrorShape) line(n, of int) string {
	s := fmt.Sprintf("%d× %s", sh.Count, sh.Severity)
	if sh.Resource != "" {
		s += " at " + sh.Resource
	}
	if !sh.First.IsZero() {
		s += ", first " + stamp(sh.First) + ", last " + stamp(sh.Last)
	}
	if of > 0 {
		s += fmt.Sprintf(" (in %d of the last %d runs)", sh.Runs, of)
	}
	return clean(fmt.Sprintf("%s: %q", s, shorten(sh.Example, n)))
}
