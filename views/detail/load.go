package detail

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// detailLoadedMsg is one load of the resource, built off the UI goroutine.
type detailLoadedMsg struct {
	ticket viewkit.Ticket
	name   string
	status string
	flowID int64
	fields []components.KV
	rels   []relation
	raw    components.PagerText // cleaned here: 10 MB takes 55-100 ms, too long for Update
	err    error
}

// load fetches the resource (expanded) and what its relations need: the flow
// that holds it, or for a credential the flows listing whose side-loads say
// which sources and destinations use it. A failure of that second call only
// thins the related list; it is reported as a field, not as an error.
// accessRole goes with the flows listing so shared resources count as users.
func load(ctx context.Context, api nexla.API, rt nexla.ResourceType, id int64, ticket viewkit.Ticket, accessRole string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		m := detailLoadedMsg{ticket: ticket}
		var f fieldList
		var raw json.RawMessage
		var flow *nexla.FlowResponse
		var flowErr error
		switch rt {
		case nexla.DataSources, nexla.DataSets, nexla.DataSinks:
			mem, err := getMember(ctx, api, rt, id, now)
			if err != nil {
				return withErr(m, err)
			}
			flow, flowErr = api.GetFlowByResource(ctx, rt, id, nexla.FlowGetOptions{})
			f, raw, m.name, m.status, m.flowID = mem.fields, mem.Raw, mem.Name, mem.Status, mem.OriginNodeID
			m.rels = mem.rels(flow)
		case nexla.DataCredentials:
			c, err := api.GetCredential(ctx, id, true)
			if err != nil {
				return withErr(m, err)
			}
			flow, flowErr = api.ListFlows(ctx, nexla.FlowListOptions{AccessRole: accessRole})
			f, raw, m.name = credentialFields(*c, now), c.Raw, c.Name
			rels := newRelations(indexOf(flow))
			rels.addUsersOf(flow, c.ID)
			m.rels = rels.list
		case nexla.Flows:
			resp, metrics, err := getFlowAndMetrics(ctx, api, id)
			if err != nil {
				return withErr(m, err)
			}
			if len(resp.Flows) == 0 {
				return withErr(m, &nexla.APIError{Kind: nexla.KindNotFound, Method: "GET", Path: "/flows/" + strconv.FormatInt(id, 10), Status: 404})
			}
			f, m.name, m.status, m.flowID = flowFields(resp, metrics, now), flowName(resp), resp.Flows[0].Status, resp.Flows[0].ID
			raw, _ = json.Marshal(resp)
			rels := newRelations(indexOf(resp))
			rels.addFlow(resp, nexla.Flows, resp.Flows[0].ID)
			m.rels = rels.list
		}
		if flowErr != nil && !nexla.IsNotFound(flowErr) {
			f.add("Related", "incomplete: "+viewkit.ErrText(flowErr))
		}
		m.fields = f.kv
		m.name, m.status = viewkit.Clean(m.name), viewkit.Clean(m.status)
		m.raw = components.NewPagerText(prettyJSON(raw))
		return m
	}
}

func withErr(m detailLoadedMsg, err error) detailLoadedMsg { m.err = err; return m }

// flowMetrics is the run metrics of a flow, or why they are unknown.
type flowMetrics struct {
	runs []nexla.FlowRunMetric
	err  error
}

// getFlowAndMetrics reads the flow without include_run_metrics (with it a
// failing metrics service fails the whole answer, contract §9 #3) and its
// run metrics from a second call at the same time; a failure of the second
// only makes the counts unknown.
func getFlowAndMetrics(ctx context.Context, api nexla.API, id int64) (*nexla.FlowResponse, flowMetrics, error) {
	var fm flowMetrics
	done := make(chan struct{})
	go func() {
		defer close(done)
		r, err := api.GetFlow(ctx, id, nexla.FlowGetOptions{IncludeRunMetrics: true, FlowsOnly: true})
		switch {
		case err != nil:
			fm.err = err
		case r.Metrics.Unreadable:
			fm.err = errors.New("the run metrics came in an unexpected shape")
		default:
			fm.runs = r.Metrics.Runs
		}
	}()
	resp, err := api.GetFlow(ctx, id, nexla.FlowGetOptions{})
	<-done
	return resp, fm, err
}

// member is what the load needs of a source, nexset or destination: the
// fields every resource shares, its own fields, and its relations once the
// flow that holds it is known.
type member struct {
	nexla.Common
	fields fieldList
	rels   func(flow *nexla.FlowResponse) []relation
}

// getMember fetches a source, nexset or destination, expanded.
func getMember(ctx context.Context, api nexla.API, rt nexla.ResourceType, id int64, now time.Time) (member, error) {
	switch rt {
	case nexla.DataSources:
		return memberOf(ctx, id, now, api.GetSource, func(s *nexla.Source) nexla.Common { return s.Common }, sourceFields, sourceRelations)
	case nexla.DataSets:
		return memberOf(ctx, id, now, api.GetNexset, func(n *nexla.Nexset) nexla.Common { return n.Common }, nexsetFields, nexsetRelations)
	}
	return memberOf(ctx, id, now, api.GetDestination, func(d *nexla.Destination) nexla.Common { return d.Common }, destinationFields, destinationRelations)
}

// memberOf is getMember for one kind: its Get call, where its shared fields
// are, and how it lists fields and relations.
func memberOf[T any](ctx context.Context, id int64, now time.Time, get func(context.Context, int64, bool) (*T, error),
	common func(*T) nexla.Common, fields func(T, time.Time) fieldList, rels func(T, *nexla.FlowResponse) []relation,
) (member, error) {
	v, err := get(ctx, id, true)
	if err != nil {
		return member{}, err
	}
	return member{Common: common(v), fields: fields(*v, now), rels: func(flow *nexla.FlowResponse) []relation { return rels(*v, flow) }}, nil
}

func indexOf(resp *nexla.FlowResponse) *nexla.FlowIndex {
	if resp == nil {
		return nil
	}
	ix := resp.Index()
	return &ix
}

func sourceRelations(s nexla.Source, flow *nexla.FlowResponse) []relation {
	r := newRelations(indexOf(flow))
	r.addFlow(flow, nexla.DataSources, s.ID)
	for _, b := range s.DataSets {
		r.add("downstream", nexla.DataSets, b.ID, b.Name, b.Status)
	}
	r.add("credential", nexla.DataCredentials, s.CredentialID(), credName(s.DataCredentials), "")
	return r.list
}

func nexsetRelations(n nexla.Nexset, flow *nexla.FlowResponse) []relation {
	r := newRelations(indexOf(flow))
	r.add("parent", nexla.DataSets, n.ParentID(), "", "")
	r.add("source", nexla.DataSources, n.SourceID(), "", "")
	for _, c := range n.ChildDataSets {
		r.add("child", nexla.DataSets, c.ID, c.Name, c.Status)
	}
	for _, b := range n.DataSinks {
		r.add("sink", nexla.DataSinks, b.ID, b.Name, b.Status)
	}
	for _, id := range n.SinkIDs() {
		r.add("sink", nexla.DataSinks, id, "", "")
	}
	r.addFlow(flow, nexla.DataSets, n.ID)
	r.add("credential", nexla.DataCredentials, n.DataCredentialsID, "", "")
	return r.list
}

func destinationRelations(d nexla.Destination, flow *nexla.FlowResponse) []relation {
	r := newRelations(indexOf(flow))
	name, status := "", ""
	if d.DataSet != nil {
		name, status = d.DataSet.Name, d.DataSet.Status
	}
	r.add("nexset", nexla.DataSets, d.NexsetID(), name, status)
	r.addFlow(flow, nexla.DataSinks, d.ID)
	r.add("credential", nexla.DataCredentials, d.CredentialID(), credName(d.DataCredentials), "")
	r.add("feeds source", nexla.DataSources, d.DataSourceID, "", "")
	return r.list
}

func credName(c *nexla.Credential) string {
	if c == nil {
		return ""
	}
	return c.Name
}

func flowName(resp *nexla.FlowResponse) string { return resp.Index().FlowName(resp.Flows[0]) }

// secretKey matches JSON keys whose values must never be shown, even though
// the server should not send them to API users (defence in depth).
var secretKey = regexp.MustCompile(`(?i)"([a-z0-9_]*(password|secret|token|api_key|apikey|private_key|credentials_enc|credentials_iv)[a-z0-9_]*)"\s*:\s*"(?:[^"\\]|\\.)*"`)

// prettyJSON indents raw and blanks secret-looking string values.
func prettyJSON(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "(the server sent no JSON for this resource)"
	}
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return string(raw)
	}
	out := secretKey.ReplaceAllString(b.String(), `"$1": "[redacted]"`)
	return strings.TrimRight(out, "\n")
}
