package nexla

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"sync"
)

// Org-level health reads (contract §5.6, §9 row 15). They are not part of
// API: an older server answers 404 on them and callers fall back (see
// nexla/runbook's health check), so a fake API need not have them.

// OrgFlowHealth is one entry of GET /health/org/flows: a flow's latest run.
type OrgFlowHealth struct {
	OriginNodeID      int64  `json:"originNodeId"`
	HealthStatus      string `json:"healthStatus"` // GREEN, YELLOW or RED
	LatestErrorCount  int64  `json:"latestErrorCount"`
	LatestRecordCount int64  `json:"latestRecordCount"`
	LatestRunID       int64  `json:"latestRunId"`
	ErrorSummary      string `json:"errorSummary"`
	UpdatedAtEpoch    int64  `json:"updatedAtEpoch"`
}

// DashboardEntry is one resource of the flows dashboard: its last 24 hours.
type DashboardEntry struct {
	Records int64  `json:"records"`
	Size    int64  `json:"size"`
	Errors  int64  `json:"errors"`
	Status  string `json:"status"` // OK, WARNING or ERROR
}

// Dashboard is GET /users/{uid}/flows/dashboard, keyed by resource id.
type Dashboard struct {
	Sources   map[string]DashboardEntry `json:"sources"`
	Sinks     map[string]DashboardEntry `json:"sinks"`
	Datasets  map[string]DashboardEntry `json:"datasets"`
	StartTime Time                      `json:"start_time"`
	EndTime   Time                      `json:"end_time"`
}

// orgHealthPageSize is the page size asked of /health/org/flows.
const orgHealthPageSize = 500

// OrgHealthFlows reads every page of GET /health/org/flows (page 1 first for
// the page count, the rest concurrently under the client's limit). The
// envelope is undocumented: {data, meta} at the top level or inside
// "metrics", or a bare array, are all read.
func (c *Client) OrgHealthFlows(ctx context.Context) ([]OrgFlowHealth, error) {
	var pages [][]OrgFlowHealth
	err := c.orgHealthPages(ctx, func(page, count int, items []OrgFlowHealth) {
		if pages == nil {
			pages = make([][]OrgFlowHealth, count+1)
		}
		pages[page] = items
	})
	if err != nil {
		return nil, err
	}
	var out []OrgFlowHealth
	for _, p := range pages {
		out = append(out, p...)
	}
	return out, nil
}

// OrgHealthFlowsEach reads the same pages as OrgHealthFlows and hands each
// to each as it arrives (one call at a time, in no set order), so a caller
// can use the first entries before the last page is read.
func (c *Client) OrgHealthFlowsEach(ctx context.Context, each func([]OrgFlowHealth)) error {
	return c.orgHealthPages(ctx, func(_, _ int, items []OrgFlowHealth) { each(items) })
}

// orgHealthPages reads page 1, then the others concurrently; each gets
// every page (its number and the page count), serialized.
func (c *Client) orgHealthPages(ctx context.Context, each func(page, count int, items []OrgFlowHealth)) error {
	first, meta, err := c.orgHealthPage(ctx, 1)
	if err != nil {
		return err
	}
	count := max(meta.PageCount, 1)
	each(1, count, first)
	var (
		mu      sync.Mutex
		wg      sync.WaitGroup
		pageErr error
	)
	slots := make(chan struct{}, c.concurrency)
	for p := 2; p <= count; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				mu.Lock()
				pageErr = cmp.Or(pageErr, ctx.Err())
				mu.Unlock()
				return
			}
			defer func() { <-slots }()
			items, _, err := c.orgHealthPage(ctx, p)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				pageErr = cmp.Or(pageErr, err)
				return
			}
			each(p, count, items)
		}()
	}
	wg.Wait()
	return pageErr
}

func (c *Client) orgHealthPage(ctx context.Context, page int) ([]OrgFlowHealth, PageMeta, error) {
	const path = "/health/org/flows"
	q := url.Values{"page": {strconv.Itoa(page)}, "size": {strconv.Itoa(orgHealthPageSize)}, "access_role": {c.role("")}}
	var body struct {
		Status  json.RawMessage `json:"status"`
		Data    json.RawMessage `json:"data"`
		Meta    PageMeta        `json:"meta"`
		Metrics json.RawMessage `json:"metrics"`
	}
	var raw json.RawMessage
	r := request{method: http.MethodGet, path: path, query: q, retry: true}
	resp, err := c.call(ctx, r, &raw)
	if err != nil {
		return nil, PageMeta{}, err
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		items, meta, err := decodeDataMeta[OrgFlowHealth](http.MethodGet, path, raw)
		return items, meta, err
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		return nil, PageMeta{}, decodeError(http.MethodGet, path, err)
	}
	if err := c.envelopeFailure(r, resp, envelope{Status: body.Status}); err != nil {
		return nil, PageMeta{}, err
	}
	if len(body.Data) == 0 && len(body.Metrics) > 0 {
		return decodeDataMeta[OrgFlowHealth](http.MethodGet, path, body.Metrics)
	}
	items, _, err := decodeDataMeta[OrgFlowHealth](http.MethodGet, path, body.Data)
	return items, body.Meta, err
}

// FlowsDashboard is GET /users/{uid}/flows/dashboard with the client's
// access role: the last 24 hours of every resource in one call.
func (c *Client) FlowsDashboard(ctx context.Context, uid int64) (*Dashboard, error) {
	path := pathf("/users/%d/flows/dashboard", uid)
	if err := checkID(http.MethodGet, path, uid); err != nil {
		return nil, err
	}
	env, err := c.getEnvelope(ctx, path, url.Values{"access_role": {c.role("")}})
	if err != nil {
		return nil, err
	}
	var d Dashboard
	if len(bytes.TrimSpace(env.Metrics)) > 0 {
		if err := json.Unmarshal(env.Metrics, &d); err != nil {
			return nil, decodeError(http.MethodGet, path, err)
		}
	}
	return &d, nil
}

// FlowPages streams GET /flows page by page (each page one response with
// its side-loads), so a caller can work on the first flows while the rest
// arrive and never hold the whole listing merged.
func (c *Client) FlowPages(ctx context.Context, o FlowListOptions) <-chan Page[FlowResponse] {
	return streamPager(ctx, c.flowPager(o))
}

// EachFlowPage calls page with every page of the flows listing in order,
// with the number of flows the listing holds (X-Total-Count; 0 when the
// server did not say): page by page from FlowPages when api streams (a
// Client), else once with the whole listing. A caller that keeps only what
// it derives from each page never holds the listing merged (about 100 MB
// at 30,000 flows).
func EachFlowPage(ctx context.Context, api API, o FlowListOptions, page func(fr *FlowResponse, total int)) error {
	type pager interface {
		FlowPages(ctx context.Context, o FlowListOptions) <-chan Page[FlowResponse]
	}
	if fp, ok := api.(pager); ok {
		for p := range fp.FlowPages(ctx, o) {
			if p.Done {
				return p.Err
			}
			for i := range p.Items {
				page(&p.Items[i], p.Total)
			}
		}
		return ctx.Err()
	}
	fr, err := api.ListFlows(ctx, o)
	if err != nil {
		return err
	}
	page(fr, len(fr.Flows))
	return nil
}
