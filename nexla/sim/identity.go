package sim

import (
	"context"
	"net/http"
	"time"
)

// Identities: every service key belongs to one user, and every endpoint
// answers as that user would be answered (lists scoped to what the user may
// see, 403 with no body for a resource they may not read, GET /users/current
// naming them and their org).

// Identity is one service key the simulator accepts.
type Identity struct {
	Name       string `json:"name"`        // "demo", "collaborator", "empty_org"
	Env        string `json:"env"`         // the variable `nexla-tui sim` prints it as
	ServiceKey string `json:"service_key"` // what POST /token accepts
	UserID     int64  `json:"user_id"`
	OrgID      int64  `json:"org_id"`
}

const (
	userJordan int64 = 46 // owns nothing; collaborator on one failing flow
	userSam    int64 = 90 // the only member of an org with no resources
	emptyOrgID int64 = 8
)

// collaboratorScenario is the failing flow the owns-nothing user collaborates on.
const collaboratorScenario = "credential_expired"

func identities(o Options) []Identity {
	return []Identity{
		{Name: "demo", Env: "NEXLA_SERVICE_KEY", ServiceKey: o.ServiceKey, UserID: userRiley, OrgID: demoOrgID},
		{Name: "collaborator", Env: "NEXLA_SERVICE_KEY_COLLABORATOR", ServiceKey: derivedKey(o.Seed, "collaborator"), UserID: userJordan, OrgID: demoOrgID},
		{Name: "empty_org", Env: "NEXLA_SERVICE_KEY_EMPTY_ORG", ServiceKey: derivedKey(o.Seed, "empty_org"), UserID: userSam, OrgID: emptyOrgID},
	}
}

// session is one issued token: its expiry on the token clock and its user.
type session struct {
	exp  time.Time
	user int64
}

const callerKey ctxKey = 2

// withCaller records the token's user on the request.
func withCaller(r *http.Request, user int64) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), callerKey, user))
}

// callerOf is the user a request authenticated as (the demo user for the
// token routes, which carry no session).
func callerOf(r *http.Request) int64 {
	if u, ok := r.Context().Value(callerKey).(int64); ok {
		return u
	}
	return userRiley
}

// roleOf is the caller's role on a flow: "" when they may not see it.
func (s *Sim) roleOf(uid int64, f *flow) string {
	if uid == userRiley {
		return f.role
	}
	return f.guests[uid]
}

// credRole is the caller's role on a credential: "" when they may not read
// it. Only the demo user reads credentials (not the unreadable one), unless
// the credential's accessors were changed to share it (roles.go).
func (s *Sim) credRole(uid int64, c *credential) string {
	if uid == userRiley {
		return c.role
	}
	return c.guests[uid]
}

// visible answers 403 with no body (CanCan's access denied) unless the
// caller has a role; it returns whether the handler may go on.
func visible(w http.ResponseWriter, role string) bool {
	if role == "" {
		writeEmpty(w, http.StatusForbidden)
		return false
	}
	return true
}

// member is a user and the org they belong to, for /users/current and tokens.
type member struct {
	u   *user
	org orgInfo
}

type orgInfo struct {
	id                      int64
	name, emailDomain, code string
}

func (s *Sim) memberOf(uid int64) member {
	if uid == userSam {
		return member{
			u:   &user{id: userSam, email: "sam.rivera@globex-sandbox.example", fullName: "Sam Rivera"},
			org: orgInfo{id: emptyOrgID, name: "Globex Sandbox", emailDomain: "globex-sandbox.example", code: "globex-sandbox"},
		}
	}
	o := s.org
	return member{u: o.user(uid), org: orgInfo{id: o.id, name: o.name, emailDomain: o.emailDomain, code: o.clientID}}
}
