package runbook

import (
	"fmt"
	"strings"
	"time"
)

// Ordering the changes. Newest first puts the engineer's own pause and
// activate of the last ten minutes on top and pushes the change that broke
// the flow off the screen. So the change nearest before the first failure
// (after the last good run before it) comes first, then the others newest
// first, and the caller's own changes of this session, or their pauses and
// activates since the failures began, are listed apart after them.

// maxDiffLines bound how much of one change's diff a step shows: the
// likeliest cause in full (nearly), the others as a glance.
const (
	maxDiffLinesNearest = 40
	maxDiffLinesOther   = 8
)

// who names a user for a report line: name and email when the flow response
// named them, else the email the audit log gave.
func (a *analysis) who(id int64, email string) string {
	if a.people == nil {
		a.people = a.f.people()
	}
	p := a.people[id]
	if p.email == "" {
		p.email = email
	}
	if l := p.label(); l != "" {
		return l
	}
	if id != 0 {
		return "user " + itoa(id)
	}
	return "unknown"
}

// flowOwner names the owner of the flow's origin resource, "" when unknown.
func (a *analysis) flowOwner() string {
	if len(a.f.Resources) == 0 {
		return ""
	}
	r := a.f.Resources[0]
	if id := a.f.ownerOf(r.RT, r.ID); id != 0 {
		return a.who(id, "")
	}
	return ""
}

// askOwner is whom to ask about the flow: "Priya Natarajan
// (priya.natarajan@…), the flow's owner", or "the flow's owner".
func (a *analysis) askOwner() string {
	if o := a.flowOwner(); o != "" {
		return o + ", the flow's owner"
	}
	return "the flow's owner"
}

// isCaller reports whether the change was made by the caller (whoami).
func (a *analysis) isCaller(c ConfigChange) bool {
	me := a.f.Me
	if me == nil {
		return false
	}
	if c.ByID != 0 && c.ByID == me.User.ID {
		return true
	}
	return c.By != "" && strings.EqualFold(c.By, me.User.Email)
}

// failuresBegan is the start of the oldest failed run of the window (zero
// when none failed).
func (a *analysis) failuresBegan() time.Time {
	if of := a.r.Stats.OldestFailure; of != nil {
		return of.begun()
	}
	return time.Time{}
}

// markChanges sets Yours and Nearest on a.changes (which stay newest first:
// the rules read them in that order).
func (a *analysis) markChanges() {
	began := a.failuresBegan()
	session := a.f.Opts.SessionStart
	for i := range a.changes {
		c := &a.changes[i]
		if !a.isCaller(*c) {
			continue
		}
		inSession := !session.IsZero() && !c.At.Before(session)
		response := c.statusOnly() && !began.IsZero() && c.At.After(began)
		c.Yours = inSession || response
	}
	if n := a.changeBefore(began, func(c ConfigChange) bool { return !c.Yours }); n != nil {
		n.Nearest = true
	}
}

// shownChanges is a.changes in report order: the nearest first, the others
// newest first, the caller's own last.
func (a *analysis) shownChanges() []ConfigChange {
	out := make([]ConfigChange, 0, len(a.changes))
	for _, c := range a.changes {
		if c.Nearest {
			out = append(out, c)
		}
	}
	for _, c := range a.changes {
		if !c.Nearest && !c.Yours {
			out = append(out, c)
		}
	}
	for _, c := range a.changes {
		if c.Yours {
			out = append(out, c)
		}
	}
	return out
}

// changeLine is one change in a line: when, what, which fields, by whom.
func (a *analysis) changeLine(c ConfigChange) string {
	fields := strings.Join(c.Fields, ", ")
	if fields == "" {
		fields = "-"
	}
	by := "unknown"
	if c.By != "" || c.ByID != 0 {
		by = a.who(c.ByID, c.By)
	}
	line := clean(fmt.Sprintf("%s %s %s (%s) by %s", stamp(c.At), c.Resource.Label(), c.Event, fields, by))
	if c.Nearest {
		line += "  ← nearest before the first failure"
	}
	return line
}

// changeDetails is the change line followed by its diff, indented, at most
// max diff lines.
func (a *analysis) changeDetails(prefix string, c ConfigChange, max int) []string {
	out := []string{prefix + a.changeLine(c)}
	diff := c.Diff()
	for i, l := range diff {
		if i == max {
			out = append(out, fmt.Sprintf("    … %d more lines", len(diff)-max))
			break
		}
		out = append(out, "    "+l)
	}
	return out
}

func diffLimit(c ConfigChange) int {
	if c.Nearest {
		return maxDiffLinesNearest
	}
	return maxDiffLinesOther
}
