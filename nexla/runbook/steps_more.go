package runbook

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/nexla-tui/nexla-tui/nexla"
)

func (a *analysis) runDiff() Step {
	s := Step{ID: StepRunDiff, State: StatePending}
	st := a.r.Stats
	if len(a.f.RunMetrics) == 0 || a.runsPending() {
		return s
	}
	if st.LastFailure == nil || st.LastSuccess == nil {
		s.State = StateSkipped
		s.Summary = "needs both a failed and a successful run among the last " + itoa(int64(st.Total))
		return s
	}
	bad, good := st.LastFailure, st.LastSuccess
	s.State = StateOK
	s.Summary = fmt.Sprintf("run %d (%s) vs run %d (%s): records %d vs %d, errors %d vs %d",
		bad.ID, bad.Outcome, good.ID, good.Outcome, bad.Records, good.Records, bad.Errors, good.Errors)
	s.Details = runsSideBySide(*bad, *good, "failed", "successful", false)
	if a.f.FailedRunID == bad.ID && a.f.OKRunID == good.ID {
		s.Summary += fmt.Sprintf("; %s only in the failed run", plural(len(a.diff), "log line shape", "log line shapes"))
		for i, d := range a.diff {
			if i == 10 {
				s.Details = append(s.Details, fmt.Sprintf("… %d more", len(a.diff)-10))
				break
			}
			s.Details = append(s.Details, fmt.Sprintf("only in failed: %4d× %s", d.Count, clean(shorten(d.Example, 200))))
		}
		if len(a.diff) > 0 {
			s.State = StateWarning
		}
	}
	between := changesBetween(a.changes, good.At(), bad.At())
	if good.At().IsZero() || bad.At().IsZero() {
		between = nil
	}
	if len(between) > 0 {
		s.State = StateWarning
		s.Summary += fmt.Sprintf("; %s between them", plural(len(between), "config change", "config changes"))
	}
	for _, c := range between {
		s.Details = append(s.Details, a.changeDetails("changed between runs: ", c, diffLimit(c))...)
	}
	return s
}

func (a *analysis) dependencies() Step {
	s := Step{ID: StepDependencies, State: StatePending}
	f := a.f
	if f.Flow == nil {
		return s
	}
	s.State = StateOK
	// Upstream chain of the target, nearest first.
	var up []string
	for k := f.Parents[resKey{f.TargetRef.RT, f.TargetRef.ID}]; k.ID != 0; k = f.Parents[k] {
		r := f.ref(k.RT, k.ID)
		up = append(up, fmt.Sprintf("%s %s", lbl(r), orUnknown(clean(r.Status))))
		if r.Status == nexla.StatusPaused {
			s.State = StateWarning
		}
	}
	if len(up) > 0 {
		s.Details = append(s.Details, "upstream: "+strings.Join(up, " <- "))
	}
	for _, u := range f.Upstreams {
		line := "upstream flow: " + clean(u.Label()) + ", " + clean(u.upstreamTie()) + ": "
		switch h := u.Health; {
		case h == nil:
			line += "not read"
		case h.Healthy():
			line += "healthy"
		default:
			line += clean(CauseTitle(h.Cause))
			if len(h.Issues) > 0 {
				line += ": " + clean(shorten(h.Issues[0], 160))
			}
			s.State = StateFailing
		}
		s.Details = append(s.Details, line)
	}
	creds, unnamed := f.credentialUse()
	var ok, bad, unread int
	for _, c := range creds {
		p, probed := f.Probes[c.Credential.ID]
		var users []string
		for _, u := range c.UsedBy {
			users = append(users, lbl(u))
		}
		line := fmt.Sprintf("%s [%s] used by %s: ", lbl(c.Credential), clean(c.Type), strings.Join(users, ", "))
		if c.Group != "" {
			line = fmt.Sprintf("%s [%s] used by %s through credentials %s: ", lbl(c.Credential), clean(c.Type), strings.Join(users, ", "), clean(c.Group))
		}
		switch {
		case !probed:
			line += "probe pending; stored status " + orUnknown(clean(c.VerifiedStatus))
		case p.Unreadable():
			unread++
			line += clean(p.CallErr) + "; stored status " + orUnknown(clean(c.VerifiedStatus))
		case p.OK:
			ok++
			line += "probe OK"
		default:
			bad++
			line += clean(fmt.Sprintf("probe FAILED: %d %s", p.HTTPStatus, p.Message))
		}
		s.Details = append(s.Details, line)
		if probed && !p.OK && !p.Unreadable() {
			// The fix is to rotate the credential: say up front whether the caller can.
			s.Details = append(s.Details, a.credentialAccess(c))
		}
	}
	for _, g := range unnamed {
		s.Details = append(s.Details, fmt.Sprintf("credentials group %d: the server named none of its credentials, so none could be probed", g))
	}
	if bad > 0 {
		s.State = StateFailing
	}
	if (unread > 0 || len(unnamed) > 0) && s.State == StateOK {
		s.State = StateWarning
	}
	allowed, known := f.CanOperate()
	roles := strings.Join(cleanAll(f.accessRoles()), ", ")
	switch {
	case !known:
		s.Details = append(s.Details, "access: unknown (the server sent no access roles)")
	case allowed:
		s.Details = append(s.Details, "access: you may pause and activate this flow (roles: "+orDefault("unknown", roles)+")")
	default:
		if s.State == StateOK {
			s.State = StateWarning
		}
		s.Details = append(s.Details, "access: you may NOT pause or activate this flow (roles: "+orDefault("unknown", roles)+"; owner, admin or operator needed)")
	}
	for _, id := range sortedIDs(f.SameName) {
		for _, d := range f.SameName[id] {
			if s.State == StateOK {
				s.State = StateWarning
			}
			s.Details = append(s.Details, fmt.Sprintf("name clash: %s has the same name as %s", lbl(f.ref(nexla.DataSinks, id)), lbl(d)))
		}
	}
	s.Summary = fmt.Sprintf("%d of %s pass their probe", ok, plural(len(creds), "credential", "credentials"))
	if unread > 0 {
		s.Summary += fmt.Sprintf("; %d could not be read", unread)
	}
	if n := failingUpstreams(f); n > 0 {
		s.Summary += fmt.Sprintf("; %s failing", plural(n, "upstream flow", "upstream flows"))
	}
	if len(up) > 0 {
		s.Summary += fmt.Sprintf("; %s upstream", plural(len(up), "node", "nodes"))
	}
	if known && !allowed {
		s.Summary += "; you lack pause/activate access"
	}
	return s
}

// failingUpstreams counts the upstream flows read and found unhealthy.
func failingUpstreams(f *Facts) int {
	n := 0
	for _, u := range f.Upstreams {
		if u.Health != nil && !u.Health.Healthy() {
			n++
		}
	}
	return n
}

// credentialAccess says whether the caller may update credential c.
func (a *analysis) credentialAccess(c ProbeOutcome) string {
	var roles []string
	if cr := a.f.Index.Credentials[c.Credential.ID]; cr != nil {
		roles = cr.AccessRoles
	}
	list := orDefault("unknown", strings.Join(cleanAll(roles), ", "))
	switch allowed, known := a.f.CanEditCredential(c.Credential.ID); {
	case !known:
		return "  access: unknown whether you may update " + lbl(c.Credential) + " (the server sent no access roles)"
	case allowed:
		return "  access: you may update " + lbl(c.Credential) + " to rotate it (roles: " + list + ")"
	default:
		return "  access: you may NOT update " + lbl(c.Credential) + " (roles: " + list + "; owner or admin needed): ask its owner to rotate it"
	}
}

func cleanAll(in []string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = clean(s)
	}
	return out
}

func (a *analysis) config() Step {
	s := Step{ID: StepConfig, State: StatePending}
	f := a.f
	if f.Flow == nil {
		return s
	}
	s.State = StateOK
	ids := sortedIDs(f.Nexsets)
	for _, id := range ids {
		n := f.Nexsets[id]
		if n == nil {
			continue
		}
		line := fmt.Sprintf("%s: ", lbl(ResourceRef{RT: nexla.DataSets, ID: id, Name: n.Name}))
		if n.IsDerived() {
			line += fmt.Sprintf("derived from nexset %d", n.ParentID())
		} else {
			line += fmt.Sprintf("detected from source %d", n.SourceID())
		}
		if len(n.Transform) > 0 && string(n.Transform) != "null" {
			line += "; transform " + clean(shorten(compactJSON(n.Transform), 120))
		}
		line += fmt.Sprintf("; output schema %s", schemaShape(n.OutputSchema))
		s.Details = append(s.Details, line)
	}
	for _, id := range sortedIDs(f.Samples) {
		for i, smp := range f.Samples[id] {
			if i == 2 {
				break
			}
			if smp.Input != nil && smp.Output != nil {
				s.Details = append(s.Details, fmt.Sprintf("sample of nexset %d: input %s -> output %s", id,
					clean(shorten(compactJSON(smp.Input.RawMessage), 90)), clean(shorten(compactJSON(smp.Output.RawMessage), 90))))
			} else {
				s.Details = append(s.Details, fmt.Sprintf("sample of nexset %d: %s", id, clean(shorten(compactJSON(smp.Record.RawMessage), 160))))
			}
		}
	}
	var recent, yours []ConfigChange
	for _, c := range a.r.Changes {
		switch {
		case c.Yours:
			yours = append(yours, c)
		case c.Nearest || (c.Resource.RT != nexla.DataCredentials && len(c.Fields) > 0):
			recent = append(recent, c)
		}
	}
	since := a.r.Stats.LastSuccess
	for i, c := range recent {
		if i == 8 {
			s.Details = append(s.Details, fmt.Sprintf("… %d more changes on record", len(recent)-8))
			break
		}
		s.Details = append(s.Details, a.changeDetails("change: ", c, diffLimit(c))...)
		if since != nil && !since.At().IsZero() && c.At.After(since.At()) && touchesLogic(c) {
			s.State = StateWarning
		}
	}
	if len(yours) > 0 {
		s.Details = append(s.Details, "your own changes (this session, or pause/activate since the failures began):")
		for _, c := range yours {
			s.Details = append(s.Details, a.changeDetails("  change: ", c, maxDiffLinesOther)...)
		}
	}
	s.Summary = fmt.Sprintf("%s, %s", plural(len(ids), "nexset", "nexsets"), plural(len(recent), "config change", "config changes")+" on record")
	if len(yours) > 0 {
		s.Summary += fmt.Sprintf(" (and %d of yours)", len(yours))
	}
	if n := a.nearest(); n != nil {
		s.Summary += "; nearest before the first failure: " + clean(n.Resource.Label()) + " " + clean(strings.Join(n.Fields, ", "))
	}
	return s
}

// nearest is the change marked Nearest, nil when none.
func (a *analysis) nearest() *ConfigChange {
	for i := range a.r.Changes {
		if a.r.Changes[i].Nearest {
			return &a.r.Changes[i]
		}
	}
	return nil
}

// touchesLogic reports whether a change alters what the flow does to data.
func touchesLogic(c ConfigChange) bool {
	for _, fld := range c.Fields {
		switch {
		case strings.Contains(fld, "transform"), strings.Contains(fld, "schema"), strings.Contains(fld, "code"), strings.Contains(fld, "config"):
			return true
		}
	}
	return false
}

func compactJSON(b []byte) string {
	var v any
	if json.Unmarshal(b, &v) != nil {
		return string(b)
	}
	out, _ := json.Marshal(v)
	return string(out)
}

// schemaShape summarises a JSON schema as its fields and their types
// ("5 fields: account_name string, customer_id integer, …"), so the field
// whose type changed can be read off it.
func schemaShape(b []byte) string {
	fields, ok := schemaFields(b)
	if len(b) == 0 || !ok || string(b) == "null" {
		return "not provided"
	}
	names := make([]string, 0, len(fields))
	for n := range fields {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + " " + fields[n]
	}
	out := plural(len(fields), "field", "fields")
	if len(parts) > 0 {
		out += ": " + shorten(strings.Join(parts, ", "), 160)
	}
	return clean(out)
}

func (a *analysis) fixVerify() Step {
	s := Step{ID: StepFixVerify, State: StateSkipped}
	if a.f.Flow == nil {
		s.State = StatePending
		return s
	}
	s.Summary = "pause the flow, apply the fix, activate it and watch the next run (runbook screen: p, a)"
	if allowed, known := a.f.CanOperate(); known && !allowed {
		s.State = StateWarning
		s.Summary = "you cannot pause or activate this flow: ask an owner or admin for the operator role"
	}
	return s
}
