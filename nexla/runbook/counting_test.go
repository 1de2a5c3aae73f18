package runbook_test

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// countingAPI is a thin wrapper around the real client that counts the calls
// made about each resource ("data_sets/100008 audit_log") so a test can say
// which flows cost what. Every method a health fill or a runbook makes about a
// flow or one of its resources is counted; the rest pass straight through.
type countingAPI struct {
	nexla.API
	mu    sync.Mutex
	calls map[string]int // "<rt>/<id> <call>" -> count
}

func (c *countingAPI) count(rt nexla.ResourceType, id int64, call string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.calls == nil {
		c.calls = map[string]int{}
	}
	c.calls[fmt.Sprintf("%s/%d %s", rt, id, call)]++
}

// total is the number of counted calls.
func (c *countingAPI) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.calls {
		n += v
	}
	return n
}

// about lists the counted calls about the given resources, sorted.
func (c *countingAPI) about(refs map[string]bool) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for k, v := range c.calls {
		var res, call string
		fmt.Sscanf(k, "%s %s", &res, &call)
		if refs[res] {
			out = append(out, fmt.Sprintf("%s x%d", k, v))
		}
	}
	sort.Strings(out)
	return out
}

func (c *countingAPI) ListFlows(ctx context.Context, o nexla.FlowListOptions) (*nexla.FlowResponse, error) {
	c.count(nexla.Flows, 0, "list")
	return c.API.ListFlows(ctx, o)
}

func (c *countingAPI) GetFlow(ctx context.Context, id int64, o nexla.FlowGetOptions) (*nexla.FlowResponse, error) {
	c.count(nexla.Flows, id, "get")
	return c.API.GetFlow(ctx, id, o)
}

func (c *countingAPI) GetFlowByResource(ctx context.Context, rt nexla.ResourceType, id int64, o nexla.FlowGetOptions) (*nexla.FlowResponse, error) {
	c.count(rt, id, "flow")
	return c.API.GetFlowByResource(ctx, rt, id, o)
}

func (c *countingAPI) RunSummary(ctx context.Context, rt nexla.ResourceType, id int64, o nexla.RunSummaryOptions) (*nexla.RunSummary, error) {
	c.count(rt, id, "run_summary")
	return c.API.RunSummary(ctx, rt, id, o)
}

func (c *countingAPI) DailyMetrics(ctx context.Context, rt nexla.ResourceType, id int64, from, to time.Time) ([]nexla.DailyMetric, error) {
	c.count(rt, id, "daily_metrics")
	return c.API.DailyMetrics(ctx, rt, id, from, to)
}

func (c *countingAPI) FlowLogs(ctx context.Context, rt nexla.ResourceType, id int64, o nexla.LogOptions) (*nexla.FlowLogs, error) {
	c.count(rt, id, "logs")
	return c.API.FlowLogs(ctx, rt, id, o)
}

func (c *countingAPI) FlowLogsByFlow(ctx context.Context, flowID int64, o nexla.LogOptions) (*nexla.FlowLogs, error) {
	c.count(nexla.Flows, flowID, "logs")
	return c.API.FlowLogsByFlow(ctx, flowID, o)
}

func (c *countingAPI) AuditLog(ctx context.Context, rt nexla.ResourceType, id int64, o nexla.AuditOptions) ([]nexla.AuditEntry, error) {
	c.count(rt, id, "audit_log")
	return c.API.AuditLog(ctx, rt, id, o)
}

func (c *countingAPI) ProbeCredential(ctx context.Context, id int64) (*nexla.ProbeResult, error) {
	c.count(nexla.DataCredentials, id, "probe")
	return c.API.ProbeCredential(ctx, id)
}

func (c *countingAPI) GetNexset(ctx context.Context, id int64, expand bool) (*nexla.Nexset, error) {
	c.count(nexla.DataSets, id, "get")
	return c.API.GetNexset(ctx, id, expand)
}

func (c *countingAPI) NexsetSamples(ctx context.Context, id int64, o nexla.SampleOptions) ([]nexla.Sample, error) {
	c.count(nexla.DataSets, id, "samples")
	return c.API.NexsetSamples(ctx, id, o)
}

func (c *countingAPI) ListDestinations(ctx context.Context, o nexla.ListOptions) ([]nexla.Destination, error) {
	c.count(nexla.DataSinks, 0, "list")
	return c.API.ListDestinations(ctx, o)
}

func (c *countingAPI) Notifications(ctx context.Context, o nexla.NotificationOptions) ([]nexla.Notification, error) {
	c.count("notifications", 0, "list")
	return c.API.Notifications(ctx, o)
}
