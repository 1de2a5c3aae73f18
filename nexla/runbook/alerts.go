package runbook

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// A resource's notifications (the alerts that paged someone) are read once
// per flow: those of the resource where the newest failure happened (else
// the target, else the flow's origin), over the metrics window. The
// failure-point step lists them and the top finding cites the newest as
// evidence: what the engineer was paged with is tied to the diagnosis.

// maxAlerts is the most notifications read for the resource.
const maxAlerts = 20

// alertsResource is the resource whose notifications are read: where the
// newest failed run failed, else the runbook's target, else the origin;
// ok is false when none has notifications (a credential, a flow without
// resources).
func alertsResource(f *Facts, stats RunStats) (ResourceRef, bool) {
	var cands []ResourceRef
	if stats.LastFailure != nil {
		cands = append(cands, stats.LastFailure.Failing...)
	}
	cands = append(cands, f.TargetRef)
	cands = append(cands, f.Resources...)
	for _, r := range cands {
		if nexla.NotificationResourceType(r.RT) == "" || r.ID <= 0 {
			continue
		}
		for _, named := range f.Resources {
			if named.RT == r.RT && named.ID == r.ID {
				return named, true
			}
		}
		return r, true
	}
	return ResourceRef{}, false
}

// spawnAlerts reads the notifications of the resource alertsResource picks.
func (c *collector) spawnAlerts(f *Facts, stats RunStats) {
	r, ok := alertsResource(f, stats)
	if !ok {
		return
	}
	from := c.now.AddDate(0, 0, -c.opts.Days)
	c.spawn("notifications "+key(resKey{r.RT, r.ID}), StepFailurePoint, func(ctx context.Context) (func(*Facts), error) {
		notes, err := c.api.Notifications(ctx, nexla.NotificationOptions{ResourceType: nexla.NotificationResourceType(r.RT),
			ResourceID: r.ID, From: from, PerPage: maxAlerts, Limit: maxAlerts})
		return func(f *Facts) { f.AlertsOf, f.Alerts, f.AlertsRead = r, newestAlerts(notes), true }, err
	})
}

// newestAlerts orders notifications newest first, ties by id.
func newestAlerts(notes []nexla.Notification) []nexla.Notification {
	out := append([]nexla.Notification(nil), notes...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].At(), out[j].At()
		if !a.Equal(b) {
			return a.After(b)
		}
		return out[i].ID > out[j].ID
	})
	return out
}

// alertLines are the failure-point step's lines about the notifications:
// a count by level, then the newest few.
func (a *analysis) alertLines() []string {
	f := a.f
	if !f.AlertsRead {
		return nil
	}
	who := lbl(f.AlertsOf)
	if len(f.Alerts) == 0 {
		return []string{fmt.Sprintf("notifications of %s, last %d days: none", who, f.Opts.Days)}
	}
	counts := map[string]int{}
	var levels []string
	for _, n := range f.Alerts {
		lv := strings.ToUpper(clean(n.Level))
		if counts[lv] == 0 {
			levels = append(levels, lv)
		}
		counts[lv]++
	}
	var parts []string
	for _, lv := range levels {
		parts = append(parts, fmt.Sprintf("%d %s", counts[lv], lv))
	}
	more := ""
	if len(f.Alerts) >= maxAlerts {
		more = " (the newest " + itoa(maxAlerts) + ")"
	}
	lines := []string{fmt.Sprintf("notifications of %s, last %d days%s: %s", who, f.Opts.Days, more, strings.Join(parts, ", "))}
	for i, n := range f.Alerts {
		if i == 3 {
			break
		}
		lines = append(lines, "  "+a.alertLine(n))
	}
	return lines
}

// alertLine is one notification: level, when, message.
func (a *analysis) alertLine(n nexla.Notification) string {
	return fmt.Sprintf("%s %s: %s", strings.ToUpper(clean(n.Level)), ago(a.f.Now, n.At()), clean(shorten(n.Message, 200)))
}

// alertEvidence is the top finding's line about what paged: how many
// ERRORs, and when the newest notification came (its message is the log
// line the finding quotes already); "" when none was read.
func (a *analysis) alertEvidence() string {
	f := a.f
	if !f.AlertsRead || len(f.Alerts) == 0 {
		return ""
	}
	errs := 0
	for _, n := range f.Alerts {
		if strings.EqualFold(n.Level, "ERROR") {
			errs++
		}
	}
	return fmt.Sprintf("alerted: %d ERROR notifications of %s in %d days; the newest, %s, %s", errs, lbl(f.AlertsOf), f.Opts.Days,
		strings.ToUpper(clean(f.Alerts[0].Level)), ago(f.Now, f.Alerts[0].At()))
}
