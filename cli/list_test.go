package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// listEnv points the headless commands at a frozen simulator over real HTTP.
func listEnv(t *testing.T) *simtest.Env {
	t.Helper()
	e := simtest.Start(t, sim.Options{Seed: 11, Frozen: true})
	e.SetEnv(t)
	return e
}

// runCLI runs the command line as main does, capturing both streams.
func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(args, IO{In: strings.NewReader(""), Out: &out, Err: &errb}, "test")
	return code, out.String(), errb.String()
}

func TestListCommand(t *testing.T) {
	s := listEnv(t)
	for _, kind := range []string{"flows", "sources", "nexsets", "destinations", "credentials"} {
		code, out, errOut := runCLI("list", kind)
		if code != 0 || !strings.HasPrefix(out, "ID") || !strings.Contains(out, "UPDATED") || strings.Count(out, "\n") < 2 {
			t.Fatalf("list %s: code %d\n%s\n%s", kind, code, out, errOut)
		}
		if strings.Contains(out+errOut, s.Sim.ServiceKey()) {
			t.Fatalf("list %s printed the service key", kind)
		}
	}
	code, out, _ := runCLI("list", "sources", "-o", "json", "--status", "ACTIVE")
	var rows []listRow
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil || len(rows) == 0 {
		t.Fatalf("json: %d %s", code, out)
	}
	for _, r := range rows {
		if !strings.EqualFold(r.Status, "ACTIVE") || r.ID == 0 {
			t.Fatalf("status filter not applied: %+v", r)
		}
	}
}

func TestListAndWhoamiErrors(t *testing.T) {
	listEnv(t)
	for _, args := range [][]string{{"list"}, {"list", "widgets"}, {"list", "flows", "-o", "yaml"}, {"whoami", "-o", "xml"}} {
		if code, _, errOut := runCLI(args...); code != 2 || errOut == "" {
			t.Errorf("%v: code %d, stderr %q", args, code, errOut)
		}
	}
	t.Setenv("NEXLA_SERVICE_KEY", "")
	if code, _, errOut := runCLI("whoami"); code != 2 || !strings.Contains(errOut, "no Nexla credentials") {
		t.Errorf("no credentials: %d %q", code, errOut)
	}
	t.Setenv("NEXLA_SERVICE_KEY", "wrong-key-0000000000")
	if code, _, errOut := runCLI("list", "flows"); code != 2 || !strings.Contains(errOut, "service key") || strings.Contains(errOut, "wrong-key-0000000000") {
		t.Errorf("bad key: %d %q", code, errOut)
	}
}

func TestWhoamiCommand(t *testing.T) {
	s := listEnv(t)
	code, out, errOut := runCLI("whoami")
	if code != 0 || !strings.Contains(out, "user:") || !strings.Contains(out, "org:") || !strings.Contains(out, "/nexla-api") {
		t.Fatalf("code %d\n%s\n%s", code, out, errOut)
	}
	if strings.Contains(out, s.Sim.ServiceKey()) {
		t.Fatal("whoami printed the service key")
	}
	code, out, _ = runCLI("--read-only", "whoami", "-o", "json")
	var info map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &info) != nil || info["read_only"] != true || info["auth"] != "service key" {
		t.Fatalf("json: %d %s", code, out)
	}
}

// Nexla lists only owned resources without access_role; the default
// "collaborator" must show resources shared with the caller too.
func TestListAccessRole(t *testing.T) {
	s := listEnv(t)
	var shared int64
	for _, sc := range s.Sim.Scenarios() {
		if sc.Key == "permission_denied" {
			shared = sc.SourceID
		}
	}
	if shared == 0 {
		t.Fatal("simulator has no permission_denied scenario")
	}
	ids := func(args ...string) map[int64]bool {
		code, out, errOut := runCLI(append([]string{"list", "sources", "-o", "json"}, args...)...)
		var rows []listRow
		if code != 0 || json.Unmarshal([]byte(out), &rows) != nil {
			t.Fatalf("%v: code %d %s %s", args, code, out, errOut)
		}
		m := map[int64]bool{}
		for _, r := range rows {
			m[r.ID] = true
		}
		return m
	}
	if !ids()[shared] {
		t.Errorf("default access role hides shared source %d", shared)
	}
	if ids("--access-role", "owner")[shared] {
		t.Errorf("--access-role owner still lists shared source %d", shared)
	}
	if code, _, errOut := runCLI("list", "sources", "--access-role", "everyone"); code != 2 || !strings.Contains(errOut, "access-role") {
		t.Errorf("bad access role: %d %q", code, errOut)
	}
}
