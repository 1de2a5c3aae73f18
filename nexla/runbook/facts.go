package runbook

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Options tune a runbook. Zero values take the defaults.
type Options struct {
	Now        func() time.Time // clock; default time.Now
	Runs       int              // last N runs considered; default 10
	StaleAfter time.Duration    // no run for longer than this is stale; default 24h
	Days       int              // daily metrics window; default 7
	LogLimit   int              // most log lines fetched per run; default 20,000
	MaxNodes   int              // most resources of a flow examined one by one; default 24
	SLA        SLAs             // the profile's thresholds (max age, min success rate, max run duration)
	// SessionStart is when the caller's session began (the TUI's start):
	// the caller's changes since then are listed apart from the others.
	// Zero: only the caller's pauses and activates after the failures began are.
	SessionStart time.Time
}

func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Runs <= 0 {
		o.Runs = 10
	}
	if o.StaleAfter <= 0 {
		o.StaleAfter = 24 * time.Hour
	}
	if o.Days <= 0 {
		o.Days = 7
	}
	if o.LogLimit <= 0 {
		o.LogLimit = 20000
	}
	if o.MaxNodes <= 0 {
		o.MaxNodes = 24
	}
	return o
}

// ProbeOutcome is the live probe of one credential.
type ProbeOutcome struct {
	Credential ResourceRef
	Type       string
	UsedBy     []ResourceRef
	OK         bool
	HTTPStatus int
	Message    string
	// VerifiedStatus is the stored verified_status before the probe.
	VerifiedStatus string
	// Group names the credentials group the users authenticate through,
	// when the credential was found through one ("" for a direct one).
	Group string
	// CallErr is set when the probe call itself failed (the caller may not
	// read the credential: 403 with an empty body, §9 row 14; a 5xx; our
	// rate limit): nothing is known about the credential from the probe.
	CallErr string
}

// Unreadable reports whether the probe could not be made.
func (p ProbeOutcome) Unreadable() bool { return p.CallErr != "" }

// Facts is everything the runbook has learned so far. Events fill it on the
// consumer's goroutine (never concurrently); Analyze reads it.
type Facts struct {
	Target Target
	Opts   Options
	Now    time.Time

	Flow      *nexla.FlowResponse
	Origin    nexla.FlowNode
	Index     nexla.FlowIndex
	Resources []ResourceRef // depth-first order of the flow tree, this flow's nodes only
	Parents   map[resKey]resKey
	TargetRef ResourceRef
	// Consumers are other flows rendered inside this tree (origins built on
	// this flow's shared nexsets): listed, never analysed as this flow.
	Consumers []FlowLink
	// Upstreams are the flows that start or feed this one; their Health is
	// filled once read.
	Upstreams []FlowLink

	RunMetrics   map[resKey][]nexla.RunMetric
	Daily        map[resKey][]nexla.DailyMetric
	RunTimes     map[int64][2]time.Time
	WindowLogs   int              // lines seen by the timing query
	WindowIssues []nexla.LogEntry // its ERROR and WARNING lines, all runs
	// WindowStamps are the epoch times of the timing query's lines that
	// carry no run id (the real server's entries have none, contract §9 #9);
	// Analyze assigns them to runs by time (windowByRun).
	WindowStamps []int64
	FailedRunID  int64
	FailedLogs   []nexla.LogEntry
	OKRunID      int64
	OKLogs       []nexla.LogEntry
	// SingleRunLogs says only the failed run's logs were read, on purpose,
	// and no 7-day window (the health overview): log rules then judge the
	// other failures by where they failed and claim less confidence.
	SingleRunLogs bool
	Audit         map[resKey][]nexla.AuditEntry
	// Accessors of the flow, read only when the caller may not operate it
	// (so the permission finding can name who can help); AccessorsErr when
	// that read failed.
	Accessors    []nexla.Accessor
	AccessorsErr error
	Probes       map[int64]ProbeOutcome
	Me           *nexla.CurrentUser
	Nexsets      map[int64]*nexla.Nexset
	Samples      map[int64][]nexla.Sample
	// SameName lists, per sink id, other sinks of the org with the same name.
	SameName map[int64][]ResourceRef
	// Alerts are the notifications of AlertsOf (see alerts.go), newest
	// first; AlertsRead once they were read.
	Alerts     []nexla.Notification
	AlertsOf   ResourceRef
	AlertsRead bool

	pending map[string]StepID
	errs    map[string]stepErr
	Done    bool
}

type stepErr struct {
	step StepID
	err  error
}

// NewFacts starts an empty fact sheet for t.
func NewFacts(t Target, o Options) *Facts {
	o = o.withDefaults()
	return &Facts{
		Target: t, Opts: o, Now: o.Now(),
		Parents:    map[resKey]resKey{},
		RunMetrics: map[resKey][]nexla.RunMetric{},
		Daily:      map[resKey][]nexla.DailyMetric{},
		RunTimes:   map[int64][2]time.Time{},
		Audit:      map[resKey][]nexla.AuditEntry{},
		Probes:     map[int64]ProbeOutcome{},
		Nexsets:    map[int64]*nexla.Nexset{},
		Samples:    map[int64][]nexla.Sample{},
		SameName:   map[int64][]ResourceRef{},
		pending:    map[string]StepID{},
		errs:       map[string]stepErr{},
	}
}

// Err returns the error of a call by name (e.g. "flow"), or nil.
func (f *Facts) Err(call string) error { return f.errs[call].err }

// Pending reports how many calls are still in flight.
func (f *Facts) Pending() int { return len(f.pending) }

// Event is one step of collection: a call started, or a call answered.
type Event struct {
	Call    string // e.g. "run_summary data_sets/12"
	Step    StepID
	Started bool
	Elapsed time.Duration
	Err     error
	apply   func(*Facts)
	// applyOnErr: apply runs even when Err is set (it records the failure).
	applyOnErr bool
}

// Apply merges the event into f. Call it from one goroutine only.
func (e Event) Apply(f *Facts) {
	if e.Started {
		f.pending[e.Call] = e.Step
		return
	}
	delete(f.pending, e.Call)
	if e.Err != nil {
		f.errs[e.Call] = stepErr{e.Step, e.Err}
		if !e.applyOnErr {
			return
		}
	}
	if e.apply != nil {
		e.apply(f)
	}
}

// setFlow records the flow and derives the resource list.
func (f *Facts) setFlow(fr *nexla.FlowResponse) { f.setFlowIndexed(fr, fr.Index()) }

// setFlowIndexed is setFlow with a prebuilt index (the health overview shares
// one index across every flow of GET /flows).
func (f *Facts) setFlowIndexed(fr *nexla.FlowResponse, ix nexla.FlowIndex) {
	f.Flow = fr
	f.Index = ix
	if len(fr.Flows) == 0 {
		return
	}
	f.Origin = fr.Flows[0]
	f.Resources = f.Resources[:0]
	f.Consumers = f.Consumers[:0]
	var walk func(n *nexla.FlowNode, parent resKey)
	walk = func(n *nexla.FlowNode, parent resKey) {
		if n != &f.Origin && foreignNode(n, f.Origin.ID) {
			f.Consumers = append(f.Consumers, consumerLink(n, parent))
			return
		}
		rt, id := n.Resource()
		k := resKey{rt, id}
		if id != 0 {
			f.Resources = append(f.Resources, ResourceRef{RT: rt, ID: id, Name: f.Index.NodeName(*n), Status: f.Index.NodeStatus(*n)})
			if parent.ID != 0 {
				f.Parents[k] = parent
			}
		} else {
			k = parent
		}
		for i := range n.Children {
			walk(&n.Children[i], k)
		}
	}
	walk(&f.Origin, resKey{})
	f.Upstreams = upstreamLinks(fr, &f.Origin)
	f.TargetRef = f.ref(f.Target.RT, f.Target.ID)
	if f.Target.RT == nexla.Flows && len(f.Resources) > 0 {
		f.TargetRef = f.Resources[0]
	}
}

func (f *Facts) ref(rt nexla.ResourceType, id int64) ResourceRef {
	for _, r := range f.Resources {
		if r.RT == rt && r.ID == id {
			return r
		}
	}
	return ResourceRef{RT: rt, ID: id}
}

// credentialsInUse lists each credential of the flow's sources and sinks with its users.
func (f *Facts) credentialsInUse() []ProbeOutcome {
	out, _ := f.credentialUse()
	return out
}

// credentialUse is credentialsInUse plus the credentials groups whose
// credentials the server did not name (they cannot be probed).
func (f *Facts) credentialUse() (out []ProbeOutcome, unnamed []int64) {
	byID := map[int64]*ProbeOutcome{}
	add := func(id int64, user ResourceRef, group string, embedded *nexla.Credential) {
		if id == 0 {
			return
		}
		p := byID[id]
		if p == nil {
			p = &ProbeOutcome{Credential: ResourceRef{RT: nexla.DataCredentials, ID: id}, Group: group}
			c := f.Index.Credentials[id]
			if c == nil {
				c = embedded
			}
			if c != nil {
				p.Credential.Name, p.Credential.Status = c.Name, c.Status
				p.Type, p.VerifiedStatus = c.CredentialsType, c.VerifiedStatus
			}
			byID[id] = p
		}
		p.UsedBy = append(p.UsedBy, user)
	}
	// use adds a source's or sink's credential: the direct one, else every
	// credential of the group it authenticates through (§9 row 6).
	use := func(r ResourceRef, credID, groupID int64) {
		if credID != 0 || groupID == 0 {
			add(credID, r, "", nil)
			return
		}
		g := f.Index.Groups[groupID]
		if g == nil || len(g.CredentialIDs()) == 0 {
			if !slices.Contains(unnamed, groupID) {
				unnamed = append(unnamed, groupID)
			}
			return
		}
		label := fmt.Sprintf("group %d", g.ID)
		if g.Name != "" {
			label = fmt.Sprintf("group %q (id %d)", g.Name, g.ID)
		}
		for _, id := range g.CredentialIDs() {
			var embedded *nexla.Credential
			for i := range g.DataCredentials {
				if g.DataCredentials[i].ID == id && g.DataCredentials[i].Name != "" {
					embedded = &g.DataCredentials[i]
				}
			}
			add(id, r, label, embedded)
		}
	}
	for _, r := range f.Resources {
		switch r.RT {
		case nexla.DataSources:
			if s := f.Index.Sources[r.ID]; s != nil {
				use(r, s.CredentialID(), s.DataCredentialsGroupID)
			}
		case nexla.DataSinks:
			if d := f.Index.Destinations[r.ID]; d != nil {
				use(r, d.CredentialID(), d.DataCredentialsGroupID)
			}
		}
	}
	out = make([]ProbeOutcome, 0, len(byID))
	for _, p := range byID {
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Credential.ID < out[j].Credential.ID })
	return out, unnamed
}

// accessRoles returns the caller's roles on the origin resource of the flow.
func (f *Facts) accessRoles() []string {
	if len(f.Resources) == 0 {
		return nil
	}
	r := f.Resources[0]
	switch r.RT {
	case nexla.DataSources:
		if s := f.Index.Sources[r.ID]; s != nil {
			return s.AccessRoles
		}
	case nexla.DataSets:
		if s := f.Index.Nexsets[r.ID]; s != nil {
			return s.AccessRoles
		}
	}
	return nil
}

// CanOperate says whether the caller may pause/activate the flow: roles
// owner, admin or operator (or org admin) allow it; collaborator does not.
// known is false when the server told us nothing either way.
func (f *Facts) CanOperate() (allowed, known bool) {
	return f.allowedBy(f.accessRoles(), "owner", "admin", "operator")
}

// CanEditCredential says whether the caller may update (rotate) a
// credential: owner or admin on it, or org admin.
func (f *Facts) CanEditCredential(id int64) (allowed, known bool) {
	var roles []string
	if c := f.Index.Credentials[id]; c != nil {
		roles = c.AccessRoles
	}
	return f.allowedBy(roles, "owner", "admin")
}

// allowedBy says whether roles include one of need; org admins may do
// anything. known is false when there are no roles to judge by.
func (f *Facts) allowedBy(roles []string, need ...string) (allowed, known bool) {
	if f.Me != nil && f.Me.OrgMembership != nil && f.Me.OrgMembership.IsAdmin {
		return true, true
	}
	if len(roles) == 0 {
		return false, false
	}
	for _, r := range roles {
		if slices.Contains(need, r) {
			return true, true
		}
	}
	return false, true
}
