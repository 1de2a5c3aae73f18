package access

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Roles are the roles an accessor can be given (contract §5.14).
var Roles = []string{"owner", "admin", "operator", "collaborator"}

// parseGrant reads the grant line: "<who> <role>" where who is a user's
// email or id ("user 42" or "42"), "team ID" or "org".
//
//	alice@acme.example operator
//	user 42 collaborator
//	team 11 operator
//	org collaborator
func parseGrant(line string) (nexla.Accessor, error) {
	f := strings.Fields(line)
	if len(f) < 2 {
		return nexla.Accessor{}, fmt.Errorf("type who and a role: an email, user ID, team ID or org, then one of %s", strings.Join(Roles, ", "))
	}
	role := strings.ToLower(f[len(f)-1])
	if !slices.Contains(Roles, role) {
		return nexla.Accessor{}, fmt.Errorf("unknown role %q: want one of %s", f[len(f)-1], strings.Join(Roles, ", "))
	}
	who := f[:len(f)-1]
	a := nexla.Accessor{AccessRoles: []string{role}}
	switch kind := strings.ToLower(who[0]); {
	case len(who) == 1 && kind == "org":
		a.Type = "ORG"
		return a, nil
	case len(who) == 2 && (kind == "team" || kind == "user"):
		id, err := strconv.ParseInt(who[1], 10, 64)
		if err != nil || id <= 0 {
			return nexla.Accessor{}, fmt.Errorf("%s %q: the id must be a positive number", kind, who[1])
		}
		a.Type, a.ID = strings.ToUpper(kind), id
		return a, nil
	case len(who) == 1 && strings.Contains(who[0], "@"):
		a.Type, a.Email = "USER", who[0]
		return a, nil
	case len(who) == 1:
		if id, err := strconv.ParseInt(who[0], 10, 64); err == nil && id > 0 {
			a.Type, a.ID = "USER", id
			return a, nil
		}
	}
	return nexla.Accessor{}, fmt.Errorf("who is %q? an email, a user id, \"team ID\" or \"org\"", strings.Join(who, " "))
}
