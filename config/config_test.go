package config

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const sampleConfig = `
default_profile: prod
profiles:
  prod: { url: "https://prod.example.com/nexla-api/", service_key_env: PROD_NEXLA_KEY, read_only: true }
  stage:
    url: https://stage.example.com/nexla-api
    service_key_cmd: "pass show nexla/stage"
  tok: { url: "https://tok.example.com", access_token_env: TOK }
  both: { url: "https://b.example.com", service_key_env: K, access_token_env: T }
  literal: { url: "https://l.example.com", service_key: abcdef0123456789 }
keys:
  quit: ctrl+q
  refresh: [r, ctrl+r]
theme:
  accent: "#ff8800"
`

const (
	testKey   = "0123456789abcdef0123456789abcdef"
	testToken = "tok-eyJhbGciOiJIUzI1NiJ9.session.secret"
)

// load is Load's connection settings, for tests about credentials.
func load(o Options) (nexla.Settings, error) {
	c, err := Load(o)
	return c.Connection, err
}

func TestLoadFromEnv(t *testing.T) {
	s, err := load(Options{Path: "", Getenv: envOf(map[string]string{
		"NEXLA_SERVICE_KEY": testKey, "NEXLA_API_URL": "https://x.example.com/nexla-api/", "HOME": t.TempDir()})})
	if err != nil {
		t.Fatal(err)
	}
	if s.ServiceKey != testKey || s.BaseURL != "https://x.example.com/nexla-api" || s.AccessToken != "" {
		t.Fatalf("got %v", s)
	}
	s, err = load(Options{Getenv: envOf(map[string]string{"NEXLA_ACCESS_TOKEN": testToken, "HOME": t.TempDir()})})
	if err != nil || s.AccessToken != testToken || s.BaseURL != nexla.DefaultBaseURL {
		t.Fatalf("token only: %v %v", s, err)
	}
}

func TestLoadErrors(t *testing.T) {
	home := t.TempDir()
	cfg := writeConfig(t, sampleConfig)
	cases := map[string]struct {
		o    Options
		want string
	}{
		"nothing":      {Options{Getenv: envOf(map[string]string{"HOME": home})}, "no Nexla credentials"},
		"both env":     {Options{Getenv: envOf(map[string]string{"HOME": home, "NEXLA_SERVICE_KEY": "a", "NEXLA_ACCESS_TOKEN": "b"})}, "both NEXLA_SERVICE_KEY and NEXLA_ACCESS_TOKEN"},
		"unknown":      {Options{Profile: "nope", Path: cfg, Getenv: envOf(nil)}, `unknown profile "nope"`},
		"no file":      {Options{Profile: "prod", Getenv: envOf(map[string]string{"HOME": home})}, `unknown profile "prod": no config file`},
		"missing file": {Options{Path: filepath.Join(home, "absent.yaml"), Getenv: envOf(nil)}, "absent.yaml"},
		"malformed":    {Options{Path: writeConfig(t, "profiles: [unclosed"), Getenv: envOf(nil)}, "not valid YAML"},
		"both profile": {Options{Profile: "both", Path: cfg, Getenv: envOf(map[string]string{"K": "key-123456", "T": "tok-123456"})}, "both a service key and an access token"},
		"literal":      {Options{Profile: "literal", Path: cfg, Getenv: envOf(nil)}, "stores a secret in the file"},
		"unset env":    {Options{Profile: "prod", Path: cfg, Getenv: envOf(nil)}, "PROD_NEXLA_KEY, which is not set"},
		"bad url":      {Options{Getenv: envOf(map[string]string{"HOME": home, "NEXLA_SERVICE_KEY": "k", "NEXLA_API_URL": "dataops.nexla.io"})}, "invalid API URL"},
	}
	for name, tc := range cases {
		_, err := load(tc.o)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error containing %q", name, err, tc.want)
		}
		if name == "nothing" && !errors.Is(err, nexla.ErrNoCredentials) {
			t.Errorf("nothing set should be ErrNoCredentials")
		}
		if err != nil && (strings.Contains(err.Error(), "key-123456") || strings.Contains(err.Error(), "abcdef0123456789")) {
			t.Errorf("%s: error leaks a secret: %v", name, err)
		}
	}
}

func TestLoadProfiles(t *testing.T) {
	cfg := writeConfig(t, sampleConfig)
	// default_profile, env-named key, read_only, trailing slash stripped.
	c, err := Load(Options{Path: cfg, Getenv: envOf(map[string]string{"PROD_NEXLA_KEY": testKey})})
	if err != nil {
		t.Fatal(err)
	}
	if s := c.Connection; s.Profile != "prod" || s.ServiceKey != testKey || !s.ReadOnly || s.BaseURL != "https://prod.example.com/nexla-api" {
		t.Fatalf("prod: %v", s)
	}
	if strings.Join(c.Keys.Global.Refresh.Keys(), ",") != "r,ctrl+r" || c.Keys.Global.Quit.Keys()[0] != "ctrl+q" || c.Theme["accent"] != "#ff8800" {
		t.Fatalf("overrides: %v %v", c.Keys.Global.Refresh.Keys(), c.Theme)
	}
	// Key from a command; --read-only OR-ed in.
	var ran string
	s, err := load(Options{Profile: "stage", Path: cfg, ReadOnly: true, Getenv: envOf(nil),
		RunCommand: func(_ context.Context, c string) (string, error) { ran = c; return testKey + "\n", nil }})
	if err != nil || ran != "pass show nexla/stage" || s.ServiceKey != testKey || !s.ReadOnly {
		t.Fatalf("stage: %v %v ran=%q", s, err, ran)
	}
	// Env overrides the profile, and the command is then not run at all.
	ran = ""
	s, err = load(Options{Profile: "stage", Path: cfg, Getenv: envOf(map[string]string{
		"NEXLA_ACCESS_TOKEN": testToken, "NEXLA_API_URL": "http://localhost:9999"}),
		RunCommand: func(_ context.Context, c string) (string, error) { ran = c; return "x", nil }})
	if err != nil || s.AccessToken != testToken || s.ServiceKey != "" || s.BaseURL != "http://localhost:9999" || ran != "" {
		t.Fatalf("env override: %v %v ran=%q", s, err, ran)
	}
	// A failing command names the command, not its output.
	_, err = Load(Options{Profile: "stage", Path: cfg, Getenv: envOf(nil),
		RunCommand: func(context.Context, string) (string, error) { return "", errors.New("exit status 1") }})
	if err == nil || !strings.Contains(err.Error(), "service_key_cmd") {
		t.Fatalf("failing cmd: %v", err)
	}
}

func TestDefaultConfigPath(t *testing.T) {
	if p := DefaultPath(envOf(map[string]string{"XDG_CONFIG_HOME": "/x"})); p != "/x/nexla-tui/config.yaml" {
		t.Error(p)
	}
	if p := DefaultPath(envOf(map[string]string{"HOME": "/h"})); p != "/h/.config/nexla-tui/config.yaml" {
		t.Error(p)
	}
	// The XDG location is read when no --config is given.
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "nexla-tui"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "nexla-tui", "config.yaml"), []byte(sampleConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := load(Options{Profile: "tok", Getenv: envOf(map[string]string{"XDG_CONFIG_HOME": dir, "TOK": testToken})})
	if err != nil || s.AccessToken != testToken || s.BaseURL != "https://tok.example.com" {
		t.Fatalf("%v %v", s, err)
	}
}
