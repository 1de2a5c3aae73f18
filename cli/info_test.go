package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// infoConfig writes a config with a production profile whose key comes from
// a command that would leave a marker file if run.
func infoConfig(t *testing.T, extra string) (dir, marker string) {
	t.Helper()
	dir = t.TempDir()
	for _, k := range []string{"NEXLA_SERVICE_KEY", "NEXLA_ACCESS_TOKEN", "NEXLA_API_URL", "TMUX", "STY", "TERM_PROGRAM",
		"WEZTERM_PANE", "KITTY_WINDOW_ID", "WT_SESSION", "ITERM_SESSION_ID", "GHOSTTY_RESOURCES_DIR", "LC_TERMINAL",
		"VTE_VERSION", "NO_COLOR", "COLORTERM"} {
		t.Setenv(k, "")
	}
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	marker = filepath.Join(dir, "ran")
	cfg := filepath.Join(dir, "nexla-tui", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(cfg), 0o700); err != nil {
		t.Fatal(err)
	}
	yaml := `default_profile: prod
notifications: bell
profiles:
  prod:
    url: https://prod.example.com/nexla-api
    service_key_cmd: "touch ` + marker + ` && echo sk-from-the-command"
    read_only: true
    banner: PROD
    accent: "1"
    notifications: "off"
  stage: {url: https://stage.example.com/nexla-api, accent: "#ffaa00"}
` + extra
	if err := os.WriteFile(cfg, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir, marker
}

func TestInfoShowsPathsProfileAndTerminalWithoutSecrets(t *testing.T) {
	dir, marker := infoConfig(t, "")
	t.Setenv("TERM", "xterm-256color")
	t.Setenv("COLORTERM", "truecolor")
	t.Setenv("TMUX", filepath.Join(dir, "no-such-tmux")+",1,0") // tmux cannot answer: options read "unknown"
	code, out, errOut := runCLI("info", "-o", "json")
	if code != 0 {
		t.Fatalf("info: %d %s", code, errOut)
	}
	var r infoReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if r.Version != "test" || r.Paths.Config != filepath.Join(dir, "nexla-tui", "config.yaml") || !r.Paths.ConfigFound ||
		r.Paths.StateDir != filepath.Join(dir, "state", "nexla-tui") || r.Paths.DebugLog != filepath.Join(dir, "state", "nexla-tui", "debug.log") ||
		r.Paths.ReportsDir != nil {
		t.Errorf("paths: %+v", r.Paths)
	}
	p := r.Profile
	if p.Name != "prod" || !p.ReadOnly || p.Banner != "PROD" || p.Accent != "1" || p.Notifications != "off" ||
		p.APIURL != "https://prod.example.com/nexla-api" || !strings.Contains(p.Auth, "not run by info") || p.Error != "" {
		t.Errorf("profile: %+v", p)
	}
	tm := r.Terminal
	if tm.Term != "xterm-256color" || tm.Multiplexer != "tmux" || tm.TmuxOptions["allow-passthrough"] != "unknown" ||
		tm.Notifications != "off" || !strings.HasPrefix(tm.ColourProfile, "TrueColor") || tm.StdoutTTY ||
		!strings.Contains(tm.Clipboard, "tmux passthrough") {
		t.Errorf("terminal: %+v", tm)
	}
	if hints := strings.Join(r.Hints, "\n"); !strings.Contains(hints, "tmux set -g allow-passthrough on") ||
		!strings.Contains(hints, "tmux set -g set-clipboard on") || !strings.Contains(hints, "ssh -t") {
		t.Errorf("hints:\n%s", hints)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("info ran the profile's secret command")
	}
	if strings.Contains(out, "sk-") {
		t.Errorf("a secret reached the output:\n%s", out)
	}

	// Text, a profile whose accent alone makes a banner, and an environment
	// secret that must not be printed.
	t.Setenv("NEXLA_SERVICE_KEY", "sk-live-from-env-0123456789")
	t.Setenv("TMUX", "")
	t.Setenv("STY", "4242.pts-1.jump")
	t.Setenv("NO_COLOR", "1")
	code, out, _ = runCLI("info", "--profile", "stage")
	for _, want := range []string{"config ", "state ", "debug log ", "reports ", "profile ", "stage", "service key",
		"banner ", "STAGE (accent #ffaa00)", "multiplexer ", "screen", "screen passthrough in 768-byte chunks",
		"notifications ", "bell", "NO_COLOR is set", "colours "} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	if code != 0 || strings.Contains(out, "sk-live") {
		t.Errorf("code %d, or the env secret was printed:\n%s", code, out)
	}
}

func TestInfoReportsConfigErrors(t *testing.T) {
	infoConfig(t, "  loud: {notifications: always}\n  garish: {accent: crimson}\n")
	for profile, want := range map[string]string{"loud": `notifications: "always" is not off, bell or auto`,
		"garish": `accent: colour "crimson" is not an ANSI index`, "nope": `unknown profile "nope"`} {
		code, out, _ := runCLI("info", "--profile", profile)
		if code != 1 || !strings.Contains(out, want) || !strings.Contains(out, "fix it before starting the TUI") {
			t.Errorf("%s: code %d, want %q in:\n%s", profile, code, want, out)
		}
	}
}

func TestManPages(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man")
	code, _, errOut := runCLI("man", "--dir", dir)
	if code != 0 || !strings.Contains(errOut, "pages to "+dir) {
		t.Fatalf("man: %d %s", code, errOut)
	}
	for page, want := range map[string]string{
		"nexla-tui.1":        "nexla-tui browses Nexla flows",
		"nexla-tui-list.1":   "List flows, sources, nexsets",
		"nexla-tui-doctor.1": "seven-step troubleshooting runbook",
		"nexla-tui-info.1":   "no secret",
	} {
		b, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if !strings.HasPrefix(s, `.nh`) || !strings.Contains(s, `.TH "NEXLA-TUI" "1"`) || !strings.Contains(s, want) ||
			strings.Contains(s, "Auto generated") {
			t.Errorf("%s:\n%.400s", page, s)
		}
	}
	for _, hidden := range []string{"nexla-tui-man.1", "nexla-tui-__complete.1"} {
		if _, err := os.Stat(filepath.Join(dir, hidden)); err == nil {
			t.Errorf("page for a hidden command: %s", hidden)
		}
	}
	// A symlink planted where a page goes is replaced, never written through.
	target := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(target, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "nexla-tui-list.1")
	_ = os.Remove(page)
	if err := os.Symlink(target, page); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI("man", "--dir", dir); code != 0 {
		t.Fatalf("second run: %s", errOut)
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Fatal("the page was written through a symlink")
	}
	if code, _, errOut := runCLI("man"); code != 2 || !strings.Contains(errOut, "--dir") {
		t.Fatalf("man without --dir: %d %s", code, errOut)
	}
}
