package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// complete runs cobra's hidden completion command as a shell does and
// returns the offered values (without the trailing ":directive" line).
func complete(t *testing.T, args ...string) ([]string, string) {
	t.Helper()
	code, out, errOut := runCLI(append([]string{"__complete"}, args...)...)
	if code != 0 {
		t.Fatalf("__complete %v: code %d %s", args, code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) == 0 || !strings.HasPrefix(lines[len(lines)-1], ":") {
		t.Fatalf("__complete %v: no directive line in %q", args, out)
	}
	return lines[:len(lines)-1], errOut
}

func TestCompletionOffersValues(t *testing.T) {
	t.Setenv("NEXLA_SERVICE_KEY", "")
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	cfg := filepath.Join(dir, "nexla-tui", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(cfg), 0o700); err != nil {
		t.Fatal(err)
	}
	yaml := "profiles:\n  prod: {url: https://a.example/nexla-api, read_only: true}\n  stage: {url: https://b.example/nexla-api}\n"
	if err := os.WriteFile(cfg, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.yaml")
	if err := os.WriteFile(other, []byte("profiles:\n  eu: {}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"list", ""}, "flows sources nexsets destinations credentials"},
		{[]string{"list", "flows", ""}, ""},
		{[]string{"doctor", ""}, "flow source nexset destination"},
		{[]string{"--profile", ""}, "prod stage"},
		{[]string{"list", "--profile", ""}, "prod stage"},
		// --config given first: its profiles, not the default file's.
		{[]string{"--config", other, "--profile", ""}, "eu"},
		{[]string{"--access-role", ""}, "owner collaborator operator admin"},
		{[]string{"list", "-o", ""}, "table json"},
		{[]string{"health", "--output", ""}, "table json"},
		{[]string{"doctor", "flow", "1", "-o", ""}, "markdown json"},
		{[]string{"whoami", "-o", ""}, "text json"},
		{[]string{"info", "-o", ""}, "text json"},
	} {
		got, _ := complete(t, c.args...)
		if strings.Join(got, " ") != c.want {
			t.Errorf("%v: %q, want %q", c.args, got, c.want)
		}
	}
}

// Every -o flag completes, and each value completed is one the command
// accepts (a format added to a command without its completion fails here).
func TestOutputFormatCompletionsMatchTheCommands(t *testing.T) {
	t.Setenv("NEXLA_SERVICE_KEY", "")
	t.Setenv("NEXLA_ACCESS_TOKEN", "")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	argsOf := map[string][]string{"doctor": {"doctor", "flow", "1"}, "logs": {"logs", "flow", "1"}, "list": {"list", "flows"}}
	root := NewRootCommand(&Globals{Getenv: os.Getenv})
	for _, c := range root.Commands() {
		if c.Flags().Lookup("output") == nil {
			continue
		}
		formats := outputFormats(c.Name())
		if formats == nil {
			t.Errorf("%s has -o but no completion for it", c.Name())
			continue
		}
		args := argsOf[c.Name()]
		if args == nil {
			args = []string{c.Name()}
		}
		for _, f := range append(formats, "yaml") {
			_, _, errOut := runCLI(append(args, "-o", f)...)
			rejected := strings.Contains(errOut, "unknown output")
			if rejected != (f == "yaml") {
				t.Errorf("%s -o %s: rejected=%v (%s)", c.Name(), f, rejected, errOut)
			}
		}
	}
}

func TestCompletionOffersIDsFromTheAPI(t *testing.T) {
	e := listEnv(t)
	got, _ := complete(t, "doctor", "flow", "")
	if len(got) == 0 || len(got) > completionLimit {
		t.Fatalf("flow ids: %d offered", len(got))
	}
	for _, s := range got {
		id, name, ok := strings.Cut(s, "\t")
		if !ok || id == "" || name == "" || strings.ContainsAny(name, "\t\n\x1b") {
			t.Fatalf("want id<TAB>name, got %q", s)
		}
	}
	id, _, _ := strings.Cut(got[0], "\t")
	if only, _ := complete(t, "doctor", "flow", id); len(only) == 0 || !strings.HasPrefix(only[0], id+"\t") {
		t.Fatalf("prefix %s: %q", id, only)
	}
	src, _ := complete(t, "doctor", "source", "")
	if len(src) == 0 {
		t.Fatal("no source ids")
	}
	if strings.Contains(strings.Join(got, ""), e.Sim.ServiceKey()) {
		t.Fatal("service key in completions")
	}
}

// An unreachable or hanging API offers nothing and prints no error: the shell
// would show it in the middle of the command line. The hanging case returns
// at completionTimeout.
func TestCompletionWithoutAPIIsQuiet(t *testing.T) {
	listEnv(t)
	hang := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	defer close(hang)
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	for _, url := range []string{deadURL + "/nexla-api", slow.URL + "/nexla-api"} {
		t.Setenv("NEXLA_API_URL", url)
		got, errOut := complete(t, "doctor", "flow", "")
		if len(got) != 0 {
			t.Errorf("%s: offered %q", url, got)
		}
		if strings.Contains(strings.ToLower(errOut), "error") || strings.Contains(errOut, "nexla-tui:") {
			t.Errorf("%s: noise on stderr: %q", url, errOut)
		}
	}
	t.Setenv("NEXLA_SERVICE_KEY", "")
	if got, _ := complete(t, "doctor", "flow", ""); len(got) != 0 {
		t.Errorf("no credentials: offered %q", got)
	}
}
