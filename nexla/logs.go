package nexla

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// logQuery: from/to go as epoch milliseconds (the spec's unit; the
// simulator accepts both, see contract §7.2). from is required by the spec,
// so a zero From means "the last 24 hours".
func (c *Client) logQuery(o LogOptions) url.Values {
	q := url.Values{}
	if o.RunID != 0 {
		q.Set("run_id", strconv.FormatInt(o.RunID, 10))
	}
	from := o.From
	if from.IsZero() {
		from = c.clock.Now().Add(-24 * time.Hour)
	}
	q.Set("from", strconv.FormatInt(from.UnixMilli(), 10))
	if !o.To.IsZero() {
		q.Set("to", strconv.FormatInt(o.To.UnixMilli(), 10))
	}
	setNonEmpty(q, "severity", o.Severity)
	setPositive(q, "page", o.Page)
	setPositive(q, "per_page", o.PerPage)
	return q
}

// FlowLogs is GET /{rt}/{id}/flow/logs (SDK path; the spec's
// /data_flows/{rt}/{id}/logs is tried on 404): one page of a resource's logs.
func (c *Client) FlowLogs(ctx context.Context, rt ResourceType, id int64, o LogOptions) (*FlowLogs, error) {
	path := pathf("/%s/%d/flow/logs", rt, id)
	if err := checkFlowResource(http.MethodGet, path, rt, id); err != nil {
		return nil, err
	}
	env, err := c.getEnvelopeFallback(ctx, path, pathf("/data_flows/%s/%d/logs", rt, id), c.logQuery(o))
	if err != nil {
		return nil, err
	}
	return decodeLogs(http.MethodGet, path, env.Logs)
}

// FlowLogsByFlow is GET /flows/{id}/logs: one page of the whole flow's logs.
func (c *Client) FlowLogsByFlow(ctx context.Context, flowID int64, o LogOptions) (*FlowLogs, error) {
	path := pathf("/flows/%d/logs", flowID)
	if err := checkID(http.MethodGet, path, flowID); err != nil {
		return nil, err
	}
	env, err := c.getEnvelope(ctx, path, c.logQuery(o))
	if err != nil {
		return nil, err
	}
	return decodeLogs(http.MethodGet, path, env.Logs)
}

// decodeLogs reads {data: [...], meta: {...}}; a bare array is accepted too.
func decodeLogs(method, path string, raw json.RawMessage) (*FlowLogs, error) {
	entries, meta, err := decodeDataMeta[LogEntry](method, path, raw)
	if err != nil {
		return nil, err
	}
	return &FlowLogs{Entries: entries, Meta: meta}, nil
}

// RunStatus is GET /flows/{id}/run_status/{run_id}: one entry per sink.
// runID "" means "latest".
func (c *Client) RunStatus(ctx context.Context, flowID int64, runID string) ([]RunStatus, error) {
	if strings.TrimSpace(runID) == "" {
		runID = "latest"
	}
	path := pathf("/flows/%d/run_status/%s", flowID, runID)
	if err := checkID(http.MethodGet, path, flowID); err != nil {
		return nil, err
	}
	return getEach(ctx, c, path, nil, decodeRunStatus)
}

// decodeRunStatus reads the undocumented control-service payload: "status"
// is a number or a string; sink id and error sit at the top or under
// "output" (the failure shape {"status", "output": {"sink_id", "error"}}).
func decodeRunStatus(raw json.RawMessage) RunStatus {
	rs := RunStatus{Raw: append(json.RawMessage(nil), raw...)}
	var top struct {
		Status  json.RawMessage `json:"status"`
		SinkID  json.RawMessage `json:"sink_id"`
		Error   json.RawMessage `json:"error"`
		Message json.RawMessage `json:"message"`
		Output  *struct {
			SinkID json.RawMessage `json:"sink_id"`
			Error  json.RawMessage `json:"error"`
		} `json:"output"`
	}
	if json.Unmarshal(raw, &top) != nil {
		return rs
	}
	rs.Status = rawText(top.Status)
	rs.SinkID = rawInt(top.SinkID)
	rs.Error = firstText(top.Error, top.Message)
	if top.Output != nil {
		if rs.SinkID == 0 {
			rs.SinkID = rawInt(top.Output.SinkID)
		}
		if rs.Error == "" {
			rs.Error = rawText(top.Output.Error)
		}
	}
	return rs
}

func rawInt(r json.RawMessage) int64 {
	n, _ := strconv.ParseInt(rawText(r), 10, 64)
	return n
}
