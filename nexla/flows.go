package nexla

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

func flowQuery(flowsOnly, runMetrics bool) url.Values {
	q := url.Values{}
	if flowsOnly {
		q.Set("flows_only", "1")
	}
	if runMetrics {
		q.Set("include_run_metrics", "1")
	}
	return q
}

// flowPager pages GET /flows with o's query. Without access_role the server
// lists only the flows the caller owns, so the client's role always goes.
func (c *Client) flowPager(o FlowListOptions) pager[FlowResponse] {
	q := flowQuery(o.FlowsOnly, o.IncludeRunMetrics)
	q.Set("access_role", c.role(o.AccessRole))
	perPage := o.PerPage
	if perPage <= 0 {
		perPage = DefaultPerPage
	}
	pg := newPager[FlowResponse](c, "/flows", q, ListOptions{PerPage: perPage})
	pg.single, pg.size = true, countFlows
	return pg
}

// ListFlows is GET /flows. With Page 0 it fetches every page (the server's
// unpaged default is only 20 flows when include_run_metrics is set) and merges
// them into one response; with Page > 0 it returns that page only.
func (c *Client) ListFlows(ctx context.Context, o FlowListOptions) (*FlowResponse, error) {
	pg := c.flowPager(o)
	if o.Page > 0 {
		r := pg.fetch(ctx, o.Page)
		if r.err != nil {
			return nil, r.err
		}
		return &r.items[0], nil
	}
	// The shared pager fetches the pages concurrently and hands them over in
	// order; each is merged and dropped, so only the pager's small window of
	// decoded pages is alive beside the merged listing.
	var merge *flowMerger
	err := pg.run(ctx, func(p Page[FlowResponse]) bool {
		for i := range p.Items {
			if merge == nil {
				merge = newFlowMerger(&p.Items[i])
			} else {
				merge.add(&p.Items[i])
			}
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	return merge.into, nil
}

func countFlows(pages []FlowResponse) int {
	n := 0
	for i := range pages {
		n += len(pages[i].Flows)
	}
	return n
}

// flowMerger appends pages of a flows listing to the first page. Side-loaded
// resources shared by several flows (credentials above all) appear once. The
// seen-sets live across pages: rebuilding them per page made a 300-page
// listing quadratic (3 s of CPU for 100,000 resources).
type flowMerger struct {
	into                                       *FlowResponse
	sources, sets, sinks, creds, groups, users map[int64]bool
}

func newFlowMerger(first *FlowResponse) *flowMerger {
	m := &flowMerger{into: first}
	m.sources = seenIDs(first.DataSources, func(s Source) int64 { return s.ID })
	m.sets = seenIDs(first.DataSets, func(s Nexset) int64 { return s.ID })
	m.sinks = seenIDs(first.DataSinks, func(s Destination) int64 { return s.ID })
	m.creds = seenIDs(first.DataCredentials, func(s Credential) int64 { return s.ID })
	m.groups = seenIDs(first.DataCredentialsGroups, func(g CredentialsGroup) int64 { return g.ID })
	m.users = map[int64]bool{}
	for _, u := range first.Users {
		m.users[u.ID] = true
	}
	return m
}

func (m *flowMerger) add(b *FlowResponse) {
	a := m.into
	a.Flows = append(a.Flows, b.Flows...)
	a.Metrics.Runs = append(a.Metrics.Runs, b.Metrics.Runs...)
	a.Metrics.Unreadable = a.Metrics.Unreadable || b.Metrics.Unreadable
	a.TriggeredFlows = append(a.TriggeredFlows, b.TriggeredFlows...)
	a.TriggeringFlows = append(a.TriggeringFlows, b.TriggeringFlows...)
	a.LinkedFlows = append(a.LinkedFlows, b.LinkedFlows...)
	a.DataSources = appendUnseen(a.DataSources, b.DataSources, m.sources, func(s Source) int64 { return s.ID })
	a.DataSets = appendUnseen(a.DataSets, b.DataSets, m.sets, func(s Nexset) int64 { return s.ID })
	a.DataSinks = appendUnseen(a.DataSinks, b.DataSinks, m.sinks, func(s Destination) int64 { return s.ID })
	a.DataCredentials = appendUnseen(a.DataCredentials, b.DataCredentials, m.creds, func(s Credential) int64 { return s.ID })
	a.DataCredentialsGroups = appendUnseen(a.DataCredentialsGroups, b.DataCredentialsGroups, m.groups, func(g CredentialsGroup) int64 { return g.ID })
	for _, u := range b.Users {
		if !m.users[u.ID] {
			a.Users, m.users[u.ID] = append(a.Users, u), true
		}
	}
}

func seenIDs[T any](items []T, id func(T) int64) map[int64]bool {
	seen := make(map[int64]bool, len(items))
	for _, v := range items {
		seen[id(v)] = true
	}
	return seen
}

func appendUnseen[T any](a, b []T, seen map[int64]bool, id func(T) int64) []T {
	for _, v := range b {
		if k := id(v); !seen[k] {
			a, seen[k] = append(a, v), true
		}
	}
	return a
}

// GetFlow is GET /flows/{id}; id may be any node of the flow.
func (c *Client) GetFlow(ctx context.Context, nodeID int64, o FlowGetOptions) (*FlowResponse, error) {
	path := pathf("/flows/%d", nodeID)
	if err := checkID(http.MethodGet, path, nodeID); err != nil {
		return nil, err
	}
	return c.getFlow(ctx, path, o)
}

func (c *Client) getFlow(ctx context.Context, path string, o FlowGetOptions) (*FlowResponse, error) {
	var fr FlowResponse
	if _, err := c.get(ctx, path, flowQuery(o.FlowsOnly, o.IncludeRunMetrics), &fr); err != nil {
		return nil, err
	}
	return &fr, nil
}

// GetFlowByResource is GET /{rt}/{id}/flow: the flow containing a source,
// nexset or destination (rt Flows falls back to GetFlow).
func (c *Client) GetFlowByResource(ctx context.Context, rt ResourceType, id int64, o FlowGetOptions) (*FlowResponse, error) {
	if rt == Flows {
		return c.GetFlow(ctx, id, o)
	}
	path := pathf("/%s/%d/flow", rt, id)
	if !rt.HasFlow() {
		return nil, inputError(http.MethodGet, path, "a %s is not part of a flow", rt.Singular())
	}
	if err := checkID(http.MethodGet, path, id); err != nil {
		return nil, err
	}
	return c.getFlow(ctx, path, o)
}

// ActivateFlow is PUT /flows/{id}/activate: the node and everything
// downstream, or with all the whole flow from its origin (all=1). Activate
// can start a run, so a lost answer is settled by re-reading the flow, never
// by sending it again blindly; the Outcome says when that happened.
func (c *Client) ActivateFlow(ctx context.Context, nodeID int64, all bool) (*FlowResponse, Outcome, error) {
	return c.flowState(ctx, nodeID, all, "activate")
}

// PauseFlow is PUT /flows/{id}/pause, with the same scope rules as ActivateFlow.
func (c *Client) PauseFlow(ctx context.Context, nodeID int64, all bool) (*FlowResponse, Outcome, error) {
	return c.flowState(ctx, nodeID, all, "pause")
}

func (c *Client) flowState(ctx context.Context, nodeID int64, all bool, action string) (*FlowResponse, Outcome, error) {
	if c.readOnly {
		return nil, Outcome{}, ErrReadOnly
	}
	path := pathf("/flows/%d/%s", nodeID, action)
	if err := checkID(http.MethodPut, path, nodeID); err != nil {
		return nil, Outcome{}, err
	}
	fr := &FlowResponse{}
	want := wantedStatus(action)
	m := mutation{
		req:    request{method: http.MethodPut, path: path, query: flagQuery("all", all), mutating: true},
		what:   "flow " + strconv.FormatInt(nodeID, 10),
		wanted: want,
		check: func(ctx context.Context) (bool, error) {
			var read FlowResponse
			if err := c.reread(ctx, pathf("/flows/%d", nodeID), &read); err != nil {
				return false, err
			}
			*fr = read
			return flowInState(&read, nodeID, all, want)
		},
	}
	o, err := c.mutate(ctx, m, fr)
	if err != nil {
		return nil, Outcome{}, err
	}
	return fr, o, nil
}
