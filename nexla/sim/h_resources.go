package sim

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// row is one listable resource, whatever its family.
type row struct {
	id      int64
	name    string
	status  string
	typ     string // connector code
	role    string
	created time.Time
	updated time.Time
	src     *source
	set     *nexset
	snk     *sink
	cred    *credential
}

// roleAllows implements the access_role filter (§3.2): absent or "owner"
// means resources the caller owns; "collaborator" everything visible;
// "admin" and "operator" that role or better; "all" everything.
func roleAllows(filter, role string) bool {
	switch filter {
	case "", "owner", "owner_only":
		return role == roleOwner
	case "admin":
		return roleRank(role) >= roleRank(roleAdmin)
	case "operator":
		return canOperate(role)
	}
	return true // collaborator, all
}

var validRoles = []string{"", "owner", "owner_only", "admin", "operator", "collaborator", "all"}

// rows collects one family's resources that the caller uid may see and that
// pass the query's filters.
func (s *Sim) rows(kind uint8, q url.Values, uid int64) ([]row, string) {
	role := strings.ToLower(q.Get("access_role"))
	if !slices.Contains(validRoles, role) {
		return nil, "Invalid access_role '" + q.Get("access_role") + "': use owner, collaborator, operator or admin"
	}
	name := strings.ToLower(q.Get("name"))
	status := strings.ToUpper(q.Get("status"))
	var types []string
	for _, key := range []string{"source_type", "sink_type", "connector_type", "credentials_type"} {
		if v := q.Get(key); v != "" {
			types = append(types, strings.Split(strings.ToLower(v), ",")...)
		}
	}
	idFilter, _, err := intParam(q, "id", 1)
	if err != nil {
		return nil, err.Error()
	}
	dsID, _, err := intParam(q, "data_source_id", 1)
	if err != nil {
		return nil, err.Error()
	}
	parentID, _, err := intParam(q, "parent_data_set_id", 1)
	if err != nil {
		return nil, err.Error()
	}
	detected, hasSource, err := truthy(q, "source")
	if err != nil {
		return nil, err.Error()
	}
	keep := func(rw row) bool {
		return rw.role != "" && roleAllows(role, rw.role) &&
			(name == "" || strings.Contains(strings.ToLower(rw.name), name)) &&
			(status == "" || rw.status == status) &&
			(len(types) == 0 || slices.Contains(types, rw.typ)) &&
			(idFilter == 0 || rw.id == idFilter)
	}
	o := s.org
	out := make([]row, 0, max(len(o.sources), len(o.sets), len(o.sinks), len(o.creds)))
	switch kind {
	case kindSource:
		for _, x := range o.sources {
			rw := row{id: x.id, name: x.name, status: x.status, typ: x.connector, role: s.roleOf(uid, x.flow), created: x.created, updated: x.updated, src: x}
			if keep(rw) {
				out = append(out, rw)
			}
		}
	case kindNexset:
		for _, x := range o.sets {
			rw := row{id: x.id, name: x.name, status: x.status, typ: x.flow.feedSource().connector, role: s.roleOf(uid, x.flow), created: x.created, updated: x.updated, set: x}
			if !keep(rw) || (dsID != 0 && (x.parent != nil || x.flow.src == nil || x.flow.src.id != dsID)) ||
				(parentID != 0 && (x.parent == nil || x.parent.id != parentID)) || (hasSource && detected != (x.parent == nil)) {
				continue
			}
			out = append(out, rw)
		}
	case kindSink:
		for _, x := range o.sinks {
			rw := row{id: x.id, name: x.name, status: x.status, typ: x.connector, role: s.roleOf(uid, x.flow), created: x.created, updated: x.updated, snk: x}
			if keep(rw) {
				out = append(out, rw)
			}
		}
	default:
		for _, x := range o.creds {
			rw := row{id: x.id, name: x.name, status: "", typ: x.ctype, role: s.credRole(uid, x), created: x.created, updated: x.updated, cred: x}
			if keep(rw) {
				out = append(out, rw)
			}
		}
	}
	return out, ""
}

// sortRows applies sort_by / sort_order (default created_at DESC). Ids grow
// with creation time in every family, so created_at sorts as id does.
func sortRows(rows []row, q url.Values) string {
	by := q.Get("sort_by")
	order := strings.ToUpper(q.Get("sort_order"))
	if order != "" && order != "ASC" && order != "DESC" {
		return "Invalid sort_order '" + q.Get("sort_order") + "': use ASC or DESC"
	}
	var less func(a, b row) int
	switch by {
	case "", "created_at", "id":
		less = func(a, b row) int { return cmpInt(a.id, b.id) }
	case "name":
		less = func(a, b row) int {
			if c := strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name)); c != 0 {
				return c
			}
			return cmpInt(a.id, b.id)
		}
	case "updated_at":
		less = func(a, b row) int {
			if c := a.updated.Compare(b.updated); c != 0 {
				return c
			}
			return cmpInt(a.id, b.id)
		}
	default:
		return "Invalid sort_by '" + by + "': use created_at, updated_at, id or name"
	}
	if by != "" && by != "created_at" && by != "id" {
		slices.SortStableFunc(rows, less)
	}
	if order != "ASC" {
		slices.Reverse(rows)
	}
	return ""
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (s *Sim) renderRow(rw row, show, expand bool, uid int64, now time.Time) obj {
	switch {
	case rw.src != nil:
		return s.sourceObj(rw.src, show, uid, now)
	case rw.set != nil:
		return s.nexsetObj(rw.set, show, expand, uid, now)
	case rw.snk != nil:
		return s.sinkObj(rw.snk, show, uid, now)
	}
	return s.credentialObj(rw.cred, show, uid)
}

func (s *Sim) handleList(kind uint8) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		fl, ok := flags(w, q, "expand")
		if !ok {
			return
		}
		now := s.clock.now()
		s.mu.RLock()
		defer s.mu.RUnlock()
		uid := callerOf(r)
		rows, msg := s.rows(kind, q, uid)
		if msg == "" {
			msg = sortRows(rows, q)
		}
		if msg != "" {
			writeMessage(w, http.StatusBadRequest, msg)
			return
		}
		lo, hi, ok := pageWindow(w, r, len(rows))
		if !ok {
			return
		}
		out := make([]obj, 0, hi-lo)
		for _, rw := range rows[lo:hi] {
			out = append(out, s.renderRow(rw, fl["expand"], fl["expand"], uid, now))
		}
		writeJSON(w, http.StatusOK, out)
	}
}

func (s *Sim) handleGet(kind uint8) http.HandlerFunc {
	return withID(func(w http.ResponseWriter, r *http.Request, id int64) {
		fl, ok := flags(w, r.URL.Query(), "expand")
		if !ok {
			return
		}
		now := s.clock.now()
		uid := callerOf(r)
		s.mu.RLock()
		defer s.mu.RUnlock()
		role, ok := s.roleOn(kind, id, uid)
		if !found(w, ok) || !visible(w, role) {
			return
		}
		writeJSON(w, http.StatusOK, s.resourceBody(kind, id, fl["expand"], uid, now))
	})
}

// resourceBody renders one resource for show, or nil when it does not exist.
func (s *Sim) resourceBody(kind uint8, id int64, expand bool, uid int64, now time.Time) obj {
	o := s.org
	switch kind {
	case kindSource:
		if x := o.srcByID[id]; x != nil {
			return s.sourceObj(x, true, uid, now)
		}
	case kindNexset:
		if x := o.setByID[id]; x != nil {
			return s.nexsetObj(x, true, expand, uid, now)
		}
	case kindSink:
		if x := o.sinkByID[id]; x != nil {
			return s.sinkObj(x, true, uid, now)
		}
	case kindCredential:
		if x := o.credByID[id]; x != nil {
			return s.credentialObj(x, true, uid)
		}
	}
	return nil
}

// roleOn is the caller's role on a resource; ok=false when it does not exist.
func (s *Sim) roleOn(kind uint8, id, uid int64) (role string, ok bool) {
	if kind == kindCredential {
		c := s.org.credByID[id]
		if c == nil {
			return "", false
		}
		return s.credRole(uid, c), true
	}
	f, _ := s.lookup(kind, id)
	if f == nil {
		return "", false
	}
	return s.roleOf(uid, f), true
}

// lookup finds a flow resource by family and id.
func (s *Sim) lookup(kind uint8, id int64) (*flow, *base) {
	o := s.org
	switch kind {
	case kindSource:
		if x := o.srcByID[id]; x != nil {
			return x.flow, &x.base
		}
	case kindNexset:
		if x := o.setByID[id]; x != nil {
			return x.flow, &x.base
		}
	case kindSink:
		if x := o.sinkByID[id]; x != nil {
			return x.flow, &x.base
		}
	}
	return nil, nil
}

// handleResourceActivate is PUT /{rt}/{id}/activate|pause: only that resource
// changes; the answer is the resource.
func (s *Sim) handleResourceActivate(kind uint8, activate bool) http.HandlerFunc {
	return withID(func(w http.ResponseWriter, r *http.Request, id int64) {
		now := s.clock.now()
		uid := callerOf(r)
		s.mu.Lock()
		defer s.mu.Unlock()
		f, b := s.lookup(kind, id)
		if !found(w, f != nil) {
			return
		}
		if !canOperate(s.roleOf(uid, f)) {
			writeEmpty(w, http.StatusForbidden)
			return
		}
		if activate {
			switch {
			case kind == kindSource && f.rateCapped:
				writeMessage(w, http.StatusBadRequest, "Data source is rate limited")
				return
			case kind == kindSink && f.conflict && b == &f.failSink.base:
				writeMessage(w, http.StatusConflict, conflictMessage(f))
				return
			}
		}
		s.setStatus(f, b, kind, activate, now)
		writeJSON(w, http.StatusOK, s.resourceBody(kind, id, false, uid, now))
	})
}

// setStatus changes one resource; activating the origin source restarts runs.
func (s *Sim) setStatus(f *flow, b *base, kind uint8, activate bool, now time.Time) {
	st := statusPaused
	if activate {
		st = statusActive
	}
	if b.status == st {
		if !(activate && kind == kindSource) {
			return
		}
	}
	b.status = st
	b.updated = now
	itemType := itemTypeOf(kind)
	s.org.addAudit(resKey{kind, b.id}, itemType, "update", s.org.currentUser, now, map[string][2]any{"status": {flipStatus(st), st}})
	if kind == kindSource && activate {
		if f.scenario == "network_timeout" || f.scenario == "stale_data" {
			f.recovered = true
		}
		s.scheduleSoon(f, now)
	}
}

func flipStatus(st string) string {
	if st == statusActive {
		return statusPaused
	}
	return statusActive
}

func conflictMessage(f *flow) string {
	return "Data sink '" + f.failSink.name + "' (id " + strconv.FormatInt(f.failSink.id, 10) +
		") conflicts with an existing resource: 409 Conflict: object orders_2026.parquet already exists"
}
