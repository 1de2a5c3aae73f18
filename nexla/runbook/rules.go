package runbook

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
)

// highErrorRate is the seed's threshold: more than 20% failed runs.
const highErrorRate = 0.2

// rule is one row of the seed's "Common issues" table.
type rule struct {
	cause string
	eval  func(a *analysis) *Finding
}

// rules, most specific first: on equal severity and confidence the earlier
// rule wins, so a named cause outranks the generic error rate.
var rules = []rule{
	{CauseCredentialExpired, (*analysis).credentialExpired},
	{CauseRateLimited, (*analysis).rateLimited},
	{CauseTransformError, (*analysis).transformError},
	{CauseSchemaMismatch, (*analysis).schemaMismatch},
	{CauseResourceConflict, (*analysis).resourceConflict},
	{CauseNetworkTimeout, (*analysis).networkTimeout},
	{CauseUpstreamFailing, (*analysis).upstreamFailing},
	{CauseFlowNotRunning, (*analysis).flowNotRunning},
	{CauseStaleData, (*analysis).staleData},
	{CauseSlowRun, (*analysis).slowRun},
	{CausePermissionDenied, (*analysis).permissionDenied},
	{CauseHighErrorRate, (*analysis).highErrorRate},
}

// Log shapes per cause.
var (
	reAuth     = regexp.MustCompile(`(?i)\b(401|403)\b|unauthori[sz]ed|forbidden|access denied|authentication|expired (token|credential)|invalid credential`)
	reRate     = regexp.MustCompile(`(?i)\b429\b|too many requests|rate.?limit|throttl`)
	reTransf   = regexp.MustCompile(`(?i)transform(ation)? (error|fail)|cannot convert|error in record`)
	reSchema   = regexp.MustCompile(`(?i)schema (validation|mismatch)|validation failed|expected \w+ but (found|got)|parse (error|failure)|failed to parse`)
	reConflict = regexp.MustCompile(`(?i)\b409\b|conflict|already exists|duplicate`)
	reNetwork  = regexp.MustCompile(`(?i)timed out|timeout|connection (refused|reset)|no route to host|unknown host|network is unreachable|broken pipe`)
)

// findings runs every rule and ranks the results; with no problem found it
// returns the healthy finding, backed by evidence.
func (a *analysis) findings() []Finding {
	out := a.ranked(rules)
	// Info findings (a name clash with no failure behind it, no operator
	// role) are not alarms: the flow is healthy and they are listed after,
	// unless the run metrics could not be read: then nobody can say.
	if a.f.Flow != nil && (len(out) == 0 || out[0].Severity == SeverityInfo) {
		top := a.healthy()
		if a.r.Unread != "" {
			top = a.unknown()
		}
		out = append([]Finding{top}, out...)
	}
	if ev := a.alertEvidence(); ev != "" && len(out) > 0 {
		out[0].Evidence = append(out[0].Evidence, ev)
	}
	return out
}

// ranked evaluates rs (a subsequence of rules) and orders what fired: worst
// severity first, then the best backed, then the more specific rule. It
// notes which findings read config changes (readChanges), so the health
// overview knows when fetching audit logs can change what a finding says.
func (a *analysis) ranked(rs []rule) []Finding {
	var out []Finding
	order := map[string]int{}
	a.changeReaders = map[string]bool{}
	for i, r := range rs {
		order[r.cause] = i
		a.readChanges = false
		if f := r.eval(a); f != nil {
			f.Cause = r.cause
			out = append(out, *f)
			a.changeReaders[r.cause] = a.readChanges
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Severity != out[j].Severity {
			return out[i].Severity > out[j].Severity
		}
		if out[i].Confidence != out[j].Confidence {
			return out[i].Confidence > out[j].Confidence
		}
		return order[out[i].Cause] < order[out[j].Cause]
	})
	return out
}

func severityFor(failing bool) Severity {
	if failing {
		return SeverityCritical
	}
	return SeverityWarning
}

func (a *analysis) credentialExpired() *Finding {
	var bad []ProbeOutcome
	for _, p := range a.f.credentialsInUse() {
		// A probe that could not be made (unreadable credential, 5xx) says
		// nothing about the credential: the stored status still does.
		if pr, ok := a.f.Probes[p.Credential.ID]; ok && !pr.Unreadable() {
			if !pr.OK && (pr.HTTPStatus == 401 || pr.HTTPStatus == 403) {
				bad = append(bad, pr)
			}
			continue
		}
		if vs := p.VerifiedStatus; strings.HasPrefix(vs, "401") || strings.HasPrefix(vs, "403") {
			p.Message = vs
			bad = append(bad, p)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	p := bad[0]
	msg := p.Message
	if p.HTTPStatus != 0 && !strings.HasPrefix(msg, itoa(int64(p.HTTPStatus))) {
		msg = fmt.Sprintf("%d %s", p.HTTPStatus, msg)
	}
	credID := p.Credential.ID
	runs, _ := a.runsEvidence("it", func(c ConfigChange) bool { return c.Resource.RT == nexla.DataCredentials && c.Resource.ID == credID })
	f := &Finding{
		Sentence:   clean(fmt.Sprintf("credential %q fails its probe: %s", p.Credential.Name, strings.TrimSpace(msg))),
		Fix:        "rotate the credential (update it with fresh secrets), probe it, then activate the flow",
		Severity:   SeverityCritical,
		Confidence: ConfidenceMedium,
	}
	if runs != "" {
		f.Sentence += "; " + runs
	}
	f.Evidence = append(f.Evidence, clean(fmt.Sprintf("probe of credential %d (%s): %s", credID, p.Credential.Name, msg)))
	if m := a.matchLogs(reAuth); m.found() {
		f.Confidence = ConfidenceHigh
		f.Evidence = append(f.Evidence, m.evidence...)
	} else if a.r.Stats.Failed > 0 {
		f.Confidence = ConfidenceHigh
	}
	if runs != "" {
		f.Evidence = append(f.Evidence, runs)
	}
	if allowed, known := a.f.CanEditCredential(credID); known && !allowed {
		owner := "the credential's owner"
		if id := a.f.ownerOf(nexla.DataCredentials, credID); id != 0 {
			owner = a.who(id, "") + ", the credential's owner,"
		}
		f.Fix = "ask " + owner + " or an org admin to rotate it (you cannot update it), then probe it and activate the flow"
	}
	return f
}

func (a *analysis) rateLimited() *Finding {
	status := a.r.Flow.Status
	m := a.matchLogs(reRate)
	if status != nexla.StatusRateLimited && !(m.found() && m.consistent()) {
		return nil
	}
	f := &Finding{Fix: "reduce the request rate or raise the limit, wait for the window to pass, then activate", Severity: SeverityCritical, Confidence: ConfidenceMedium}
	if status == nexla.StatusRateLimited {
		f.Sentence = fmt.Sprintf("flow %q is RATE_LIMITED", a.r.Flow.Name)
		f.Evidence = append(f.Evidence, "flow status RATE_LIMITED: activation is refused until the limit resets")
		f.Confidence = ConfidenceHigh
	} else {
		f.Sentence = "the source is throttled (429 Too Many Requests)"
	}
	if m.found() {
		f.Sentence += ": " + clean(shorten(m.example, 120))
		f.Evidence = append(f.Evidence, m.evidence...)
		f.Confidence = max(f.Confidence, m.confidence())
	}
	if runs, _ := a.runsEvidence("", nil); runs != "" && a.r.Stats.Failed > 0 {
		f.Sentence += "; " + runs
		f.Evidence = append(f.Evidence, runs)
	}
	return f
}

// logRule is the shape shared by the log-driven rules: a pattern in the
// failed runs' logs, optionally backed by a config change.
func (a *analysis) logRule(re *regexp.Regexp, subject, what string, fields []string, fix string) *Finding {
	m := a.matchLogs(re)
	if !m.found() {
		return nil
	}
	st := a.r.Stats
	var runs string
	var change *ConfigChange
	if len(fields) > 0 {
		runs, change = a.runsEvidence(what, changedFields(fields...))
	} else {
		runs, _ = a.runsEvidence("", nil)
	}
	f := &Finding{
		Sentence:   clean(subject + ": " + shorten(m.example, 140)),
		Fix:        fix,
		Severity:   severityFor(st.Failed > 0),
		Confidence: ConfidenceMedium,
	}
	if f.Confidence = m.confidence(); f.Confidence == ConfidenceLow {
		f.Severity = SeverityWarning
	}
	if runs != "" {
		f.Sentence += "; " + runs
	}
	f.Evidence = append(f.Evidence, m.evidence...)
	if runs != "" {
		f.Evidence = append(f.Evidence, runs)
	}
	if change != nil {
		f.Evidence = append(f.Evidence, "config change: "+a.changeLine(*change))
		if g := diffGist(*change, 200); g != "" {
			f.Evidence = append(f.Evidence, "what changed: "+g)
		}
		f.Fix += "; ask " + a.who(change.ByID, change.By) + ", who made the change, or " + a.askOwner()
	}
	return f
}

func (a *analysis) transformError() *Finding {
	return a.logRule(reTransf, "a transform fails", "the transform", []string{"transform", "code"},
		"test the transform on the parent nexset's samples, fix it, update the nexset, then activate")
}

func (a *analysis) schemaMismatch() *Finding {
	return a.logRule(reSchema, "records do not match the schema", "the schema", []string{"schema"},
		"migrate the schema (or fix the upstream data), then activate and watch the next run")
}

func (a *analysis) networkTimeout() *Finding {
	f := a.logRule(reNetwork, "connections time out", "", nil,
		"check network reachability of the host and raise the connector timeout")
	if f != nil && a.r.Stats.Partial > 0 {
		f.Evidence = append(f.Evidence, fmt.Sprintf("%d of the runs with errors were PARTIAL (some records made it)", a.r.Stats.Partial))
	}
	return f
}

func (a *analysis) resourceConflict() *Finding {
	f := a.logRule(reConflict, "writes conflict with existing objects", "", nil,
		"give the destination a unique name or target, search before create, then activate")
	ids := make([]int64, 0, len(a.f.SameName))
	for id, d := range a.f.SameName {
		if len(d) > 0 {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return f
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	sink, other := a.f.ref(nexla.DataSinks, ids[0]), a.f.SameName[ids[0]][0]
	ev := fmt.Sprintf("%s shares its name with %s", lbl(sink), lbl(other))
	if f == nil {
		return &Finding{Sentence: clean(fmt.Sprintf("destination %q has the same name as destination %d", sink.Name, other.ID)),
			Evidence: []string{ev}, Fix: "give the destination a unique name", Severity: SeverityInfo, Confidence: ConfidenceLow}
	}
	f.Evidence = append(f.Evidence, ev)
	if f.Confidence < ConfidenceHigh {
		f.Confidence++
	}
	return f
}

func (a *analysis) flowNotRunning() *Finding {
	status := a.r.Flow.Status
	if status != nexla.StatusPaused && status != nexla.StatusInit {
		return nil
	}
	f := &Finding{Fix: "check the source schedule and upstream, then activate the flow", Severity: SeverityCritical, Confidence: ConfidenceHigh}
	f.Sentence = fmt.Sprintf("flow %q is %s", a.r.Flow.Name, status)
	f.Evidence = append(f.Evidence, "flow status "+status)
	if l := a.r.Stats.Latest; l != nil {
		f.Sentence += fmt.Sprintf(": no run since %s (%s)", stamp(l.At()), ago(a.f.Now, l.At()))
		f.Evidence = append(f.Evidence, fmt.Sprintf("last run %s (run id %d)", ago(a.f.Now, l.At()), l.ID))
	} else {
		f.Sentence += ": no recent runs"
	}
	for _, c := range a.configChanges() {
		if changedFields("status")(c) {
			by := a.who(c.ByID, c.By)
			f.Sentence += fmt.Sprintf("; its status changed on %s by %s", stamp(c.At), by)
			f.Evidence = append(f.Evidence, "status change: "+a.changeLine(c))
			f.Fix = "ask " + by + ", who changed its status, why; check the source schedule and upstream, then activate the flow"
			break
		}
	}
	return f
}

func (a *analysis) staleData() *Finding {
	if a.r.Flow.Status != nexla.StatusActive {
		return nil
	}
	stale, age := a.stale()
	if !stale {
		return nil
	}
	l := a.r.Stats.Latest
	limit, from := staleAfterFor(a.f, a.r.Runs)
	return &Finding{
		Sentence: fmt.Sprintf("flow %q is ACTIVE but its last run was %s (threshold %s: %s)", a.r.Flow.Name, ago(a.f.Now, l.At()), Dur(limit), from),
		Evidence: []string{
			fmt.Sprintf("last run at %s (run id %d), %s without a run", stamp(l.At()), l.ID, Dur(age)),
			"flow status ACTIVE, runtime " + orUnknown(a.r.Flow.RuntimeStatus),
		},
		Fix:      "check the source's poll schedule and that upstream is producing data",
		Severity: SeverityCritical, Confidence: ConfidenceHigh,
	}
}

func (a *analysis) permissionDenied() *Finding {
	allowed, known := a.f.CanOperate()
	if !known || allowed {
		return nil
	}
	roles := strings.Join(cleanAll(a.f.accessRoles()), ", ")
	// A note for the fix step, not an alarm: the caller's role limits what
	// they can do about the flow, it says nothing about the flow's health.
	f := &Finding{
		Sentence: fmt.Sprintf("you cannot pause or activate flow %q: your access roles are [%s]; owner, admin or operator is needed", a.r.Flow.Name, roles),
		Evidence: []string{fmt.Sprintf("access_roles on %s: [%s]", lbl(a.f.Resources[0]), roles)},
		Fix:      "to pause or activate it, ask " + a.askOwner() + ", or an org admin for the operator role",
		Severity: SeverityInfo, Confidence: ConfidenceHigh,
	}
	helpers := whoCanHelp(a.f.Accessors)
	switch {
	case a.f.AccessorsErr != nil:
		f.Evidence = append(f.Evidence, phraseWhoHasAccess+" could not be read: "+safetext.Clean(a.f.AccessorsErr.Error()))
	case len(helpers) > 0:
		f.Evidence = append(f.Evidence, phraseWhoCanGrant+" (owners and admins of the flow): "+strings.Join(helpers, ", "))
		// The owner by name first (the flow's users side-load), then the
		// other owners and admins the accessors list.
		f.Fix = "to pause or activate it, ask " + a.askOwner() + "; " + strings.Join(helpers, " or ") +
			" can grant the operator role (u lists " + phraseWhoHasAccess + ")"
	case a.f.Accessors != nil:
		f.Evidence = append(f.Evidence, "no owner or admin is listed among the flow's accessors: ask an org admin")
	}
	return f
}

// whoCanHelp names the owners and admins among accessors: "owner
// riley.chen@acme.example", "admin team Data Platform".
func whoCanHelp(list []nexla.Accessor) []string {
	var out []string
	for _, acc := range list {
		for _, role := range []string{"owner", "admin"} {
			if !slices.Contains(acc.AccessRoles, role) {
				continue
			}
			who := safetext.Clean(acc.Who())
			if who == "" {
				who = "id " + strconv.FormatInt(acc.ID, 10)
			}
			if t := strings.ToUpper(acc.Type); t != "USER" {
				who = strings.ToLower(t) + " " + who
			}
			out = append(out, role+" "+who)
			break
		}
	}
	return out
}

func (a *analysis) highErrorRate() *Finding {
	st, limit := a.r.Stats, a.f.errorRateLimit()
	if st.Total == 0 || st.ErrorRate <= limit {
		return nil
	}
	rc := RecencyOf(a.r.Runs)
	if rc.Trend == TrendRecovered {
		return nil // the newest runs succeeded after one failing stretch: a note, not an alarm (healthRow)
	}
	f := &Finding{
		Sentence: fmt.Sprintf("%s (%s of runs with errors, above the %s threshold; %s of their records in error; %s)",
			st.Sentence(), pct(st.ErrorRate), pct(limit), SharePct(rc.ErrorShare), rc.Trend),
		Fix:        "read the failed runs' logs, validate inputs and test incrementally",
		Severity:   SeverityCritical,
		Confidence: ConfidenceMedium,
	}
	if rc.Trend == TrendRecovering {
		f.Severity = SeverityWarning // the newest run succeeded: watch it, not page on it
	}
	f.Evidence = append(f.Evidence, fmt.Sprintf("error rate %s over the last %d runs (failed and partial runs)", pct(st.ErrorRate), st.Total))
	if shapes := a.errorShapes(); len(shapes) > 1 {
		f.Evidence = append(f.Evidence, fmt.Sprintf("%d different error shapes across the failed runs of the last %d days:", len(shapes), a.f.Opts.Days))
		for i, sh := range shapes {
			if i == maxShapesEvidence {
				f.Evidence = append(f.Evidence, fmt.Sprintf("… %d more shapes (see step 3)", len(shapes)-i))
				break
			}
			f.Evidence = append(f.Evidence, sh.line(140, a.r.Stats.Total))
		}
		return f
	}
	for _, g := range groupIssues(a.f.FailedLogs, 2) {
		f.Evidence = append(f.Evidence, clean(fmt.Sprintf("log at %s: %q", g.Resource, shorten(g.Example, 140))))
	}
	return f
}

func (a *analysis) healthy() Finding {
	st, f := a.r.Stats, a.f
	h := Finding{Cause: CauseHealthy, Severity: SeverityInfo, Confidence: ConfidenceMedium}
	h.Sentence = fmt.Sprintf("flow %q looks healthy", a.r.Flow.Name)
	if st.Total > 0 {
		h.Evidence = append(h.Evidence, fmt.Sprintf("%d of the last %d runs succeeded", st.Total-st.Failed, st.Total))
		h.Evidence = append(h.Evidence, fmt.Sprintf("last run %s (run id %d)", ago(f.Now, st.Latest.At()), st.Latest.ID))
		h.Sentence += fmt.Sprintf(": %d of the last %d runs succeeded, the last %s", st.Total-st.Failed, st.Total, ago(f.Now, st.Latest.At()))
		h.Confidence = ConfidenceHigh
	}
	h.Evidence = append(h.Evidence, "flow status "+orUnknown(a.r.Flow.Status))
	var passed int
	var unread []string
	for _, id := range sortedIDs(f.Probes) {
		switch p := f.Probes[id]; {
		case p.OK:
			passed++
		case p.Unreadable():
			unread = append(unread, p.CallErr)
		}
	}
	if passed > 0 {
		h.Evidence = append(h.Evidence, fmt.Sprintf("%s pass their probe", plural(passed, "credential", "credentials")))
	}
	for _, u := range unread {
		h.Evidence = append(h.Evidence, clean(u))
	}
	return h
}

// unknown stands in for the healthy finding when no rule fired but the run
// metrics could not be read.
func (a *analysis) unknown() Finding {
	return Finding{
		Cause:      CauseUnknown,
		Sentence:   clean(fmt.Sprintf("cannot tell whether flow %q is healthy: %s", a.r.Flow.Name, a.r.Unread)),
		Evidence:   []string{clean(a.r.Unread), "flow status " + orUnknown(a.r.Flow.Status)},
		Fix:        "run it again; if the run metrics stay unreadable, check the API's status",
		Severity:   SeverityWarning,
		Confidence: ConfidenceLow,
	}
}
