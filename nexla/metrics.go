package nexla

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// apiDate renders a from/to for metrics and audit queries: a plain date at
// midnight UTC (what the SDK sends), else an ISO-8601 UTC datetime.
func apiDate(t time.Time) string {
	t = t.UTC()
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02T15:04:05Z")
}

// envelope is the in-body wrapper of metrics and logs: {status, message, metrics|logs}.
type envelope struct {
	Status  json.RawMessage `json:"status"`
	Message string          `json:"message"`
	Metrics json.RawMessage `json:"metrics"`
	Logs    json.RawMessage `json:"logs"`
}

// dataMeta is {data, meta}, the paged payload inside an envelope.
type dataMeta struct {
	Data json.RawMessage `json:"data"`
	Meta PageMeta        `json:"meta"`
}

// decodeDataMeta reads the paged payload of an envelope, {data: [...], meta:
// {...}}, or a bare array. Items are empty, never nil, when there are none;
// a data that is not an array (e.g. null) is no items.
func decodeDataMeta[T any](method, path string, raw json.RawMessage) ([]T, PageMeta, error) {
	items := []T{}
	var meta PageMeta
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '{' {
		var dm dataMeta
		if err := json.Unmarshal(raw, &dm); err != nil {
			return nil, meta, decodeError(method, path, err)
		}
		meta, raw = dm.Meta, bytes.TrimSpace(dm.Data)
	}
	if len(raw) > 0 && raw[0] == '[' {
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, meta, decodeError(method, path, err)
		}
	}
	return items, meta, nil
}

// envelopeFailure turns a 200 whose body reports a failing backend status
// ({"status": 500, "message": ...}) into an error, as the SDK would not.
func (c *Client) envelopeFailure(r request, resp *response, env envelope) error {
	n, err := strconv.Atoi(rawText(env.Status))
	if err != nil || n < 400 {
		return nil
	}
	e := c.apiError(r, &response{status: n, header: resp.header, body: resp.body})
	return e
}

func (c *Client) getEnvelope(ctx context.Context, path string, q url.Values) (envelope, error) {
	var env envelope
	r := request{method: http.MethodGet, path: path, query: q, retry: true}
	resp, err := c.call(ctx, r, &env)
	if err != nil {
		return env, err
	}
	return env, c.envelopeFailure(r, resp, env)
}

// getEnvelopeFallback tries path, then alt when path answers 404: the SDK
// and the spec disagree on flow metrics/logs paths (contract §7.1).
func (c *Client) getEnvelopeFallback(ctx context.Context, path, alt string, q url.Values) (envelope, error) {
	env, err := c.getEnvelope(ctx, path, q)
	if IsNotFound(err) {
		if env2, err2 := c.getEnvelope(ctx, alt, q); !IsNotFound(err2) {
			return env2, err2
		}
	}
	return env, err
}

func checkFlowResource(method, path string, rt ResourceType, id int64) error {
	if !rt.HasFlow() {
		return inputError(method, path, "metrics and logs exist for sources, nexsets and destinations, not for a %s", rt.Singular())
	}
	return checkID(method, path, id)
}

// DailyMetrics is GET /{rt}/{id}/metrics?aggregate=1&from=&to=.
func (c *Client) DailyMetrics(ctx context.Context, rt ResourceType, id int64, from, to time.Time) ([]DailyMetric, error) {
	path := pathf("/%s/%d/metrics", rt, id)
	if err := checkFlowResource(http.MethodGet, path, rt, id); err != nil {
		return nil, err
	}
	q := url.Values{"aggregate": {"1"}, "from": {apiDate(from)}}
	if !to.IsZero() {
		q.Set("to", apiDate(to))
	}
	env, err := c.getEnvelope(ctx, path, q)
	if err != nil {
		return nil, err
	}
	days, _, err := decodeDataMeta[DailyMetric](http.MethodGet, path, env.Metrics)
	return days, err
}

// RunSummary is GET /{rt}/{id}/metrics/run_summary: counts per run.
func (c *Client) RunSummary(ctx context.Context, rt ResourceType, id int64, o RunSummaryOptions) (*RunSummary, error) {
	path := pathf("/%s/%d/metrics/run_summary", rt, id)
	if err := checkFlowResource(http.MethodGet, path, rt, id); err != nil {
		return nil, err
	}
	q := url.Values{}
	setNonEmpty(q, "groupby", o.GroupBy)
	setNonEmpty(q, "orderby", o.OrderBy)
	setPositive(q, "page", o.Page)
	setPositive(q, "size", o.Size)
	env, err := c.getEnvelope(ctx, path, q)
	if err != nil {
		return nil, err
	}
	runs, meta, err := decodeDataMeta[RunMetric](http.MethodGet, path, env.Metrics)
	if err != nil {
		return nil, err
	}
	return &RunSummary{Runs: runs, Meta: meta}, nil
}

func decodeError(method, path string, err error) error {
	return &APIError{Kind: KindServer, Method: method, Path: path, Message: "unexpected response: " + shortJSONError(err), Err: err}
}

func setNonEmpty(q url.Values, k, v string) {
	if v != "" {
		q.Set(k, v)
	}
}

func setPositive(q url.Values, k string, v int) {
	if v > 0 {
		q.Set(k, strconv.Itoa(v))
	}
}
