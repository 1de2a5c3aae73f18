package sim

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Flow rendering (views/flows/_show*.jbuilder): the trees, then side-loaded
// resources unless flows_only=1, then run metrics with include_run_metrics=1.

type flowOpts struct {
	flowsOnly, runMetrics, originOnly bool
}

func parseFlowOpts(w http.ResponseWriter, q url.Values) (flowOpts, bool) {
	fl, ok := flags(w, q, "flows_only", "include_run_metrics", "origin_only")
	if !ok {
		return flowOpts{}, false
	}
	return flowOpts{flowsOnly: fl["flows_only"], runMetrics: fl["include_run_metrics"], originOnly: fl["origin_only"]}, true
}

// nodeObj renders a flow node and (unless originOnly) its subtree. Under a
// shared nexset the flows that originate from it appear as children,
// rendered as their own origin nodes (render_builder.rb).
func (s *Sim) nodeObj(f *flow, kind uint8, b *base, parent int64, now time.Time, originOnly bool) obj {
	n := obj{"id": b.nodeID, "origin_node_id": f.originNode, "runtime_status": runtimeStatus(f, now)}
	if parent == 0 {
		n["parent_node_id"] = nil
	} else {
		n["parent_node_id"] = parent
	}
	switch kind {
	case kindSource:
		n["data_source_id"] = b.id
		n["node_type"] = "data_source"
	case kindNexset:
		n["data_set_id"] = b.id
		n["node_type"] = "data_set"
	case kindSink:
		n["data_sink_id"] = b.id
		n["node_type"] = "data_sink"
	}
	if b.nodeID == f.originNode {
		if f.shared != nil {
			n["shared_data_set_id"] = f.shared.id
		}
		n["status"] = b.status
		n["project_id"] = f.projectID
		n["flow_type"] = f.flowType
		n["name"] = f.name
		n["description"] = b.description
		n["managed"] = false
		n["ingestion_mode"] = "full_ingestion"
		n["last_run_id"] = lastRunID(f)
	}
	if tr := s.triggersOf(f, b.nodeID); len(tr) > 0 {
		n["flow_triggers"] = tr
	}
	if originOnly {
		return n
	}
	children := []obj{}
	switch kind {
	case kindSource:
		for _, ns := range f.sets {
			if ns.parent == nil {
				children = append(children, s.nodeObj(f, kindNexset, &ns.base, b.nodeID, now, false))
			}
		}
	case kindNexset:
		set := f.setByNode(b.nodeID)
		for _, c := range set.children {
			children = append(children, s.nodeObj(f, kindNexset, &c.base, b.nodeID, now, false))
		}
		for _, sk := range set.sinks {
			children = append(children, s.nodeObj(f, kindSink, &sk.base, b.nodeID, now, false))
		}
		for _, c := range set.consumers {
			k, ob := c.origin()
			children = append(children, s.nodeObj(c, k, ob, 0, now, false))
		}
	}
	sortByID(children)
	n["children"] = children
	return n
}

// triggersOf is the flow_triggers of one node: on the origin of a triggered
// flow, and on the sink of the flow whose writes trigger another.
func (s *Sim) triggersOf(f *flow, nodeID int64) []obj {
	out := []obj{}
	if f.trigger != nil && nodeID == f.originNode {
		out = append(out, triggerObj(f.follows, f))
	}
	for _, t := range f.triggers {
		if t.trigger.sink.nodeID == nodeID {
			out = append(out, triggerObj(f, t))
		}
	}
	return out
}

func triggerObj(up, down *flow) obj {
	sk := down.trigger.sink
	return obj{"triggering_origin_node_id": up.originNode, "triggered_origin_node_id": down.originNode,
		"triggering_flow_node_id": sk.nodeID, "triggering_event_type": "DATA_SINK_WRITE_DONE",
		"triggered_event_type": "DATA_SOURCE_READ_START", "triggering_resource_type": "data_sink",
		"triggering_resource_id": sk.id, "triggered_resource_type": "data_source", "triggered_resource_id": down.src.id}
}

func (f *flow) setByNode(nodeID int64) *nexset {
	for _, n := range f.sets {
		if n.nodeID == nodeID {
			return n
		}
	}
	return nil
}

func sortByID(list []obj) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j]["id"].(int64) < list[j-1]["id"].(int64); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

// elementAttrs is the common part of side-loaded elements.
func (s *Sim) elementAttrs(f *flow, b *base, uid int64, now time.Time) obj {
	return obj{"id": b.id, "owner_id": f.ownerID, "org_id": s.org.id, "flow_node_id": b.nodeID, "origin_node_id": f.originNode,
		"name": b.name, "description": b.description, "status": b.status, "runtime_status": runtimeStatus(f, now),
		"access_roles": rolesOf(s.roleOf(uid, f)), "tags": tagsOf(b.tags), "copied_from_id": nil, "flow_type": f.flowType,
		"created_at": isoTime(b.created), "updated_at": isoTime(b.updated)}
}

// runMetrics is the include_run_metrics array: the newest completed run of
// each flow that has one.
func runMetrics(flows []*flow, now time.Time) []obj {
	metrics := []obj{}
	for _, f := range flows {
		done := f.completedRuns(now)
		if len(done) == 0 {
			continue
		}
		r := done[len(done)-1]
		rec, errs, size := f.flowTotals(r)
		metrics = append(metrics, obj{"origin_node_id": f.originNode, "records": rec, "size": size, "errors": errs,
			"reporting_date": isoTime(r.end()), "run_id": r.id})
	}
	return metrics
}

// relatedFlows are the origin nodes of the flows that trigger (up) or are
// triggered by (down) the given flows and that the caller may see.
func (s *Sim) relatedFlows(flows []*flow, uid int64, now time.Time) (triggering, triggered []obj) {
	triggering, triggered = []obj{}, []obj{}
	for _, f := range flows {
		if f.trigger != nil && s.roleOf(uid, f.follows) != "" {
			k, b := f.follows.origin()
			triggering = append(triggering, s.nodeObj(f.follows, k, b, 0, now, true))
		}
		for _, t := range f.triggers {
			if s.roleOf(uid, t) != "" {
				k, b := t.origin()
				triggered = append(triggered, s.nodeObj(t, k, b, 0, now, true))
			}
		}
	}
	return triggering, triggered
}

// flowBody renders flows (one or a page of them) for the caller uid.
func (s *Sim) flowBody(flows []*flow, o flowOpts, uid int64, now time.Time) obj {
	trees := make([]obj, 0, len(flows))
	for _, f := range flows {
		k, b := f.origin()
		trees = append(trees, s.nodeObj(f, k, b, 0, now, o.originOnly))
	}
	triggering, triggered := s.relatedFlows(flows, uid, now)
	body := obj{"flows": trees, "triggered_flows": triggered, "triggering_flows": triggering, "linked_flows": []any{}}
	if o.runMetrics {
		body["status"] = 200
		body["metrics"] = runMetrics(flows, now)
	}
	if o.flowsOnly {
		return body
	}
	var srcs, sets, sinks, creds, groups, shared, users, projects []obj
	seenCred := map[int64]bool{}
	seenUser := map[int64]bool{}
	seenProj := map[int64]bool{}
	addCred := func(id int64) {
		if c := s.org.credByID[id]; c != nil && !seenCred[id] && s.credRole(uid, c) != "" {
			seenCred[id] = true
			creds = append(creds, obj{"id": c.id, "owner_id": c.ownerID, "org_id": s.org.id, "name": c.name, "description": c.description,
				"access_roles": rolesOf(s.credRole(uid, c)), "tags": []string{}, "copied_from_id": nil, "created_at": isoTime(c.created),
				"updated_at": isoTime(c.updated), "credentials_type": c.ctype, "verified_status": c.verifiedStatus, "managed": false})
		}
	}
	for _, f := range flows {
		if f.src != nil {
			srcs = append(srcs, s.sourceElement(f, uid, now))
			if g := f.src.group; g != nil {
				groups = append(groups, s.groupElement(g))
			}
		}
		if f.shared != nil {
			up := f.shared
			shared = append(shared, obj{"id": up.id, "owner_id": up.flow.ownerID, "org_id": s.org.id, "flow_node_id": up.nodeID,
				"name": up.name, "description": up.description, "status": up.status, "public": true,
				"created_at": isoTime(up.created), "updated_at": isoTime(up.updated)})
		}
		for _, n := range f.sets {
			e := s.elementAttrs(f, &n.base, uid, now)
			e["data_source_id"] = nil
			e["parent_data_set_id"] = nil
			if n.parent == nil {
				e["data_source_id"] = f.src.id
			} else {
				e["parent_data_set_id"] = n.parent.id
			}
			ids := []int64{}
			for _, sk := range n.sinks {
				ids = append(ids, sk.id)
			}
			e["data_sink_ids"] = ids
			e["data_credentials_id"] = nil
			e["code_container_id"] = nil
			e["public"] = n.consumers != nil
			e["managed"] = false
			e["node_type"] = "data_set"
			sets = append(sets, e)
		}
		for _, sk := range f.sinks {
			e := s.elementAttrs(f, &sk.base, uid, now)
			e["data_credentials_id"] = sk.credID
			e["data_credentials_group_id"] = nil
			e["data_set_id"] = sk.set.id
			e["data_source_id"] = nil
			e["managed"] = false
			e["ingestion_mode"] = "full_ingestion"
			e["sink_type"] = sk.connector
			e["connector_type"] = sk.connector
			e["connection_type"] = connectionType(sk.connector)
			e["sink_config"] = obj{"path": sk.location}
			e["node_type"] = "data_sink"
			sinks = append(sinks, e)
		}
		for _, id := range f.credIDs() {
			addCred(id)
		}
		if !seenUser[f.ownerID] {
			seenUser[f.ownerID] = true
			u := s.org.user(f.ownerID)
			users = append(users, obj{"id": u.id, "email": u.email, "name": u.fullName})
		}
		if !seenProj[f.projectID] {
			seenProj[f.projectID] = true
			projects = append(projects, obj{"id": f.projectID, "owner_id": userRiley, "org_id": s.org.id,
				"name": []string{"Revenue", "Operations", "Marketing"}[f.projectID%3], "description": "", "access_roles": []string{roleOwner}})
		}
	}
	body["code_containers"] = nonNil(nil)
	body["data_sources"] = nonNil(srcs)
	body["data_sets"] = nonNil(sets)
	body["data_sinks"] = nonNil(sinks)
	body["data_credentials"] = nonNil(creds)
	body["data_credentials_groups"] = nonNil(groups)
	body["dependent_flow_nodes"] = []any{}
	body["origin_data_sink_flow_nodes"] = []any{}
	body["shared_data_sets"] = nonNil(shared)
	body["orgs"] = []obj{{"id": s.org.id, "name": s.org.name, "description": nil, "email_domain": s.org.emailDomain, "email": "data-team@" + s.org.emailDomain}}
	body["users"] = nonNil(users)
	body["projects"] = nonNil(projects)
	return body
}

// sourceElement is a side-loaded data source: unlike the list view it names
// the credential (or the credentials group) and the last run.
func (s *Sim) sourceElement(f *flow, uid int64, now time.Time) obj {
	e := s.elementAttrs(f, &f.src.base, uid, now)
	e["last_run_id"] = lastRunID(f)
	e["data_credentials_id"] = nil
	if f.src.credID != 0 {
		e["data_credentials_id"] = f.src.credID
	}
	e["data_credentials_group_id"] = groupID(f.src.group)
	e["data_sink_id"] = nil
	e["auto_generated"] = false
	e["managed"] = false
	e["ingestion_mode"] = "full_ingestion"
	e["adaptive_flow"] = false
	e["source_type"] = f.src.connector
	e["connector_type"] = f.src.connector
	e["connection_type"] = connectionType(f.src.connector)
	e["source_config"] = obj{"path": f.src.location}
	e["node_type"] = "data_source"
	return e
}

// groupElement is a side-loaded credentials group. Its members are listed
// so a reader can follow the group to the credentials it uses [INFER: the
// group partial is not in the contract].
func (s *Sim) groupElement(g *credGroup) obj {
	members := []obj{}
	for _, id := range g.credIDs {
		c := s.org.credByID[id]
		members = append(members, obj{"id": c.id, "name": c.name, "credentials_type": c.ctype})
	}
	return obj{"id": g.id, "owner_id": g.ownerID, "org_id": s.org.id, "name": g.name, "description": g.description,
		"credentials_type": g.ctype, "access_roles": []string{roleOwner}, "tags": []string{}, "copied_from_id": nil,
		"data_credentials": members, "created_at": isoTime(g.created), "updated_at": isoTime(g.created)}
}

func nonNil(v []obj) []obj {
	if v == nil {
		return []obj{}
	}
	return v
}

// metricsFailure answers a flow read with include_run_metrics=1 as the
// server does when the metrics service fails (Faults.MetricsStatus): the
// service's status and {status, message}, for the whole response. It
// reports whether it answered.
func (s *Sim) metricsFailure(w http.ResponseWriter, o flowOpts) bool {
	if !o.runMetrics {
		return false
	}
	s.faultMu.Lock()
	st := s.faults.MetricsStatus
	s.faultMu.Unlock()
	if st == 0 {
		return false
	}
	s.count("metrics_status")
	msg := "Metrics service error"
	switch st {
	case http.StatusServiceUnavailable:
		msg = "Metrics service unavailable"
	case http.StatusGatewayTimeout:
		msg = "Metrics service timed out"
	}
	writeJSON(w, st, obj{"status": st, "message": msg})
	return true
}

// handleFlowList is GET /flows: like every list, the caller's own flows
// unless access_role widens it. include_run_metrics=1 keeps only flows whose
// origin source has run (never a shared-nexset flow) and sorts by run id.
func (s *Sim) handleFlowList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	o, ok := parseFlowOpts(w, q)
	if !ok {
		return
	}
	role := strings.ToLower(q.Get("access_role"))
	if !slices.Contains(validRoles, role) {
		badParam(w, "Invalid access_role '%s': use owner, collaborator, operator or admin", q.Get("access_role"))
		return
	}
	sortBy := q.Get("sort_by")
	if sortBy != "" && sortBy != "id" && sortBy != "run_id" && sortBy != "created_at" {
		badParam(w, "Invalid sort_by '%s': use id or run_id", sortBy)
		return
	}
	if s.metricsFailure(w, o) {
		return
	}
	if o.runMetrics && !q.Has("per_page") && !q.Has("page") {
		// The server's default page size with run metrics is 20.
		q.Set("page", "1")
		q.Set("per_page", "20")
		r.URL.RawQuery = q.Encode()
	}
	uid := callerOf(r)
	now := s.clock.now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	// Room for every flow up front: grown by appends, this slice was most
	// of what a page of a 30,000-flow listing allocated.
	flows := make([]*flow, 0, len(s.org.flows))
	for _, f := range s.org.flows {
		fr := s.roleOf(uid, f)
		if fr == "" || !roleAllows(role, fr) {
			continue
		}
		if o.runMetrics && (f.src == nil || len(f.runs) == 0) {
			continue // joins(:data_source).where.not(last_run_id: nil)
		}
		flows = append(flows, f)
	}
	if o.runMetrics || sortBy == "run_id" {
		slices.SortStableFunc(flows, func(a, b *flow) int { return cmpInt(lastRun(a), lastRun(b)) })
	}
	// sort_order desc is the default.
	if !strings.EqualFold(q.Get("sort_order"), "asc") {
		slices.Reverse(flows)
	}
	lo, hi, ok := pageWindow(w, r, len(flows))
	if !ok {
		return
	}
	if w.Header().Get("X-Current-Page") == "" {
		w.Header().Set("X-Current-Page", "1")
		w.Header().Set("X-Page-Count", strconv.Itoa(hi-lo))
		w.Header().Set("X-Total-Page-Count", "1")
	}
	writeJSON(w, http.StatusOK, s.flowBody(flows[lo:hi], o, uid, now))
}

// lastRun is a flow's last run id, 0 when it never ran.
func lastRun(f *flow) int64 {
	if len(f.runs) == 0 {
		return 0
	}
	return f.runs[len(f.runs)-1].id
}

// handleFlowShow is GET /flows/{id} (any node of the flow) and GET
// /{rt}/{id}/flow: the whole flow, rendered from its origin.
func (s *Sim) handleFlowShow(find flowFinder) http.HandlerFunc {
	return withID(func(w http.ResponseWriter, r *http.Request, id int64) {
		o, ok := parseFlowOpts(w, r.URL.Query())
		if !ok {
			return
		}
		uid := callerOf(r)
		now := s.clock.now()
		s.mu.RLock()
		defer s.mu.RUnlock()
		f, _ := find(id)
		if !found(w, f != nil) || !visible(w, s.roleOf(uid, f)) || s.metricsFailure(w, o) {
			return
		}
		writeJSON(w, http.StatusOK, s.flowBody([]*flow{f}, o, uid, now))
	})
}
