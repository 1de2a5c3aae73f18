package runbook

import (
	"slices"
	"sort"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Outcome classifies a run. Nexla's run_summary has only counts, so the
// outcome is derived: SUCCESS errors==0; FAILED records==0 && errors>0;
// PARTIAL records>0 && errors>0.
type Outcome string

// Outcomes.
const (
	OutcomeSuccess Outcome = "SUCCESS"
	OutcomeFailed  Outcome = "FAILED"
	OutcomePartial Outcome = "PARTIAL"
)

// Classify derives a run's outcome from its counts.
func Classify(records, errors int64) Outcome {
	switch {
	case errors == 0:
		return OutcomeSuccess
	case records == 0:
		return OutcomeFailed
	}
	return OutcomePartial
}

// Failed reports whether the run counts as failed for the error rate.
func (o Outcome) Failed() bool { return o == OutcomeFailed || o == OutcomePartial }

// ResourceRef names a resource of the flow.
type ResourceRef struct {
	RT     nexla.ResourceType
	ID     int64
	Name   string
	Status string
}

// Label is `source "orders-s3" (id 5012)`, its name sanitized and cut at
// safetext.MaxField: Analyze labels every resource on every update of the
// runbook screen, and a 10 MB name copied whole into each label made one
// Analyze take a second (the TUI ignored ctrl+c and SIGTERM behind it).
func (r ResourceRef) Label() string {
	if r.Name == "" {
		return r.RT.Singular() + " " + itoa(r.ID)
	}
	return r.RT.Singular() + ` "` + clean(r.Name) + `" (id ` + itoa(r.ID) + ")"
}

type resKey struct {
	RT nexla.ResourceType
	ID int64
}

// Run is one flow run: counts merged over the flow's resources.
type Run struct {
	ID      int64
	Records int64 // records that made it through: the minimum over reporting resources
	Errors  int64 // errors summed over resources
	Size    int64 // largest size reported
	Started time.Time
	Ended   time.Time
	Outcome Outcome
	// Failing are the resources that reported errors in this run.
	Failing []ResourceRef
}

// Duration is Ended-Started, or 0 when unknown.
func (r Run) Duration() time.Duration {
	if r.Started.IsZero() || r.Ended.IsZero() || r.Ended.Before(r.Started) {
		return 0
	}
	return r.Ended.Sub(r.Started)
}

// At is the best known time of the run: its end, else its start.
func (r Run) At() time.Time {
	if !r.Ended.IsZero() {
		return r.Ended
	}
	return r.Started
}

// begun is the run's start, else its best known time.
func (r Run) begun() time.Time {
	if !r.Started.IsZero() {
		return r.Started
	}
	return r.At()
}

// fold adds one resource's counts to a flow-level run or day: the records
// that made it through are the fewest any resource reported, errors add up,
// and the size is the largest reported.
func fold(records, errors, size *int64, r, e, sz int64) {
	*records = min(*records, r)
	*errors += e
	*size = max(*size, sz)
}

// mergeRuns folds per-resource run summaries into flow runs, latest first,
// at most limit of them. times maps run ids to [start, end] when known.
func mergeRuns(per map[resKey][]nexla.RunMetric, refs map[resKey]ResourceRef, times map[int64][2]time.Time, limit int) []Run {
	byID := map[int64]*Run{}
	keys := make([]resKey, 0, len(per))
	for k := range per {
		keys = append(keys, k)
	}
	// Stable order so Failing lists are deterministic.
	sort.Slice(keys, func(i, j int) bool { return keyLess(keys[i], keys[j]) })
	for _, k := range keys {
		for _, m := range per[k] {
			if m.RunID == 0 {
				continue
			}
			r := byID[m.RunID]
			if r == nil {
				r = &Run{ID: m.RunID, Records: m.Records}
				byID[m.RunID] = r
			}
			fold(&r.Records, &r.Errors, &r.Size, m.Records, m.Errors, m.Size)
			if m.Errors > 0 {
				ref := refs[k]
				if ref.ID == 0 {
					ref = ResourceRef{RT: k.RT, ID: k.ID}
				}
				r.Failing = append(r.Failing, ref)
			}
		}
	}
	runs := make([]Run, 0, len(byID))
	for _, r := range byID {
		r.Outcome = Classify(r.Records, r.Errors)
		if t, ok := times[r.ID]; ok {
			r.Started, r.Ended = t[0], t[1]
		} else if looksLikeEpochMs(r.ID) {
			// Nexla run ids are the epoch milliseconds at which the run began.
			r.Started = time.UnixMilli(r.ID).UTC()
		}
		runs = append(runs, *r)
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].ID > runs[j].ID })
	if limit > 0 && len(runs) > limit {
		runs = runs[:limit]
	}
	return runs
}

func keyLess(a, b resKey) bool {
	if rtOrder(a.RT) != rtOrder(b.RT) {
		return rtOrder(a.RT) < rtOrder(b.RT)
	}
	return a.ID < b.ID
}

func rtOrder(rt nexla.ResourceType) int {
	switch rt {
	case nexla.DataSources:
		return 0
	case nexla.DataSets:
		return 1
	case nexla.DataSinks:
		return 2
	}
	return 3
}

func looksLikeEpochMs(id int64) bool { return id >= 1e12 && id < 1e13 }

// RunStats summarise the recent runs.
type RunStats struct {
	Total     int
	Failed    int // FAILED or PARTIAL
	Partial   int
	ErrorRate float64 // Failed/Total
	// Latest is the newest run; LastSuccess and LastFailure the newest of each.
	Latest, LastSuccess, LastFailure *Run
	// OldestFailure is the oldest failed run of the window.
	OldestFailure *Run
	// Streak is how many of the newest runs failed in a row; StreakStart the oldest of them.
	Streak      int
	StreakStart *Run
}

// Stats computes RunStats over runs (latest first).
func Stats(runs []Run) RunStats {
	s := RunStats{Total: len(runs)}
	streakOpen := true
	for i := range runs {
		r := &runs[i]
		if s.Latest == nil {
			s.Latest = r
		}
		if r.Outcome.Failed() {
			s.Failed++
			if r.Outcome == OutcomePartial {
				s.Partial++
			}
			if s.LastFailure == nil {
				s.LastFailure = r
			}
			s.OldestFailure = r
			if streakOpen {
				s.Streak++
				s.StreakStart = r
			}
		} else {
			streakOpen = false
			if s.LastSuccess == nil {
				s.LastSuccess = r
			}
		}
	}
	if s.Total > 0 {
		s.ErrorRate = float64(s.Failed) / float64(s.Total)
	}
	return s
}

// DailyPoint is one day of metrics summed over the flow's resources' errors
// and the minimum of their records (as for runs).
type DailyPoint struct {
	Day     string
	Records int64
	Errors  int64
	Size    int64
}

func mergeDaily(per map[resKey][]nexla.DailyMetric) []DailyPoint {
	byDay := map[string]*DailyPoint{}
	for _, ms := range per {
		for _, m := range ms {
			d := byDay[m.Time]
			if d == nil {
				d = &DailyPoint{Day: m.Time, Records: m.Records}
				byDay[m.Time] = d
			}
			fold(&d.Records, &d.Errors, &d.Size, m.Records, m.Errors, m.Size)
		}
	}
	out := make([]DailyPoint, 0, len(byDay))
	for _, d := range byDay {
		out = append(out, *d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Day < out[j].Day })
	return out
}

// runTimes derives [start, end] per run id from log timestamps.
func runTimes(logs []nexla.LogEntry, into map[int64][2]time.Time) {
	for _, e := range logs {
		if e.RunID == 0 || e.Timestamp == 0 {
			continue
		}
		t := nexla.EpochToTime(e.Timestamp)
		into[e.RunID] = mergeSpan(into[e.RunID], [2]time.Time{t, t})
	}
}

// mergeSpan widens span a to cover b; a zero a is empty.
func mergeSpan(a, b [2]time.Time) [2]time.Time {
	if a[0].IsZero() {
		return b
	}
	if b[0].Before(a[0]) {
		a[0] = b[0]
	}
	if b[1].After(a[1]) {
		a[1] = b[1]
	}
	return a
}

// sortedIDs lists a map's ids in ascending order, for stable output.
func sortedIDs[V any](m map[int64]V) []int64 {
	ids := make([]int64, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// epochMsRunIDs is the smallest run id read as a start time in epoch ms
// (2001-09-09): Nexla's run ids are the run's start (contract §5.6).
const epochMsRunIDs = 1e12

// windowByRun assigns the timing query's lines that carry no run id (the
// real server sends none, contract §9 #9) to the run going at their time:
// the newest run of the summaries that started at or before the line. It
// returns the run spans and the window's issue lines with run ids filled;
// the facts are left as read, so a later summary re-assigns correctly. When
// the run ids are not epoch-ms start times nothing is assigned.
func (f *Facts) windowByRun() (map[int64][2]time.Time, []nexla.LogEntry) {
	starts := runStarts(f.RunMetrics)
	unassigned := len(f.WindowStamps) > 0 || slices.ContainsFunc(f.WindowIssues, func(e nexla.LogEntry) bool { return e.RunID == 0 })
	if len(starts) == 0 || !unassigned {
		return f.RunTimes, f.WindowIssues
	}
	runAt := func(ts int64) int64 {
		ms := nexla.EpochToTime(ts).UnixMilli()
		i := sort.Search(len(starts), func(i int) bool { return starts[i] > ms }) - 1
		if i < 0 {
			return 0
		}
		return starts[i]
	}
	times := make(map[int64][2]time.Time, len(f.RunTimes)+len(starts))
	for id, t := range f.RunTimes {
		times[id] = t
	}
	for _, ts := range f.WindowStamps {
		if id := runAt(ts); id != 0 {
			t := nexla.EpochToTime(ts)
			times[id] = mergeSpan(times[id], [2]time.Time{t, t})
		}
	}
	issues := slices.Clone(f.WindowIssues)
	for i := range issues {
		if issues[i].RunID == 0 && issues[i].Timestamp != 0 {
			issues[i].RunID = runAt(issues[i].Timestamp)
		}
	}
	return times, issues
}

// runStarts lists the run ids of every summary, ascending, once each; none
// when any id is not an epoch-ms start time.
func runStarts(byRes map[resKey][]nexla.RunMetric) []int64 {
	seen := map[int64]bool{}
	var ids []int64
	for _, runs := range byRes {
		for _, m := range runs {
			if m.RunID == 0 {
				continue
			}
			if m.RunID < epochMsRunIDs {
				return nil
			}
			if !seen[m.RunID] {
				seen[m.RunID] = true
				ids = append(ids, m.RunID)
			}
		}
	}
	slices.Sort(ids)
	return ids
}
