package runbook

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Mentions: what a line of the report names (a resource, a run, a change),
// found by the same renderings that wrote the line (lbl, stamp,
// changeLine), so the runbook screen can open each of them.

// MentionKind says what a mention names.
type MentionKind int

// Mention kinds.
const (
	MentionResource MentionKind = iota + 1
	MentionRun
	MentionChange
	// MentionAccess is the permission finding's "who can grant it" or
	// "who has access": it opens the flow's accessors.
	MentionAccess
)

// Phrases of the permission finding that name the flow's accessors; the
// finding writes them and Mentions finds them, so they are one constant.
const (
	phraseWhoCanGrant  = "who can grant it"
	phraseWhoHasAccess = "who has access"
)

// Mention is one thing a line names, at bytes [Start, End) of the line.
type Mention struct {
	Kind       MentionKind
	Start, End int
	RT         nexla.ResourceType // MentionResource
	ID         int64              // the resource's id, or the run's
	Change     int                // MentionChange: index in Report.Changes
}

// resourceMention matches `source "name" (id 5012)` (lbl) and `nexset 5012`.
var resourceMention = regexp.MustCompile(`\b(flow|source|nexset|destination|credential) (?:"[^"\n]*" \(id )?(\d+)`)

// runMention matches `run 1795334516553` and a bare run id of the report.
var (
	runWord   = regexp.MustCompile(`\brun (\d{6,})\b`)
	bareRunID = regexp.MustCompile(`\b\d{13}\b`)
)

// Mentions lists what line names, in order along it; a change's mention is
// its time (the resource after it is a mention of its own).
func (r *Report) Mentions(line string) []Mention {
	var out []Mention
	taken := func(s, e int) bool {
		for _, m := range out {
			if s < m.End && e > m.Start {
				return true
			}
		}
		return false
	}
	for i, c := range r.Changes {
		head := stamp(c.At) + " " + clean(c.Resource.Label()) + " " + clean(c.Event)
		if at := strings.Index(line, head); at >= 0 {
			out = append(out, Mention{Kind: MentionChange, Start: at, End: at + len(stamp(c.At)), Change: i,
				RT: c.Resource.RT, ID: c.Resource.ID})
		}
	}
	for _, m := range resourceMention.FindAllStringSubmatchIndex(line, -1) {
		rt, ok := nexla.ParseResourceType(line[m[2]:m[3]])
		id, err := strconv.ParseInt(line[m[4]:m[5]], 10, 64)
		if !ok || err != nil || id <= 0 || taken(m[0], m[1]) {
			continue
		}
		out = append(out, Mention{Kind: MentionResource, Start: m[0], End: m[1], RT: rt, ID: id})
	}
	for _, m := range runWord.FindAllStringSubmatchIndex(line, -1) {
		id, err := strconv.ParseInt(line[m[2]:m[3]], 10, 64)
		if err == nil && !taken(m[0], m[1]) {
			out = append(out, Mention{Kind: MentionRun, Start: m[0], End: m[1], ID: id})
		}
	}
	if len(r.Runs) > 0 {
		known := make(map[int64]bool, len(r.Runs))
		for _, run := range r.Runs {
			known[run.ID] = true
		}
		for _, m := range bareRunID.FindAllStringIndex(line, -1) {
			id, _ := strconv.ParseInt(line[m[0]:m[1]], 10, 64)
			if known[id] && !taken(m[0], m[1]) {
				out = append(out, Mention{Kind: MentionRun, Start: m[0], End: m[1], ID: id})
			}
		}
	}
	if r.Flow.ID != 0 {
		for _, phrase := range []string{phraseWhoCanGrant, phraseWhoHasAccess} {
			if at := strings.Index(line, phrase); at >= 0 && !taken(at, at+len(phrase)) {
				out = append(out, Mention{Kind: MentionAccess, Start: at, End: at + len(phrase), RT: nexla.Flows, ID: r.Flow.ID})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// Run is the report's run with this id.
func (r *Report) Run(id int64) (Run, bool) {
	for _, run := range r.Runs {
		if run.ID == id {
			return run, true
		}
	}
	return Run{}, false
}
