package sim

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Audit log (§5.13) and notifications (§5.11).

// changeFilters maps the server's change_filter values to changed fields.
var changeFilters = map[string][]string{
	"status":    {"status"},
	"acl":       {"access_control"},
	"schema":    {"output_schema", "source_schema"},
	"samples":   {"data_samples"},
	"owner":     {"owner_id"},
	"org":       {"org_id"},
	"transform": {"transform", "code"},
	"code":      {"code", "transform"},
	"config":    {"sink_config", "source_config", "credentials_version", "credentials_enc"},
	"copied":    {"copied_from_id"},
}

type auditQuery struct {
	from, to     time.Time
	event        string
	eventNegate  bool
	fields       []string
	fieldsNegate bool
}

func parseAuditQuery(w http.ResponseWriter, r *http.Request) (auditQuery, bool) {
	q := r.URL.Query()
	var aq auditQuery
	var err error
	if aq.from, _, err = dateParam(q, "from"); err != nil {
		badParam(w, "%v", err)
		return aq, false
	}
	if aq.to, _, err = dateParam(q, "to"); err != nil {
		badParam(w, "%v", err)
		return aq, false
	}
	if len(q.Get("to")) == len("2006-01-02") {
		aq.to = aq.to.Add(24*time.Hour - time.Millisecond)
	}
	aq.event, aq.eventNegate = strings.CutPrefix(q.Get("event_filter"), "!")
	if cf := q.Get("change_filter"); cf != "" {
		name, neg := strings.CutPrefix(cf, "!")
		fields, ok := changeFilters[name]
		if !ok {
			badParam(w, "Invalid changed filter")
			return aq, false
		}
		aq.fields, aq.fieldsNegate = fields, neg
	}
	return aq, true
}

func (aq auditQuery) keep(e auditEntry) bool {
	if (!aq.from.IsZero() && e.at.Before(aq.from)) || (!aq.to.IsZero() && e.at.After(aq.to)) {
		return false
	}
	if aq.event != "" && (e.event == aq.event) == aq.eventNegate {
		return false
	}
	if aq.fields != nil {
		hit := false
		for f := range e.changes {
			hit = hit || slices.Contains(aq.fields, f)
		}
		if hit == aq.fieldsNegate {
			return false
		}
	}
	return true
}

// entriesFor returns a resource's audit entries; generated resources that
// were never changed get their create entry on the fly.
func (s *Sim) entriesFor(k resKey, owner int64, created time.Time, name string) []auditEntry {
	if list, ok := s.org.audit[k]; ok {
		return list
	}
	return []auditEntry{{id: 50_000_000 + k.id, itemType: itemTypeOf(k.kind), itemID: k.id, event: "create", userID: owner,
		changes: map[string][2]any{"name": {nil, name}}, summary: []string{"name"}, at: created}}
}

func (s *Sim) auditObj(e auditEntry, owner int64) obj {
	u := s.org.user(e.userID)
	o := s.org.user(owner)
	changes := make(obj, len(e.changes))
	for k, v := range e.changes {
		changes[k] = []any{v[0], v[1]}
	}
	summary := e.summary
	if summary == nil {
		summary = []string{}
	}
	return obj{"id": e.id, "item_type": e.itemType, "item_id": e.itemID, "event": e.event, "org_id": s.org.id,
		"impersonator_id": nil, "owner_id": o.id, "owner_email": o.email, "request_ip": "10.20.3.17",
		"request_user_agent": "Mozilla/5.0 (Nexla UI)", "request_url": "https://dataops.nexla.io/nexla-api/" + auditPath(e),
		"user": obj{"id": u.id, "email": u.email}, "change_summary": summary, "association_resource": nil,
		"object_changes": changes, "created_at": isoTime(e.at)}
}

func auditPath(e auditEntry) string {
	seg := map[string]string{"DataSource": "data_sources", "DataSet": "data_sets", "DataSink": "data_sinks"}[e.itemType]
	if seg == "" {
		seg = "data_credentials"
	}
	return seg + "/" + strconv.FormatInt(e.itemID, 10)
}

func (s *Sim) writeAudit(w http.ResponseWriter, r *http.Request, entries []auditEntry, owner int64, aq auditQuery) {
	var kept []auditEntry
	for _, e := range entries {
		if aq.keep(e) {
			kept = append(kept, e)
		}
	}
	slices.SortStableFunc(kept, func(a, b auditEntry) int { // newest first
		if c := b.at.Compare(a.at); c != 0 {
			return c
		}
		return cmpInt(b.id, a.id)
	})
	lo, hi, ok := pageWindow(w, r, len(kept))
	if !ok {
		return
	}
	out := make([]obj, 0, hi-lo)
	for _, e := range kept[lo:hi] {
		out = append(out, s.auditObj(e, owner))
	}
	writeJSON(w, http.StatusOK, out)
}

// handleAudit is GET /{rt}/{id}/audit_log; for kindFlow (/flows/{id}) it
// aggregates the logs of every resource of the flow, as flow_audit_log does.
func (s *Sim) handleAudit(kind uint8) http.HandlerFunc {
	return withID(func(w http.ResponseWriter, r *http.Request, id int64) {
		aq, ok := parseAuditQuery(w, r)
		if !ok {
			return
		}
		s.mu.RLock()
		defer s.mu.RUnlock()
		entries, owner, ok := s.auditOf(kind, id)
		if !found(w, ok) {
			return
		}
		if t, _ := s.accessTarget(kind, id, callerOf(r)); !visible(w, t.role) {
			return
		}
		s.writeAudit(w, r, entries, owner, aq)
	})
}

// auditOf returns the audit entries an audit_log path names and the owner
// they are rendered with; ok=false when there is no such resource.
func (s *Sim) auditOf(kind uint8, id int64) (entries []auditEntry, owner int64, ok bool) {
	switch kind {
	case kindCredential:
		c := s.org.credByID[id]
		if c == nil {
			return nil, 0, false
		}
		return s.entriesFor(resKey{kindCredential, id}, c.ownerID, c.created, c.name), c.ownerID, true
	case kindFlow:
		f := s.org.flowByNode[id]
		if f == nil {
			return nil, 0, false
		}
		var all []auditEntry
		if f.src != nil {
			all = append(all, s.entriesFor(resKey{kindSource, f.src.id}, f.ownerID, f.src.created, f.src.name)...)
		}
		for _, n := range f.sets {
			all = append(all, s.entriesFor(resKey{kindNexset, n.id}, f.ownerID, n.created, n.name)...)
		}
		for _, sk := range f.sinks {
			all = append(all, s.entriesFor(resKey{kindSink, sk.id}, f.ownerID, sk.created, sk.name)...)
		}
		return all, f.ownerID, true
	}
	f, b := s.lookup(kind, id)
	if f == nil {
		return nil, 0, false
	}
	return s.entriesFor(resKey{kind, id}, f.ownerID, b.created, b.name), f.ownerID, true
}
