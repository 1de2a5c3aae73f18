package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
)

const jordan = "jordan.kim@acme-retail.example"

func accessList(t *testing.T, flow int64) []nexla.Accessor {
	t.Helper()
	code, out, errOut := runCLI("access", "list", "flow", fmt.Sprint(flow), "-o", "json")
	var list []nexla.Accessor
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil {
		t.Fatalf("access list: %d\n%s\n%s", code, out, errOut)
	}
	return list
}

func hasUser(list []nexla.Accessor, email, role string) bool {
	for _, a := range list {
		if a.Type == "USER" && a.Email == email && (role == "" || strings.Contains(strings.Join(a.AccessRoles, ","), role)) {
			return true
		}
	}
	return false
}

// Grant then revoke round-trips: the list shows, then no longer shows, the
// accessor; each change is one applied mutation.
func TestAccessGrantThenRevokeRoundTrips(t *testing.T) {
	e := listEnv(t)
	f := e.Scenario(t, "healthy").FlowID
	id := fmt.Sprint(f)
	if hasUser(accessList(t, f), jordan, "") {
		t.Fatal("the user has access before the grant")
	}
	if code, out, errOut := runCLI("access", "grant", "flow", id, "--user", jordan, "--role", "operator", "--yes"); code != 0 || !strings.Contains(out, jordan) {
		t.Fatalf("grant: %d\n%s\n%s", code, out, errOut)
	}
	if !hasUser(accessList(t, f), jordan, "operator") {
		t.Fatal("the list does not show the grant")
	}
	if code, _, errOut := runCLI("access", "revoke", "flow", id, "--user", jordan, "--role", "admin", "--yes"); code != 1 || !strings.Contains(errOut, "not admin") {
		t.Errorf("revoking a role the user does not hold: %d %s", code, errOut)
	}
	if code, out, errOut := runCLI("access", "revoke", "flow", id, "--user", jordan, "--yes"); code != 0 || strings.Contains(out, jordan) {
		t.Fatalf("revoke: %d\n%s\n%s", code, out, errOut)
	}
	if hasUser(accessList(t, f), jordan, "") {
		t.Fatal("the list still shows the revoked user")
	}
	if code, _, errOut := runCLI("access", "revoke", "flow", id, "--user", jordan, "--yes"); code != 1 || !strings.Contains(errOut, "no access entry") {
		t.Errorf("revoking again: %d %s", code, errOut)
	}
	path := fmt.Sprintf("/flows/%d/accessors", f)
	var puts, deletes int
	for _, m := range e.Sim.Mutations(0) {
		switch {
		case m.Path == path && m.Method == "PUT" && m.Applied:
			puts++
		case m.Path == path && m.Method == "DELETE" && m.Applied:
			deletes++
		default:
			t.Errorf("unexpected mutation %+v", m)
		}
	}
	if puts != 1 || deletes != 1 {
		t.Errorf("applied: %d PUT, %d DELETE; want 1 and 1", puts, deletes)
	}
}

func TestAccessRefusals(t *testing.T) {
	e := listEnv(t)
	f := fmt.Sprint(e.Scenario(t, "healthy").FlowID)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"access", "grant", "flow", f, "--user", jordan, "--role", "operator"}, 2, "confirmation required"},
		{[]string{"--read-only", "access", "grant", "flow", f, "--user", jordan, "--role", "operator", "--yes"}, 2, nexla.ErrReadOnly.Error()},
		{[]string{"access", "grant", "flow", f, "--user", jordan, "--role", "boss", "--yes"}, 2, "--role"},
		{[]string{"access", "grant", "flow", f, "--user", jordan, "--team", "11", "--role", "operator", "--yes"}, 2, "exactly one"},
		{[]string{"access", "grant", "robot", f, "--org", "--role", "operator", "--yes"}, 2, "unknown kind"},
		// The caller is only a collaborator on this flow: the API refuses.
		{[]string{"access", "grant", "flow", fmt.Sprint(e.Scenario(t, "permission_denied").FlowID), "--user", jordan, "--role", "operator", "--yes"}, 1, "403"},
	} {
		code, _, errOut := runCLI(c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: %d %q, want %d and %q", c.args, code, errOut, c.code, c.want)
		}
	}
	for _, m := range e.Sim.Mutations(0) {
		if m.Applied {
			t.Errorf("applied %+v", m)
		}
	}
}

// --org grants the caller's own org.
func TestAccessGrantOrg(t *testing.T) {
	e := listEnv(t)
	f := e.Scenario(t, "healthy").FlowID
	if code, out, errOut := runCLI("access", "grant", "flow", fmt.Sprint(f), "--org", "--role", "collaborator", "--yes"); code != 0 || !strings.Contains(out, "ORG") {
		t.Fatalf("%d\n%s\n%s", code, out, errOut)
	}
}
