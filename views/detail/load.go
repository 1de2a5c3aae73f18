package detail

import (
	"bytes"
	"context"
	"encoding/json"
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
	token  *screenToken
	seq    int
	name   string
	status string
	flowID int64
	fields []components.KV
	rels   []relation
	raw    string
	err    error
}

type screenToken struct{ _ byte }

// load fetches the resource (expanded) and what its relations need: the flow
// that holds it, or for a credential the flows listing whose side-loads say
// which sources and destinations use it. A failure of that second call only
// thins the related list; it is reported as a field, not as an error.
// accessRole goes with the flows listing so shared resources count as users.
func load(ctx context.Context, api nexla.API, rt nexla.ResourceType, id int64, tok *screenToken, seq int, accessRole string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		m := detailLoadedMsg{token: tok, seq: seq}
		var f fieldList
		var raw json.RawMessage
		var flow *nexla.FlowResponse
		var flowErr error
		switch rt {
		case nexla.DataSources:
			s, err := api.GetSource(ctx, id, true)
			if err != nil {
				return withErr(m, err)
			}
			flow, flowErr = api.GetFlowByResource(ctx, rt, id, nexla.FlowGetOptions{})
			f, raw, m.name, m.status, m.flowID = sourceFields(*s, now), s.Raw, s.Name, s.Status, s.OriginNodeID
			m.rels = sourceRelations(*s, flow)
		case nexla.DataSets:
			n, err := api.GetNexset(ctx, id, true)
			if err != nil {
				return withErr(m, err)
			}
			flow, flowErr = api.GetFlowByResource(ctx, rt, id, nexla.FlowGetOptions{})
			f, raw, m.name, m.status, m.flowID = nexsetFields(*n, now), n.Raw, n.Name, n.Status, n.OriginNodeID
			m.rels = nexsetRelations(*n, flow)
		case nexla.DataSinks:
			d, err := api.GetDestination(ctx, id, true)
			if err != nil {
				return withErr(m, err)
			}
			flow, flowErr = api.GetFlowByResource(ctx, rt, id, nexla.FlowGetOptions{})
			f, raw, m.name, m.status, m.flowID = destinationFields(*d, now), d.Raw, d.Name, d.Status, d.OriginNodeID
			m.rels = destinationRelations(*d, flow)
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
			resp, err := api.GetFlow(ctx, id, nexla.FlowGetOptions{IncludeRunMetrics: true})
			if err != nil {
				return withErr(m, err)
			}
			if len(resp.Flows) == 0 {
				return withErr(m, &nexla.APIError{Kind: nexla.KindNotFound, Method: "GET", Path: "/flows/" + strconv.FormatInt(id, 10), Status: 404})
			}
			f, m.name, m.status, m.flowID = flowFields(resp, now), flowName(resp), resp.Flows[0].Status, resp.Flows[0].ID
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
		m.raw = prettyJSON(raw)
		return m
	}
}

func withErr(m detailLoadedMsg, err error) detailLoadedMsg { m.err = err; return m }

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

func flowName(resp *nexla.FlowResponse) string {
	o := resp.Flows[0]
	if o.Name != "" {
		return o.Name
	}
	return resp.Index().NodeName(o)
}

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
