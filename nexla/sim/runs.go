package sim

import (
	"time"
)

// Run production. Outcomes are a pure function of (seed, flow, run start,
// scenario state), so the same seed and clock give the same history however
// the clock got there (one Advance of a day or many small ones).

const (
	retention       = 8 * 24 * time.Hour
	historyWindow   = 7 * 24 * time.Hour
	activateDelay   = 7 * time.Second // an activate triggers a run this long after
	maxRunsPerFlow  = 800
	maxRunsExtra    = 48
	extraHistoryLen = 5
)

// failure causes: what went wrong in a run, where, and the log line it writes.
const (
	causeNone uint8 = iota
	causeCredential
	causeTransform
	causeSchema
	causeRate
	causeTimeout
	causeConflict
	causeParse
	causeUpstream5xx
	causeDeadlock
	causePassword // a credentials group's database login refused
	causeRefused  // the source's database refuses connections
)

// mix is splitmix64: a cheap, well-spread hash for deterministic variety.
func mix(vals ...uint64) uint64 {
	var x uint64 = 0x9E3779B97F4A7C15
	for _, v := range vals {
		x ^= v + 0x9E3779B97F4A7C15 + (x << 6) + (x >> 2)
		x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
		x = (x ^ (x >> 27)) * 0x94D049BB133111EB
		x ^= x >> 31
	}
	return x
}

// newRun builds the run of flow f starting at at; seq counts the flow's runs.
func (s *Sim) newRun(f *flow, at time.Time, seq int) run {
	h := mix(uint64(s.opts.Seed), uint64(f.originNode), uint64(at.UnixMilli()))
	r := run{id: at.UnixMilli(), durSec: int32(40 + h%200)}
	jitter := 85 + int32(h>>8%31) // 85..115 %
	r.records = f.baseRecs * jitter / 100
	if r.records < 1 {
		r.records = 1
	}
	failing := !f.incident.IsZero() && !at.Before(f.incident) && !f.recovered
	switch f.scenario {
	case "credential_expired":
		if failing {
			r.outcome, r.cause = outcomeFailed, causeCredential
			r.failRes, r.failKin = f.src.id, kindSource
			r.records, r.errors = 0, 1
		}
	case "transform_error":
		if failing {
			r.cause, r.failRes, r.failKin = causeTransform, f.failSet.id, kindNexset
			if seq%2 == 0 {
				r.outcome, r.errors = outcomePartial, 3+int32(h>>16%40)
			} else {
				r.outcome, r.errors = outcomeFailed, r.records
			}
		}
	case "schema_mismatch":
		if failing {
			r.outcome, r.cause = outcomeFailed, causeSchema
			r.failRes, r.failKin = f.failSet.id, kindNexset
			r.errors = r.records
		}
	case "rate_limited":
		if failing {
			r.outcome, r.cause = outcomePartial, causeRate
			r.failRes, r.failKin = f.src.id, kindSource
			r.records = r.records * 30 / 100
			r.errors = 4 + int32(h>>16%12)
		}
	case "network_timeout":
		if failing {
			r.outcome, r.cause = outcomePartial, causeTimeout
			r.failRes, r.failKin = f.src.id, kindSource
			r.records = r.records * (40 + int32(h>>16%25)) / 100
			r.errors = 2 + int32(h>>24%9)
		}
	case "resource_conflict":
		if failing {
			r.outcome, r.cause = outcomeFailed, causeConflict
			r.failRes, r.failKin = f.failSink.id, kindSink
			r.errors = r.records
		}
	case "source_outage":
		if failing {
			r.outcome, r.cause = outcomeFailed, causeUpstream5xx
			r.failRes, r.failKin = f.src.id, kindSource
			r.records, r.errors = 0, 1
		}
	case "credential_group_failing":
		if failing {
			r.outcome, r.cause = outcomeFailed, causePassword
			r.failRes, r.failKin = f.src.id, kindSource
			r.records, r.errors = 0, 1
		}
	case "credential_unreadable":
		if failing {
			r.outcome, r.cause = outcomeFailed, causeRefused
			r.failRes, r.failKin = f.src.id, kindSource
			r.records, r.errors = 0, 1
		}
	case "high_error_rate":
		// 4 of any 10 consecutive runs fail, at varied stages.
		switch seq % 10 {
		case 1, 4, 6, 8:
			r.outcome = outcomeFailed
			// The cause changes from one failure to the next, so any ten
			// runs hold varied errors (no single cause explains them).
			switch (seq%10 + seq/10) % 3 {
			case 0:
				r.cause, r.failRes, r.failKin, r.errors = causeUpstream5xx, f.src.id, kindSource, 1
				r.records = 0
			case 1:
				r.cause, r.failRes, r.failKin, r.errors = causeParse, f.sets[0].id, kindNexset, r.records
			default:
				r.cause, r.failRes, r.failKin, r.errors = causeDeadlock, f.sinks[0].id, kindSink, r.records
			}
		}
	}
	return r
}

// resourceMetrics are a run's counters at one resource of the flow.
func (f *flow) resourceMetrics(r run, kind uint8, id int64) (records, errors, size int64) {
	recs, errs := int64(r.records), int64(r.errors)
	rel := f.relation(r, kind, id)
	switch {
	case r.outcome == outcomeSuccess || rel == relUnrelated:
		records = recs
	case rel == relFailing:
		errors = errs
		switch {
		case r.outcome == outcomeFailed:
			records = 0
		case kind == kindSource:
			records = recs
		default:
			records = max(recs-errs, 0)
		}
	case rel == relDownstream:
		switch {
		case r.outcome == outcomeFailed:
			records = 0
		case r.failKin == kindSource:
			records = recs
		default:
			records = max(recs-errs, 0)
		}
	}
	return records, errors, records * int64(f.recBytes)
}

const (
	relUnrelated = iota // upstream of the failure, or on another branch
	relFailing
	relDownstream
)

// relation places a resource relative to the run's failing resource.
func (f *flow) relation(r run, kind uint8, id int64) int {
	if r.failRes == 0 {
		return relUnrelated
	}
	if kind == r.failKin && id == r.failRes {
		return relFailing
	}
	switch r.failKin {
	case kindSource:
		return relDownstream
	case kindSink:
		return relUnrelated
	}
	// The failing resource is a nexset: is it an ancestor of this resource?
	var n *nexset
	switch kind {
	case kindNexset:
		n = findSet(f, id)
	case kindSink:
		for _, s := range f.sinks {
			if s.id == id {
				n = s.set
			}
		}
	default:
		return relUnrelated
	}
	for ; n != nil; n = n.parent {
		if n.id == r.failRes {
			return relDownstream
		}
	}
	return relUnrelated
}

func findSet(f *flow, id int64) *nexset {
	for _, n := range f.sets {
		if n.id == id {
			return n
		}
	}
	return nil
}

// flowTotals are a run's counters for the whole flow: records and size at
// the sinks, errors summed over every resource. A FAILED run therefore shows
// records=0 and errors>0, a PARTIAL one records>0 and errors>0.
func (f *flow) flowTotals(r run) (records, errors, size int64) {
	if f.src != nil {
		_, e, _ := f.resourceMetrics(r, kindSource, f.src.id)
		errors += e
	}
	for _, n := range f.sets {
		_, e, _ := f.resourceMetrics(r, kindNexset, n.id)
		errors += e
	}
	for _, sk := range f.sinks {
		rec, e, sz := f.resourceMetrics(r, kindSink, sk.id)
		records += rec
		size += sz
		errors += e
	}
	return records, errors, size
}

// runsOn reports whether the clock produces runs for the flow on its own
// schedule (a flow that follows another runs when that one does).
func (f *flow) runsOn() bool {
	st := f.status()
	return (st == statusActive || st == statusRateLimited) && !f.nextRun.IsZero()
}

// followDelay is how long after an upstream run ends the flow it starts runs.
const followDelay = time.Minute

// follow produces the runs of a flow that another one starts: one per
// upstream run that did not fail, once its start is due by now. It returns
// when the next such run is due (zero when none is pending).
func (s *Sim) follow(f *flow, now time.Time) time.Time {
	if f.follows == nil {
		return time.Time{}
	}
	active := f.status() == statusActive
	for _, up := range f.follows.runs {
		if up.id <= f.followed {
			continue
		}
		start := up.end().Add(followDelay)
		if start.After(now) {
			return start
		}
		f.followed = up.id
		if active && up.outcome != outcomeFailed {
			s.appendRun(f, s.newRun(f, start, f.seq))
			f.seq++
		}
	}
	f.trimRuns(now.Add(-retention))
	return time.Time{}
}

// catchUp produces every run that is due by now. Caller holds s.mu for writing.
func (s *Sim) catchUp(now time.Time) {
	if now.Before(s.minNext) {
		return
	}
	next := now.Add(24 * time.Hour * 365)
	for _, f := range s.org.flows {
		if due := s.follow(f, now); !due.IsZero() && due.Before(next) {
			next = due
		}
		if !f.runsOn() {
			continue
		}
		if !f.nextRun.After(now) {
			s.produceDue(f, now)
		}
		if f.nextRun.Before(next) {
			next = f.nextRun
		}
	}
	s.minNext = next
}

// produceDue runs f for each schedule slot up to now, keeping only what the
// retention would keep (a long Advance does not build runs it would drop).
func (s *Sim) produceDue(f *flow, now time.Time) {
	limit := f.runCap()
	oldest := now.Add(-retention)
	if due := int(now.Sub(f.nextRun)/f.schedule) + 1; due > limit {
		f.seq += due - limit
		f.nextRun = f.nextRun.Add(time.Duration(due-limit) * f.schedule)
	}
	for !f.nextRun.After(now) {
		if !f.nextRun.Before(oldest) {
			s.appendRun(f, s.newRun(f, f.nextRun, f.seq))
		}
		f.seq++
		f.nextRun = f.nextRun.Add(f.schedule)
	}
	f.trimRuns(oldest)
}

func (f *flow) runCap() int {
	if f.extra {
		return maxRunsExtra
	}
	return maxRunsPerFlow
}

func (f *flow) trimRuns(oldest time.Time) {
	drop := 0
	for drop < len(f.runs) && f.runs[drop].start().Before(oldest) {
		drop++
	}
	if over := len(f.runs) - drop - f.runCap(); over > 0 {
		drop += over
	}
	if drop > 0 {
		f.runs = append(f.runs[:0:0], f.runs[drop:]...)
	}
}

// scheduleSoon makes the flow run shortly (after an activate).
func (s *Sim) scheduleSoon(f *flow, now time.Time) {
	f.nextRun = now.Add(activateDelay)
	if f.nextRun.Before(s.minNext) {
		s.minNext = f.nextRun
	}
}

// seedHistory fills a flow's past runs between from and until.
func (s *Sim) seedHistory(f *flow, from, until time.Time) {
	phase := time.Duration(mix(uint64(s.opts.Seed), uint64(f.originNode)) % uint64(f.schedule))
	t := from.Truncate(f.schedule).Add(phase)
	for t.Before(from) {
		t = t.Add(f.schedule)
	}
	for ; t.Before(until); t = t.Add(f.schedule) {
		r := s.newRun(f, t, f.seq)
		f.seq++
		if r.end().After(until) {
			// Not finished by "now": leave it for the clock to run again.
			f.seq--
			break
		}
		s.appendRun(f, r)
	}
	f.nextRun = t
}
