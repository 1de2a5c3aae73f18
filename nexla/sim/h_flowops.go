package sim

import "net/http"

// Flow-level activate/pause: the given node and everything downstream, or
// the whole flow with all=1 / full_tree=1. The answer is the re-rendered flow.

// handleFlowActivate is PUT .../activate|pause under /flows/{id} or
// /{rt}/{id}/flow.
func (s *Sim) handleFlowActivate(find flowFinder, activate bool) http.HandlerFunc {
	return withID(func(w http.ResponseWriter, r *http.Request, id int64) {
		fl, ok := flags(w, r.URL.Query(), "all", "full_tree", "async", "run_now")
		if !ok {
			return
		}
		now := s.clock.now()
		uid := callerOf(r)
		s.mu.Lock()
		defer s.mu.Unlock()
		f, node := find(id)
		if !found(w, f != nil) {
			return
		}
		if !canOperate(s.roleOf(uid, f)) {
			writeEmpty(w, http.StatusForbidden)
			return
		}
		if fl["all"] || fl["full_tree"] {
			node = f.originNode
		}
		if activate {
			if f.rateCapped {
				writeMessage(w, http.StatusBadRequest, "Flow is rate limited")
				return
			}
			if f.conflict && s.nodeReaches(f, node, f.failSink.nodeID) {
				writeMessage(w, http.StatusConflict, conflictMessage(f))
				return
			}
		}
		for _, k := range s.downstream(f, node) {
			s.setStatus(f, k.b, k.kind, activate, now)
		}
		writeJSON(w, http.StatusOK, s.flowBody([]*flow{f}, flowOpts{}, uid, now))
	})
}

type nodeRef struct {
	kind uint8
	b    *base
}

// downstream lists the node and everything below it.
func (s *Sim) downstream(f *flow, node int64) []nodeRef {
	kind, b := f.nodeResource(node)
	if b == nil {
		return nil
	}
	switch {
	case kind == kindSource:
		out := []nodeRef{{kindSource, &f.src.base}}
		for _, n := range f.sets {
			out = append(out, nodeRef{kindNexset, &n.base})
		}
		for _, sk := range f.sinks {
			out = append(out, nodeRef{kindSink, &sk.base})
		}
		return out
	case kind == kindSink:
		return []nodeRef{{kindSink, b}}
	}
	var out []nodeRef
	var walk func(n *nexset)
	walk = func(n *nexset) {
		out = append(out, nodeRef{kindNexset, &n.base})
		for _, sk := range n.sinks {
			out = append(out, nodeRef{kindSink, &sk.base})
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(f.setByNode(node))
	return out
}

func (s *Sim) nodeReaches(f *flow, from, target int64) bool {
	for _, k := range s.downstream(f, from) {
		if k.b.nodeID == target {
			return true
		}
	}
	return false
}
