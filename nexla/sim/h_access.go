package sim

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// Accessors (§5.14): GET lists, PUT adds/merges, POST replaces, DELETE
// removes the listed entries (all with an empty list). Listing needs a
// role; mutations need owner or admin (roles.go), and change the roles.

var validAccessRoles = []string{"owner", "admin", "operator", "collaborator", "sharer"}

// accessTargetInfo is the resource of an accessors path: its side-table
// key, the caller's role and owner, and what carries roles (the flow when
// the key is its origin, the credential).
type accessTargetInfo struct {
	key   resKey
	role  string
	owner int64
	flow  *flow
	cred  *credential
}

// accessTarget resolves the resource of an accessors path and the caller's
// role on it. For flows (kind 0) the origin stands for the flow, as the
// server does.
func (s *Sim) accessTarget(kind uint8, id, uid int64) (accessTargetInfo, bool) {
	switch kind {
	case kindFlow:
		if f := s.org.flowByNode[id]; f != nil {
			k, b := f.origin()
			return accessTargetInfo{key: resKey{k, b.id}, role: s.roleOf(uid, f), owner: f.ownerID, flow: f}, true
		}
	case kindCredential:
		if c := s.org.credByID[id]; c != nil {
			return accessTargetInfo{key: resKey{kindCredential, id}, role: s.credRole(uid, c), owner: c.ownerID, cred: c}, true
		}
	default:
		if f, b := s.lookup(kind, id); f != nil {
			t := accessTargetInfo{key: resKey{kind, b.id}, role: s.roleOf(uid, f), owner: f.ownerID}
			if k, ob := f.origin(); k == kind && ob == b {
				t.flow = f
			}
			return t, true
		}
	}
	return accessTargetInfo{}, false
}

// defaultAccessors is the list of a resource nobody changed: its owner, the
// Data Platform team as operator on flows, and the demo user's own role when
// it is neither (a credential shared with it), so the list and the roles
// the other endpoints apply say the same.
func (s *Sim) defaultAccessors(t accessTargetInfo) []accessor {
	created := s.opts.Start.Add(-30 * 24 * time.Hour)
	list := []accessor{{kind: "USER", id: t.owner, roles: []string{roleOwner}, created: created}}
	if t.key.kind != kindCredential {
		list = append(list, accessor{kind: "TEAM", id: 11, roles: []string{roleOperator}, created: created})
	}
	if t.cred != nil && t.owner != userRiley && t.cred.role != "" {
		list = append(list, accessor{kind: "USER", id: userRiley, roles: []string{t.cred.role}, created: created})
	}
	return list
}

func (s *Sim) accessorObj(a accessor) obj {
	o := obj{"type": a.kind, "id": a.id, "accessor_org_id": s.org.id, "access_roles": a.roles,
		"access_role_expires_at": nil, "created_at": isoTime(a.created), "updated_at": isoTime(a.created)}
	switch a.kind {
	case "USER":
		o["email"] = s.org.user(a.id).email
	case "TEAM":
		for _, t := range s.org.teams {
			if t.id == a.id {
				o["name"] = t.name
			}
		}
	case "ORG":
		o["email_domain"] = s.org.emailDomain
		o["client_identifier"] = s.org.clientID
	}
	return o
}

// parseAccessors validates {"accessors": [...]} and resolves ids.
func (s *Sim) parseAccessors(w http.ResponseWriter, r *http.Request, now time.Time) ([]accessor, bool) {
	var body struct {
		Accessors []struct {
			Type             string   `json:"type"`
			ID               int64    `json:"id"`
			Email            string   `json:"email"`
			Name             string   `json:"name"`
			ClientIdentifier string   `json:"client_identifier"`
			EmailDomain      string   `json:"email_domain"`
			AccessRoles      []string `json:"access_roles"`
		} `json:"accessors"`
	}
	if !readBody(w, r, &body) {
		return nil, false
	}
	var out []accessor
	for i, a := range body.Accessors {
		acc := accessor{kind: strings.ToUpper(a.Type), id: a.ID, roles: a.AccessRoles, created: now}
		switch acc.kind {
		case "USER":
			for _, u := range s.org.users {
				if (a.ID != 0 && u.id == a.ID) || (a.Email != "" && strings.EqualFold(u.email, a.Email)) {
					acc.id = u.id
				}
			}
			if acc.id == 0 || (a.ID != 0 && acc.id != a.ID && a.Email == "") {
				badParam(w, "accessors[%d]: user not found (id %d, email %q)", i, a.ID, a.Email)
				return nil, false
			}
		case "TEAM":
			acc.id = 0
			for _, t := range s.org.teams {
				if (a.ID != 0 && t.id == a.ID) || (a.Name != "" && t.name == a.Name) {
					acc.id = t.id
				}
			}
			if acc.id == 0 {
				badParam(w, "accessors[%d]: team not found (id %d, name %q)", i, a.ID, a.Name)
				return nil, false
			}
		case "ORG":
			acc.id = s.org.id
		default:
			badParam(w, "accessors[%d]: type must be USER, TEAM or ORG", i)
			return nil, false
		}
		if r.Method != http.MethodDelete {
			if len(a.AccessRoles) == 0 {
				badParam(w, "accessors[%d]: access_roles is required", i)
				return nil, false
			}
			for _, role := range a.AccessRoles {
				if !slices.Contains(validAccessRoles, role) {
					badParam(w, "accessors[%d]: invalid access role %q", i, role)
					return nil, false
				}
			}
		}
		out = append(out, acc)
	}
	return out, true
}

func (s *Sim) handleAccessors(kind uint8, op string) http.HandlerFunc {
	return withID(func(w http.ResponseWriter, r *http.Request, id int64) {
		now := s.clock.now()
		if op == "get" {
			s.mu.RLock()
			defer s.mu.RUnlock()
		} else {
			s.mu.Lock()
			defer s.mu.Unlock()
		}
		t, ok := s.accessTarget(kind, id, callerOf(r))
		if !found(w, ok) || !visible(w, t.role) {
			return
		}
		list, stored := s.org.accessors[t.key]
		if !stored {
			list = s.defaultAccessors(t)
		}
		if op != "get" {
			if !canManage(t.role) {
				writeEmpty(w, http.StatusForbidden)
				return
			}
			in, ok := s.parseAccessors(w, r, now)
			if !ok {
				return
			}
			list = applyAccessors(list, in, op)
			s.org.accessors[t.key] = list
			s.applyRoles(t, list)
			s.org.addAudit(t.key, itemTypeOf(t.key.kind), "update", callerOf(r), now, map[string][2]any{"access_control": {nil, op}})
		}
		out := make([]obj, 0, len(list))
		for _, a := range list {
			out = append(out, s.accessorObj(a))
		}
		writeJSON(w, http.StatusOK, out)
	})
}

func applyAccessors(list, in []accessor, op string) []accessor {
	same := func(a, b accessor) bool { return a.kind == b.kind && a.id == b.id }
	switch op {
	case "replace":
		return append([]accessor(nil), in...)
	case "delete":
		if len(in) == 0 {
			return []accessor{}
		}
		out := []accessor{}
		for _, a := range list {
			if !slices.ContainsFunc(in, func(b accessor) bool { return same(a, b) }) {
				out = append(out, a)
			}
		}
		return out
	}
	out := append([]accessor(nil), list...)
	for _, b := range in {
		if i := slices.IndexFunc(out, func(a accessor) bool { return same(a, b) }); i >= 0 {
			out[i].roles = b.roles
		} else {
			out = append(out, b)
		}
	}
	return out
}
