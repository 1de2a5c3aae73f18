package sim

import "slices"

// Roles and what they allow (§5.14): collaborator (and a nexset's sharer)
// views, operator also activates and pauses, admin and owner also manage
// the accessors. The caller's role on a flow or credential is derived from
// the accessor list once the list changes, so a grant or a revoke changes
// what the grantee sees and may do, as on the server.

const roleAdmin = "admin"

// roleRank orders roles: the best of several entries wins.
func roleRank(role string) int {
	switch role {
	case roleOwner:
		return 4
	case roleAdmin:
		return 3
	case roleOperator:
		return 2
	case roleCollaborator, "sharer":
		return 1
	}
	return 0
}

// canOperate: activate and pause.
func canOperate(role string) bool { return roleRank(role) >= roleRank(roleOperator) }

// canManage: change the accessors.
func canManage(role string) bool { return roleRank(role) >= roleRank(roleAdmin) }

// covers reports whether accessor a grants its roles to user uid: the user
// itself, a team the user belongs to, or the org of its members.
func (s *Sim) covers(a accessor, uid int64) bool {
	o := s.org
	switch a.kind {
	case "USER":
		return a.id == uid
	case "TEAM":
		for _, t := range o.teams {
			if t.id == a.id {
				return slices.Contains(t.members, uid)
			}
		}
	case "ORG":
		return a.id == o.id && slices.ContainsFunc(o.users, func(u *user) bool { return u.id == uid })
	}
	return false
}

// roleFrom is uid's best role on a resource with this accessor list. The
// resource's owner stays owner whatever the list says: removing every
// accessor must not lock the owner out (nor does it on the server, where
// ownership is owner_id, not an accessor row).
func (s *Sim) roleFrom(list []accessor, owner, uid int64) string {
	if uid == owner {
		return roleOwner
	}
	best := ""
	for _, a := range list {
		if !s.covers(a, uid) {
			continue
		}
		for _, r := range a.roles {
			if roleRank(r) > roleRank(best) {
				best = r
			}
		}
	}
	return best
}

// rolesFrom derives the demo user's role and every other member's from list.
func (s *Sim) rolesFrom(list []accessor, owner int64) (string, map[int64]string) {
	guests := map[int64]string{}
	for _, u := range s.org.users {
		if u.id == userRiley {
			continue
		}
		if r := s.roleFrom(list, owner, u.id); r != "" {
			guests[u.id] = r
		}
	}
	return s.roleFrom(list, owner, userRiley), guests
}

// applyRoles makes a changed accessor list decide who sees and operates the
// target. Only a flow's origin and credentials carry roles here: the
// simulator keeps one role per flow (the origin's list stands for the flow,
// as the flows endpoints apply accessors to the origin), so a list changed
// on a nexset or destination inside a flow is stored and listed only.
func (s *Sim) applyRoles(t accessTargetInfo, list []accessor) {
	switch {
	case t.flow != nil:
		t.flow.role, t.flow.guests = s.rolesFrom(list, t.owner)
	case t.cred != nil:
		t.cred.role, t.cred.guests = s.rolesFrom(list, t.owner)
	}
}
