package sim

import (
	"net/http"
	"net/url"
	"strconv"
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
		n["status"] = f.src.status
		n["project_id"] = f.projectID
		n["flow_type"] = f.flowType
		n["name"] = f.name
		n["description"] = f.src.description
		n["managed"] = false
		n["ingestion_mode"] = "full_ingestion"
		n["last_run_id"] = lastRunID(f)
	case kindNexset:
		n["data_set_id"] = b.id
		n["node_type"] = "data_set"
	case kindSink:
		n["data_sink_id"] = b.id
		n["node_type"] = "data_sink"
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
	}
	sortByID(children)
	n["children"] = children
	return n
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
func (s *Sim) elementAttrs(f *flow, b *base, now time.Time) obj {
	return obj{"id": b.id, "owner_id": f.ownerID, "org_id": s.org.id, "flow_node_id": b.nodeID, "origin_node_id": f.originNode,
		"name": b.name, "description": b.description, "status": b.status, "runtime_status": runtimeStatus(f, now),
		"access_roles": []string{f.role}, "tags": tagsOf(b.tags), "copied_from_id": nil, "flow_type": f.flowType,
		"created_at": isoTime(b.created), "updated_at": isoTime(b.updated)}
}

// flowBody renders flows (one or a page of them).
func (s *Sim) flowBody(flows []*flow, o flowOpts, now time.Time) obj {
	trees := make([]obj, 0, len(flows))
	for _, f := range flows {
		trees = append(trees, s.nodeObj(f, kindSource, &f.src.base, 0, now, o.originOnly))
	}
	body := obj{"flows": trees, "triggered_flows": []any{}, "triggering_flows": []any{}, "linked_flows": []any{}}
	if o.runMetrics {
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
		body["status"] = 200
		body["metrics"] = metrics
	}
	if o.flowsOnly {
		return body
	}
	var srcs, sets, sinks, creds, users, projects []obj
	seenCred := map[int64]bool{}
	seenUser := map[int64]bool{}
	seenProj := map[int64]bool{}
	for _, f := range flows {
		e := s.elementAttrs(f, &f.src.base, now)
		e["last_run_id"] = lastRunID(f)
		e["data_credentials_id"] = f.src.credID
		e["data_credentials_group_id"] = nil
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
		srcs = append(srcs, e)
		for _, n := range f.sets {
			e := s.elementAttrs(f, &n.base, now)
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
			e["public"] = false
			e["managed"] = false
			e["node_type"] = "data_set"
			sets = append(sets, e)
		}
		for _, sk := range f.sinks {
			e := s.elementAttrs(f, &sk.base, now)
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
			if c := s.org.credByID[id]; c != nil && !seenCred[id] {
				seenCred[id] = true
				creds = append(creds, obj{"id": c.id, "owner_id": c.ownerID, "org_id": s.org.id, "name": c.name, "description": c.description,
					"access_roles": []string{c.role}, "tags": []string{}, "copied_from_id": nil, "created_at": isoTime(c.created),
					"updated_at": isoTime(c.updated), "credentials_type": c.ctype, "verified_status": c.verifiedStatus, "managed": false})
			}
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
	body["data_credentials_groups"] = []any{}
	body["dependent_flow_nodes"] = []any{}
	body["origin_data_sink_flow_nodes"] = []any{}
	body["shared_data_sets"] = []any{}
	body["orgs"] = []obj{{"id": s.org.id, "name": s.org.name, "description": nil, "email_domain": s.org.emailDomain, "email": "data-team@" + s.org.emailDomain}}
	body["users"] = nonNil(users)
	body["projects"] = nonNil(projects)
	return body
}

func nonNil(v []obj) []obj {
	if v == nil {
		return []obj{}
	}
	return v
}

func (s *Sim) handleFlowList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	o, ok := parseFlowOpts(w, q)
	if !ok {
		return
	}
	role := q.Get("access_role")
	if role != "" && role != "owner" && role != "collaborator" && role != "operator" && role != "admin" && role != "all" {
		badParam(w, "Invalid access_role '%s': use owner, collaborator, operator or admin", role)
		return
	}
	if o.runMetrics && !q.Has("per_page") && !q.Has("page") {
		// The server's default page size with run metrics is 20.
		q.Set("page", "1")
		q.Set("per_page", "20")
		r.URL.RawQuery = q.Encode()
	}
	now := s.clock.now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	var flows []*flow
	for _, f := range s.org.flows {
		// Without access_role, GET /flows lists every flow visible to the caller.
		if role == "" || roleAllows(role, f.role) {
			flows = append(flows, f)
		}
	}
	// Newest first (sort_by id, sort_order desc are the defaults for flows).
	if q.Get("sort_order") != "asc" && q.Get("sort_order") != "ASC" {
		for i, j := 0, len(flows)-1; i < j; i, j = i+1, j-1 {
			flows[i], flows[j] = flows[j], flows[i]
		}
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
	writeJSON(w, http.StatusOK, s.flowBody(flows[lo:hi], o, now))
}

// handleFlowShow is GET /flows/{id} (any node of the flow) and GET
// /{rt}/{id}/flow: the whole flow, rendered from its origin.
func (s *Sim) handleFlowShow(find flowFinder) http.HandlerFunc {
	return withID(func(w http.ResponseWriter, r *http.Request, id int64) {
		o, ok := parseFlowOpts(w, r.URL.Query())
		if !ok {
			return
		}
		now := s.clock.now()
		s.mu.RLock()
		defer s.mu.RUnlock()
		f, _ := find(id)
		if !found(w, f != nil) {
			return
		}
		writeJSON(w, http.StatusOK, s.flowBody([]*flow{f}, o, now))
	})
}
