package nexla

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// logUnit is how the log endpoints read from/to. The contract disputes it
// (§9 #8): the spec says epoch milliseconds; SDK 1.0.8 sends seconds, citing
// DateInterval.unix_to_db_datetime_str, the function the notifications
// endpoint is given seconds for.
type logUnit int32

// The zero value is the unit asked in first. Seconds, because (1) the
// server's conversion function is the one notifications feed seconds, and
// the SDK's latest fix (459503e) moved to seconds after ms matched nothing;
// and (2) it is the cheaper mistake: seconds read as ms put "from" in
// January 1970, a looser bound that still finds a run's lines (run_id
// filters), while ms read as seconds put "from" some 50,000 years ahead and
// find nothing, which costs the retry. See docs/decisions.md.
const (
	logSeconds logUnit = iota
	logMillis
)

func (u logUnit) other() logUnit { return 1 - u }

func (u logUnit) format(t time.Time) string {
	if u == logMillis {
		return strconv.FormatInt(t.UnixMilli(), 10)
	}
	return strconv.FormatInt(t.Unix(), 10)
}

// logQuery sends from/to in unit. from is required by the spec, so a zero
// From means "the last 24 hours".
func (c *Client) logQuery(o LogOptions, unit logUnit) url.Values {
	q := url.Values{}
	if o.RunID != 0 {
		q.Set("run_id", strconv.FormatInt(o.RunID, 10))
	}
	from := o.From
	if from.IsZero() {
		from = c.clock.Now().Add(-24 * time.Hour)
	}
	q.Set("from", unit.format(from))
	if !o.To.IsZero() {
		q.Set("to", unit.format(o.To))
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
	return c.readLogs(path, o, func(q url.Values) (envelope, error) {
		return c.getEnvelopeFallback(ctx, path, pathf("/data_flows/%s/%d/logs", rt, id), q)
	})
}

// FlowLogsByFlow is GET /flows/{id}/logs: one page of the whole flow's logs.
func (c *Client) FlowLogsByFlow(ctx context.Context, flowID int64, o LogOptions) (*FlowLogs, error) {
	path := pathf("/flows/%d/logs", flowID)
	if err := checkID(http.MethodGet, path, flowID); err != nil {
		return nil, err
	}
	return c.readLogs(path, o, func(q url.Values) (envelope, error) { return c.getEnvelope(ctx, path, q) })
}

// readLogs asks in the unit this session last saw work. When the first page
// for a run known to have ended (o.RunEnded) comes back empty, the unit was
// misread: it asks once more in the other unit and, when that finds lines,
// remembers it for the session (concurrent reads may race to store the same
// answer; the last store wins and both are right).
func (c *Client) readLogs(path string, o LogOptions, get func(url.Values) (envelope, error)) (*FlowLogs, error) {
	unit := logUnit(c.logUnit.Load())
	logs, err := c.logsIn(path, o, unit, get)
	if err != nil || len(logs.Entries) > 0 || !o.RunEnded || o.Page > 1 {
		return logs, err
	}
	other := unit.other()
	again, err := c.logsIn(path, o, other, get)
	if err != nil {
		return nil, err
	}
	if len(again.Entries) > 0 {
		c.logUnit.Store(int32(other))
	}
	return again, nil
}

func (c *Client) logsIn(path string, o LogOptions, unit logUnit, get func(url.Values) (envelope, error)) (*FlowLogs, error) {
	env, err := get(c.logQuery(o, unit))
	if err != nil {
		return nil, err
	}
	logs, err := decodeLogs(http.MethodGet, path, env.Logs)
	if err != nil {
		return nil, err
	}
	logs.stampRun(o.RunID)
	return logs, nil
}

// decodeLogs reads {data: [...], meta: {...}}; a bare array is accepted too.
func decodeLogs(method, path string, raw json.RawMessage) (*FlowLogs, error) {
	entries, meta, err := decodeDataMeta[LogEntry](method, path, raw)
	if err != nil {
		return nil, err
	}
	return &FlowLogs{Entries: entries, Meta: meta}, nil
}

// stampRun gives every line the run it was asked for: the spec's log entries
// carry no run_id (contract §9 #9), logs.meta.run_id names the run asked
// for, so lines are grouped by the request, never by a per-entry field.
func (l *FlowLogs) stampRun(asked int64) {
	if asked == 0 {
		return // a window of several runs: the lines' runs are unknown
	}
	for i := range l.Entries {
		l.Entries[i].RunID = asked
	}
}
