package detail

import (
	"strconv"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// relation is one navigable related resource.
type relation struct {
	Label  string // "flow", "upstream", "downstream", "credential", "used by"...
	RT     nexla.ResourceType
	ID     int64
	Name   string
	Status string
}

// relations collects related resources once, deduplicated by (type, id):
// the first label given to a resource wins, so callers add the most
// specific relations first.
type relations struct {
	list []relation
	seen map[string]bool
	ix   *nexla.FlowIndex
}

func newRelations(ix *nexla.FlowIndex) *relations {
	return &relations{seen: map[string]bool{}, ix: ix}
}

// add records a relation; name and status fall back on the flow side-loads.
func (r *relations) add(label string, rt nexla.ResourceType, id int64, name, status string) {
	if id == 0 {
		return
	}
	k := string(rt) + "/" + strconv.FormatInt(id, 10)
	if r.seen[k] {
		return
	}
	r.seen[k] = true
	if r.ix != nil && (name == "" || status == "") {
		n, s := r.lookup(rt, id)
		if name == "" {
			name = n
		}
		if status == "" {
			status = s
		}
	}
	r.list = append(r.list, relation{Label: label, RT: rt, ID: id, Name: viewkit.Clean(name), Status: viewkit.Clean(status)})
}

func (r *relations) lookup(rt nexla.ResourceType, id int64) (string, string) {
	switch rt {
	case nexla.DataSources:
		if s := r.ix.Sources[id]; s != nil {
			return s.Name, s.Status
		}
	case nexla.DataSets:
		if s := r.ix.Nexsets[id]; s != nil {
			return s.Name, s.Status
		}
	case nexla.DataSinks:
		if s := r.ix.Destinations[id]; s != nil {
			return s.Name, s.Status
		}
	case nexla.DataCredentials:
		if s := r.ix.Credentials[id]; s != nil {
			return s.Name, ""
		}
	}
	return "", ""
}

// addFlow adds, from the flow that holds (rt, id): the flow itself, the
// nodes upstream of the resource (nearest first) and every node downstream
// (depth first). For a flow (rt == Flows) every node of it is listed.
func (r *relations) addFlow(resp *nexla.FlowResponse, rt nexla.ResourceType, id int64) {
	if resp == nil {
		return
	}
	for i := range resp.Flows {
		origin := &resp.Flows[i]
		var path []*nexla.FlowNode // origin .. the resource's node
		var found *nexla.FlowNode
		var walk func(n *nexla.FlowNode) bool
		walk = func(n *nexla.FlowNode) bool {
			path = append(path, n)
			nrt, nid := n.Resource()
			if (rt == nexla.Flows && n.ID == id) || (nrt == rt && nid == id) {
				found = n
				return true
			}
			for k := range n.Children {
				if walk(&n.Children[k]) {
					return true
				}
			}
			path = path[:len(path)-1]
			return false
		}
		if !walk(origin) {
			continue
		}
		if rt != nexla.Flows {
			name := origin.Name
			if name == "" && r.ix != nil {
				name = r.ix.NodeName(*origin)
			}
			r.add("flow", nexla.Flows, origin.ID, name, origin.Status)
			for k := len(path) - 2; k >= 0; k-- {
				nrt, nid := path[k].Resource()
				r.add("upstream", nrt, nid, "", "")
			}
		}
		label := "downstream"
		if rt == nexla.Flows {
			label = "in flow"
			found = origin
			ort, oid := origin.Resource()
			r.add("origin", ort, oid, "", "")
		}
		found.Walk(0, func(n *nexla.FlowNode, depth int) bool {
			if depth > 0 {
				nrt, nid := n.Resource()
				r.add(label, nrt, nid, "", "")
			}
			return true
		})
		return
	}
}

// addUsersOf lists, from a flows listing's side-loads, the sources and
// destinations (and nexsets) whose data_credentials_id is cred.
func (r *relations) addUsersOf(resp *nexla.FlowResponse, cred int64) {
	if resp == nil {
		return
	}
	for _, s := range resp.DataSources {
		if s.CredentialID() == cred {
			r.add("used by", nexla.DataSources, s.ID, s.Name, s.Status)
		}
	}
	for _, d := range resp.DataSinks {
		if d.CredentialID() == cred {
			r.add("used by", nexla.DataSinks, d.ID, d.Name, d.Status)
		}
	}
	for _, n := range resp.DataSets {
		if n.DataCredentialsID == cred {
			r.add("used by", nexla.DataSets, n.ID, n.Name, n.Status)
		}
	}
}
