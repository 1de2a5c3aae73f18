package nexla

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
  quit: q
  refresh: [r, ctrl+r]
theme:
  accent: "#ff8800"
colours: { ignored: true }
`

func TestLoadSettingsFromEnv(t *testing.T) {
	s, err := LoadSettings(LoadOptions{ConfigPath: "", Getenv: envOf(map[string]string{
		"NEXLA_SERVICE_KEY": testKey, "NEXLA_API_URL": "https://x.example.com/nexla-api/", "HOME": t.TempDir()})})
	if err != nil {
		t.Fatal(err)
	}
	if s.ServiceKey != testKey || s.BaseURL != "https://x.example.com/nexla-api" || s.AccessToken != "" {
		t.Fatalf("got %v", s)
	}
	s, err = LoadSettings(LoadOptions{Getenv: envOf(map[string]string{"NEXLA_ACCESS_TOKEN": testToken, "HOME": t.TempDir()})})
	if err != nil || s.AccessToken != testToken || s.BaseURL != DefaultBaseURL {
		t.Fatalf("token only: %v %v", s, err)
	}
}

func TestLoadSettingsErrors(t *testing.T) {
	home := t.TempDir()
	cfg := writeConfig(t, sampleConfig)
	cases := map[string]struct {
		o    LoadOptions
		want string
	}{
		"nothing":      {LoadOptions{Getenv: envOf(map[string]string{"HOME": home})}, "no Nexla credentials"},
		"both env":     {LoadOptions{Getenv: envOf(map[string]string{"HOME": home, "NEXLA_SERVICE_KEY": "a", "NEXLA_ACCESS_TOKEN": "b"})}, "both NEXLA_SERVICE_KEY and NEXLA_ACCESS_TOKEN"},
		"unknown":      {LoadOptions{Profile: "nope", ConfigPath: cfg, Getenv: envOf(nil)}, `unknown profile "nope"`},
		"no file":      {LoadOptions{Profile: "prod", Getenv: envOf(map[string]string{"HOME": home})}, `unknown profile "prod": no config file`},
		"missing file": {LoadOptions{ConfigPath: filepath.Join(home, "absent.yaml"), Getenv: envOf(nil)}, "absent.yaml"},
		"malformed":    {LoadOptions{ConfigPath: writeConfig(t, "profiles: [unclosed"), Getenv: envOf(nil)}, "not valid YAML"},
		"both profile": {LoadOptions{Profile: "both", ConfigPath: cfg, Getenv: envOf(map[string]string{"K": "key-123456", "T": "tok-123456"})}, "both a service key and an access token"},
		"literal":      {LoadOptions{Profile: "literal", ConfigPath: cfg, Getenv: envOf(nil)}, "stores a secret in the file"},
		"unset env":    {LoadOptions{Profile: "prod", ConfigPath: cfg, Getenv: envOf(nil)}, "PROD_NEXLA_KEY, which is not set"},
		"bad url":      {LoadOptions{Getenv: envOf(map[string]string{"HOME": home, "NEXLA_SERVICE_KEY": "k", "NEXLA_API_URL": "dataops.nexla.io"})}, "invalid API URL"},
	}
	for name, tc := range cases {
		_, err := LoadSettings(tc.o)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error containing %q", name, err, tc.want)
		}
		if name == "nothing" && !errors.Is(err, ErrNoCredentials) {
			t.Errorf("nothing set should be ErrNoCredentials")
		}
		if err != nil && (strings.Contains(err.Error(), "key-123456") || strings.Contains(err.Error(), "abcdef0123456789")) {
			t.Errorf("%s: error leaks a secret: %v", name, err)
		}
	}
}

func TestLoadSettingsProfiles(t *testing.T) {
	cfg := writeConfig(t, sampleConfig)
	// default_profile, env-named key, read_only, trailing slash stripped.
	s, err := LoadSettings(LoadOptions{ConfigPath: cfg, Getenv: envOf(map[string]string{"PROD_NEXLA_KEY": testKey})})
	if err != nil {
		t.Fatal(err)
	}
	if s.Profile != "prod" || s.ServiceKey != testKey || !s.ReadOnly || s.BaseURL != "https://prod.example.com/nexla-api" {
		t.Fatalf("prod: %v", s)
	}
	if strings.Join(s.KeyOverrides["refresh"], ",") != "r,ctrl+r" || s.KeyOverrides["quit"][0] != "q" || s.ThemeOverrides["accent"] != "#ff8800" {
		t.Fatalf("overrides: %v %v", s.KeyOverrides, s.ThemeOverrides)
	}
	// Key from a command; --read-only OR-ed in.
	var ran string
	s, err = LoadSettings(LoadOptions{Profile: "stage", ConfigPath: cfg, ReadOnly: true, Getenv: envOf(nil),
		RunCommand: func(_ context.Context, c string) (string, error) { ran = c; return testKey + "\n", nil }})
	if err != nil || ran != "pass show nexla/stage" || s.ServiceKey != testKey || !s.ReadOnly {
		t.Fatalf("stage: %v %v ran=%q", s, err, ran)
	}
	// Env overrides the profile, and the command is then not run at all.
	ran = ""
	s, err = LoadSettings(LoadOptions{Profile: "stage", ConfigPath: cfg, Getenv: envOf(map[string]string{
		"NEXLA_ACCESS_TOKEN": testToken, "NEXLA_API_URL": "http://localhost:9999"}),
		RunCommand: func(_ context.Context, c string) (string, error) { ran = c; return "x", nil }})
	if err != nil || s.AccessToken != testToken || s.ServiceKey != "" || s.BaseURL != "http://localhost:9999" || ran != "" {
		t.Fatalf("env override: %v %v ran=%q", s, err, ran)
	}
	// A failing command names the command, not its output.
	_, err = LoadSettings(LoadOptions{Profile: "stage", ConfigPath: cfg, Getenv: envOf(nil),
		RunCommand: func(context.Context, string) (string, error) { return "", errors.New("exit status 1") }})
	if err == nil || !strings.Contains(err.Error(), "service_key_cmd") {
		t.Fatalf("failing cmd: %v", err)
	}
}

func TestDefaultConfigPath(t *testing.T) {
	if p := DefaultConfigPath(envOf(map[string]string{"XDG_CONFIG_HOME": "/x"})); p != "/x/nexla-tui/config.yaml" {
		t.Error(p)
	}
	if p := DefaultConfigPath(envOf(map[string]string{"HOME": "/h"})); p != "/h/.config/nexla-tui/config.yaml" {
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
	s, err := LoadSettings(LoadOptions{Profile: "tok", Getenv: envOf(map[string]string{"XDG_CONFIG_HOME": dir, "TOK": testToken})})
	if err != nil || s.AccessToken != testToken || s.BaseURL != "https://tok.example.com" {
		t.Fatalf("%v %v", s, err)
	}
}
