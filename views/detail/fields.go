package detail

import (
	"strconv"
	"strings"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// fieldList builds the key/value pane; empty values are skipped so the pane
// shows what the resource has, not a wall of dashes. Values are sanitized.
type fieldList struct{ kv []components.KV }

func (f *fieldList) add(k, v string) {
	if v == "" {
		return
	}
	f.kv = append(f.kv, components.KV{Key: k, Value: viewkit.Clean(v)})
}

func (f *fieldList) tone(k, v string, t components.Tone) {
	if v == "" {
		return
	}
	f.kv = append(f.kv, components.KV{Key: k, Value: viewkit.Clean(v), Tone: t})
}

func (f *fieldList) id(k string, id int64) {
	if id != 0 {
		f.add(k, strconv.FormatInt(id, 10))
	}
}

func when(now time.Time, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return viewkit.Stamp(t, now.Location()) + " (" + viewkit.Ago(now, t) + ")"
}

func statusTone(status string) components.Tone { return theme.StatusRole(status, "", 0) }

func commonFields(f *fieldList, c nexla.Common, now time.Time) {
	f.id("ID", c.ID)
	f.add("Name", c.Name)
	f.add("Description", c.Description)
	f.tone("Status", c.Status, statusTone(c.Status))
	f.add("Runtime", c.RuntimeStatus)
	if o := c.OwnerName(); o != "" {
		if c.Owner.Email != "" && c.Owner.Email != o {
			o += " <" + c.Owner.Email + ">"
		}
		f.add("Owner", o)
	}
	if c.Org != nil {
		f.add("Org", c.Org.Name+" (id "+strconv.FormatInt(c.Org.ID, 10)+")")
	}
	f.id("Flow", c.OriginNodeID)
	f.id("Flow node", c.FlowNodeID)
	f.add("Flow type", c.FlowType)
	f.add("Tags", strings.Join(c.Tags, ", "))
	f.add("Access", strings.Join(c.AccessRoles, ", "))
	f.add("Created", when(now, c.CreatedAt.Time))
	f.add("Updated", when(now, c.UpdatedAt.Time))
}

func sourceFields(s nexla.Source, now time.Time) fieldList {
	var f fieldList
	commonFields(&f, s.Common, now)
	f.add("Connector", s.ConnectorLabel())
	f.add("Ingest", strings.TrimSpace(s.IngestMethod+" "+s.SourceFormat))
	f.add("Ingestion mode", s.IngestionMode)
	f.id("Credential", s.CredentialID())
	f.id("Last run id", s.LastRunID)
	runs := make([]string, 0, len(s.RunIDs))
	for _, r := range s.RunIDs {
		runs = append(runs, strconv.FormatInt(r.ID, 10)+" "+viewkit.Ago(now, r.CreatedAt.Time))
	}
	f.add("Recent runs", strings.Join(runs, ", "))
	return f
}

func nexsetFields(n nexla.Nexset, now time.Time) fieldList {
	var f fieldList
	commonFields(&f, n.Common, now)
	f.id("Source", n.SourceID())
	f.id("Parent nexset", n.ParentID())
	ids := make([]string, 0, len(n.SinkIDs()))
	for _, id := range n.SinkIDs() {
		ids = append(ids, strconv.FormatInt(id, 10))
	}
	f.add("Destinations", strings.Join(ids, ", "))
	f.add("Connector", n.ConnectorType)
	f.id("Transform", n.TransformID)
	if n.HasCustomTransform {
		f.add("Custom transform", "yes")
	}
	if n.Version != 0 {
		f.add("Version", strconv.FormatInt(n.Version, 10))
	}
	return f
}

func destinationFields(d nexla.Destination, now time.Time) fieldList {
	var f fieldList
	commonFields(&f, d.Common, now)
	f.add("Connector", d.ConnectorLabel())
	f.add("Format", d.SinkFormat)
	f.add("Ingestion mode", d.IngestionMode)
	f.id("Nexset", d.NexsetID())
	f.id("Credential", d.CredentialID())
	f.id("Feeds source", d.DataSourceID)
	return f
}

func credentialFields(c nexla.Credential, now time.Time) fieldList {
	var f fieldList
	commonFields(&f, c.Common, now)
	f.add("Type", c.CredentialsType)
	if c.Connector != nil {
		f.add("Connector", c.Connector.Name)
	}
	switch {
	case c.VerifiedStatus == "":
		f.tone("Verified", "never verified", components.ToneMuted)
	case c.Verified():
		f.tone("Verified", c.VerifiedStatus, components.ToneOK)
	default:
		f.tone("Verified", c.VerifiedStatus, components.ToneError)
	}
	f.add("Verified at", when(now, c.VerifiedAt.Time))
	return f
}

func flowFields(resp *nexla.FlowResponse, metrics flowMetrics, now time.Time) fieldList {
	var f fieldList
	o := resp.Flows[0]
	ix := resp.Index()
	f.id("Flow ID", o.ID)
	f.add("Name", flowName(resp))
	f.add("Description", o.Description)
	f.tone("Status", o.Status, statusTone(o.Status))
	f.add("Runtime", o.RuntimeStatus)
	f.add("Flow type", o.FlowType)
	f.add("Ingestion mode", o.IngestionMode)
	ort, oid := o.Resource()
	f.add("Origin", ort.Singular()+" "+strconv.FormatInt(oid, 10)+" "+ix.NodeName(o))
	nodes := 0
	o.Walk(0, func(*nexla.FlowNode, int) bool { nodes++; return true })
	f.add("Nodes", strconv.Itoa(nodes))
	f.id("Last run id", o.LastRunID)
	if metrics.err != nil {
		f.tone("Last run errors", "unknown: metrics unavailable ("+viewkit.ErrText(metrics.err)+")", components.ToneWarn)
		return f
	}
	var last *nexla.FlowRunMetric
	for i := range metrics.runs {
		m := &metrics.runs[i]
		if m.OriginNodeID == o.ID && (last == nil || m.RunID > last.RunID) {
			last = m
		}
	}
	if last != nil {
		tone := components.ToneNone
		if last.Errors > 0 {
			tone = components.ToneError
		}
		f.tone("Last run errors", strconv.FormatInt(last.Errors, 10)+" of "+strconv.FormatInt(last.Records, 10)+
			" records (run "+strconv.FormatInt(last.RunID, 10)+", "+viewkit.Ago(now, last.ReportingDate.Time)+")", tone)
	}
	return f
}
