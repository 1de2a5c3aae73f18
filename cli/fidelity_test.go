package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// realServer answers as Nexla's server does where the simulator in this
// branch does not yet (contract §9): GET /flows without access_role lists
// only the caller's own flows (none here), with collaborator the flow the
// caller operates; the origin node carries the flow's own name; resource
// lists are empty unless empty is false.
func realServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		role := r.URL.Query().Get("access_role")
		switch r.URL.Path {
		case "/flows":
			if role != "collaborator" && role != "all" {
				_, _ = w.Write([]byte(`{"flows":[]}`))
				return
			}
			_, _ = w.Write([]byte(`{"flows":[{"id":7,"origin_node_id":7,"data_source_id":70,"name":"Orders pipeline","status":"ACTIVE"}],
				"data_sources":[{"id":70,"name":"orders-s3","status":"ACTIVE"}]}`))
		case "/users/current":
			_, _ = w.Write([]byte(`{"user":{"id":3,"email":"op@example.com","full_name":"Op"},"org":{"id":1,"name":"Acme"}}`))
		default:
			_, _ = w.Write([]byte(`[]`))
		}
	}))
	t.Cleanup(srv.Close)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("NEXLA_API_URL", srv.URL)
	t.Setenv("NEXLA_SERVICE_KEY", "")
	t.Setenv("NEXLA_ACCESS_TOKEN", "tok")
	return srv
}

func TestListJSONIsAnEmptyArrayForEveryKind(t *testing.T) {
	realServer(t)
	for _, kind := range []string{"sources", "nexsets", "destinations", "credentials"} {
		code, out, errOut := runCLI("list", kind, "-o", "json")
		if code != 0 || strings.TrimSpace(out) != "[]" {
			t.Errorf("list %s -o json on an empty org: code %d, %q (%s)", kind, code, out, errOut)
		}
	}
	code, out, _ := runCLI("list", "flows", "-o", "json", "--access-role", "owner")
	if code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("list flows -o json owning nothing: code %d, %q", code, out)
	}
}

func TestListFlowsNamesTheFlowByItsOriginAndSendsTheRole(t *testing.T) {
	realServer(t)
	code, out, errOut := runCLI("list", "flows")
	if code != 0 || !strings.Contains(out, "Orders pipeline") || strings.Contains(out, "orders-s3") {
		t.Fatalf("a flow is named by its origin node, and a caller who owns nothing still sees the flow they operate: code %d\n%s%s", code, out, errOut)
	}
}

func TestAccessRoleFromProfileAndFlag(t *testing.T) {
	srv := realServer(t)
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("NEXLA_API_URL", "")
	t.Setenv("OPS_TOKEN", "tok")
	cfg := "default_profile: ops\nprofiles:\n  ops:\n    url: " + srv.URL + "\n    access_token_env: OPS_TOKEN\n    access_role: owner\n"
	if err := os.MkdirAll(filepath.Join(dir, "nexla-tui"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "nexla-tui", "config.yaml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("NEXLA_ACCESS_TOKEN", "")
	if code, out, errOut := runCLI("list", "flows", "-o", "json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Fatalf("the profile's access_role owner lists only owned flows: code %d %q %s", code, out, errOut)
	}
	if code, out, _ := runCLI("list", "flows", "--access-role", "collaborator"); code != 0 || !strings.Contains(out, "Orders pipeline") {
		t.Fatalf("--access-role overrides the profile: code %d\n%s", code, out)
	}
	code, out, _ := runCLI("whoami", "-o", "json")
	var info struct {
		AccessRole string `json:"access_role"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &info) != nil || info.AccessRole != "owner" {
		t.Fatalf("whoami shows the role lists use: code %d %s", code, out)
	}
	if code, out, _ := runCLI("whoami", "--access-role", "all"); code != 0 || !strings.Contains(out, "access:  all") {
		t.Fatalf("whoami text: %d\n%s", code, out)
	}
	if code, _, errOut := runCLI("list", "flows", "--access-role", "viewer"); code != 2 || !strings.Contains(errOut, "viewer") {
		t.Fatalf("an unknown role is a usage error: %d %s", code, errOut)
	}
}

// TestHealthAndDoctorSendTheAccessRoleOnEveryList runs both against the
// simulator behind a recorder: every flows listing and resource list (the
// runbook's same-name lookup included) carries the role.
func TestHealthAndDoctorSendTheAccessRoleOnEveryList(t *testing.T) {
	s, err := sim.New(sim.Options{Seed: 7, Start: doctorNow, Frozen: true})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	lists := map[string][]string{} // path -> access_role values sent
	h := s.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/nexla-api")
		switch p {
		case "/flows", "/data_sources", "/data_sets", "/data_sinks", "/data_credentials":
			mu.Lock()
			lists[p] = append(lists[p], r.URL.Query().Get("access_role"))
			mu.Unlock()
		}
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("NEXLA_API_URL", srv.URL+"/nexla-api")
	t.Setenv("NEXLA_SERVICE_KEY", s.ServiceKey())
	t.Setenv(nowEnv, doctorNow.Format(time.RFC3339))
	for _, role := range []string{"", "operator"} {
		clear(lists)
		want := role
		if role == "" {
			want = "collaborator"
		}
		runs := [][]string{{"health"}}
		for _, sc := range s.Scenarios() {
			runs = append(runs, []string{"doctor", "flow", strconv.FormatInt(sc.FlowID, 10)})
		}
		for _, a := range runs {
			if role != "" {
				a = append(a, "--access-role", role)
			}
			if code, _, errOut := runCLI(a...); code == 2 {
				t.Fatalf("%v: %s", a, errOut)
			}
		}
		if len(lists["/flows"]) == 0 || len(lists["/data_sinks"]) == 0 {
			t.Fatalf("expected the health listing and the same-name lookups: %v", lists)
		}
		for p, roles := range lists {
			for _, r := range roles {
				if r != want {
					t.Fatalf("%s sent access_role %q, want %q", p, r, want)
				}
			}
		}
	}
}
