package nexla

import (
	"fmt"
	"slices"
	"strings"
)

// The re-reads that settle a mutation whose answer was lost: is the target
// already in the state the call asked for?

// wantedStatus is the status an activate or pause leaves behind.
func wantedStatus(action string) string {
	if action == "pause" {
		return StatusPaused
	}
	return StatusActive
}

// FlowInState reports whether node nodeID (the whole flow when all) and
// everything downstream read the status action ("pause" or "activate")
// leaves, in fr (a flow read back, or a listing). Bulk changes judge
// "already done" with the check that settles a lost answer.
func FlowInState(fr *FlowResponse, nodeID int64, all bool, action string) (bool, error) {
	return flowInState(fr, nodeID, all, wantedStatus(action))
}

// flowInState reports whether the node (or with all the whole flow) and
// everything downstream of it reads status want. Other flows hanging off a
// shared nexset are not part of the change and are skipped. A start node
// whose status cannot be read settles nothing: that is an error.
func flowInState(fr *FlowResponse, nodeID int64, all bool, want string) (bool, error) {
	var start *FlowNode
	for i := range fr.Flows {
		root := &fr.Flows[i]
		root.Walk(0, func(n *FlowNode, _ int) bool {
			if n.ID == nodeID && start == nil {
				start = n
				if all {
					start = root
				}
			}
			return start == nil
		})
	}
	if start == nil {
		return false, fmt.Errorf("node %d is not in the flow read back", nodeID)
	}
	ix := fr.Index()
	if ix.NodeStatus(*start) == "" {
		return false, fmt.Errorf("the flow read back carries no status for node %d", start.ID)
	}
	origin := start.OriginNodeID
	if origin == 0 {
		origin = start.ID
	}
	ok := true
	start.Walk(0, func(n *FlowNode, depth int) bool {
		if depth > 0 && n.OriginNodeID != 0 && n.OriginNodeID != origin {
			return false // another flow consuming a shared nexset
		}
		if st := ix.NodeStatus(*n); st != "" && !strings.EqualFold(st, want) {
			ok = false
		}
		return ok
	})
	return ok, nil
}

// accessorsInPlace reports whether a PUT (add) or DELETE of want shows in
// the list read back: every added accessor present with at least its roles,
// every removed one gone.
func accessorsInPlace(method string, list, want []Accessor) bool {
	for _, w := range want {
		i := slices.IndexFunc(list, func(a Accessor) bool { return sameAccessor(a, w) })
		if method == "DELETE" {
			if i >= 0 {
				return false
			}
			continue
		}
		if i < 0 {
			return false
		}
		for _, role := range w.AccessRoles {
			if !slices.Contains(list[i].AccessRoles, role) {
				return false
			}
		}
	}
	return true
}

// sameAccessor matches by type and whichever key the request named.
func sameAccessor(a, w Accessor) bool {
	if !strings.EqualFold(a.Type, w.Type) {
		return false
	}
	switch {
	case w.ID != 0:
		return a.ID == w.ID
	case w.Email != "":
		return strings.EqualFold(a.Email, w.Email)
	case w.Name != "":
		return a.Name == w.Name
	case w.ClientIdentifier != "":
		return a.ClientIdentifier == w.ClientIdentifier
	case w.EmailDomain != "":
		return strings.EqualFold(a.EmailDomain, w.EmailDomain)
	}
	return false
}
