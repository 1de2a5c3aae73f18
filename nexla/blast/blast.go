// Package blast answers "what does this break?" from one flows listing with
// its side-loads (GET /flows without flows_only): the sources and
// destinations that authenticate with a credential, directly or through a
// credentials group (contract §9 #6), and the flows they belong to; and the
// flows that consume a shared nexset (§9 #11). It reads nothing itself, so
// the CLI and the TUI get the same answer from the listing they already hold.
package blast

import (
	"cmp"
	"slices"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Use is one source or destination that authenticates with the credential.
type Use struct {
	Kind nexla.ResourceType `json:"kind"` // data_sources or data_sinks
	ID   int64              `json:"id"`
	Name string             `json:"name"`
	// GroupID is the credentials group it goes through; 0 = directly.
	GroupID int64 `json:"group_id,omitempty"`
	// FlowID is the flow it belongs to (its origin node id).
	FlowID int64 `json:"flow_id"`
}

// Flow is one flow reached, with the uses that tie it in.
type Flow struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
	Uses   []Use  `json:"uses,omitempty"`
}

// Radius is what a credential breaks.
type Radius struct {
	CredentialID int64 `json:"credential_id"`
	// Groups are the credentials groups that hold the credential.
	Groups []int64 `json:"groups"`
	// Flows are the flows with a source or destination that uses it, by id.
	Flows []Flow `json:"flows"`
	// Unresolved authenticate through a group the listing did not side-load:
	// they may use the credential, and are never silently left out.
	Unresolved []Use `json:"unresolved,omitempty"`
}

// FlowIDs lists the flows' ids in order.
func (r Radius) FlowIDs() []int64 {
	out := make([]int64, len(r.Flows))
	for i, f := range r.Flows {
		out[i] = f.ID
	}
	return out
}

// listing indexes a flows listing once: which flow each source and
// destination belongs to, and every origin node (roots and the consumer
// flows the server renders inside an upstream's tree).
type listing struct {
	ix      nexla.FlowIndex
	flowOf  map[nexla.ResourceType]map[int64]int64
	origins map[int64]nexla.FlowNode
}

func index(fr *nexla.FlowResponse) listing {
	l := listing{ix: fr.Index(), origins: map[int64]nexla.FlowNode{},
		flowOf: map[nexla.ResourceType]map[int64]int64{nexla.DataSources: {}, nexla.DataSinks: {}, nexla.DataSets: {}}}
	for i := range fr.Flows {
		root := &fr.Flows[i]
		root.Walk(0, func(n *nexla.FlowNode, depth int) bool {
			origin := n.OriginNodeID
			if origin == 0 {
				origin = root.ID
			}
			if n.ID == origin || depth == 0 || n.SharedDataSetID != 0 {
				if _, seen := l.origins[n.ID]; !seen || depth == 0 {
					l.origins[n.ID] = *n // a root's own rendering wins over a nested one
				}
				origin = n.ID
			}
			if rt, id := n.Resource(); id != 0 {
				l.flowOf[rt][id] = origin
			}
			return true
		})
	}
	return l
}

// flowOfResource is the flow of a side-loaded resource: from the trees,
// else from its own origin_node_id.
func (l listing) flowOfResource(rt nexla.ResourceType, c nexla.Common) int64 {
	if id := l.flowOf[rt][c.ID]; id != 0 {
		return id
	}
	return c.OriginNodeID
}

func (l listing) flow(id int64) Flow {
	n, ok := l.origins[id]
	if !ok {
		return Flow{ID: id}
	}
	return Flow{ID: id, Name: l.ix.FlowName(n), Status: l.ix.NodeStatus(n)}
}

// OfCredential is the blast radius of credential credID in the listing fr.
func OfCredential(fr *nexla.FlowResponse, credID int64) Radius {
	l := index(fr)
	r := Radius{CredentialID: credID, Groups: []int64{}, Flows: []Flow{}}
	for _, g := range fr.DataCredentialsGroups {
		if slices.Contains(g.CredentialIDs(), credID) {
			r.Groups = append(r.Groups, g.ID)
		}
	}
	slices.Sort(r.Groups)
	byFlow := map[int64][]Use{}
	consider := func(rt nexla.ResourceType, c nexla.Common, direct, group int64) {
		u := Use{Kind: rt, ID: c.ID, Name: c.Name, FlowID: l.flowOfResource(rt, c)}
		switch {
		case direct == credID:
		case group != 0 && slices.Contains(r.Groups, group):
			u.GroupID = group
		case direct == 0 && group != 0 && l.ix.Groups[group] == nil:
			u.GroupID = group
			r.Unresolved = append(r.Unresolved, u)
			return
		default:
			return
		}
		byFlow[u.FlowID] = append(byFlow[u.FlowID], u)
	}
	for _, s := range fr.DataSources {
		consider(nexla.DataSources, s.Common, s.CredentialID(), s.DataCredentialsGroupID)
	}
	for _, d := range fr.DataSinks {
		consider(nexla.DataSinks, d.Common, d.CredentialID(), d.DataCredentialsGroupID)
	}
	for id, uses := range byFlow {
		f := l.flow(id)
		f.Uses = uses
		r.Flows = append(r.Flows, f)
	}
	slices.SortFunc(r.Flows, func(a, b Flow) int { return cmp.Compare(a.ID, b.ID) })
	return r
}

// ConsumersOfNexset lists the flows that originate from the shared nexset
// nexsetID (origin nodes with shared_data_set_id), by id.
func ConsumersOfNexset(fr *nexla.FlowResponse, nexsetID int64) []Flow {
	l := index(fr)
	out := []Flow{}
	for id, n := range l.origins {
		if n.SharedDataSetID == nexsetID {
			out = append(out, l.flow(id))
		}
	}
	slices.SortFunc(out, func(a, b Flow) int { return cmp.Compare(a.ID, b.ID) })
	return out
}
