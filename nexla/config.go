package nexla

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/nexla-tui/nexla-tui/nexla/safefile"
)

// DefaultBaseURL is the SDK's default API endpoint.
const DefaultBaseURL = "https://dataops.nexla.io/nexla-api"

// Environment variables read exactly as the official SDK reads them.
const (
	EnvServiceKey  = "NEXLA_SERVICE_KEY"
	EnvAccessToken = "NEXLA_ACCESS_TOKEN"
	EnvAPIURL      = "NEXLA_API_URL"
)

// ErrNoCredentials means neither a service key nor an access token was found
// in the environment or the selected profile.
var ErrNoCredentials = errors.New("no Nexla credentials: set " + EnvServiceKey + " (preferred) or " + EnvAccessToken +
	", or select a profile with --profile (config: $XDG_CONFIG_HOME/nexla-tui/config.yaml)")

// Settings is everything needed to connect. ServiceKey and AccessToken are
// secrets: String, GoString, Format, MarshalJSON and LogValue all redact them.
type Settings struct {
	Profile     string
	BaseURL     string
	ServiceKey  string
	AccessToken string
	ReadOnly    bool
	// AccessRole is the profile's access_role ("" = the client's default).
	AccessRole string
	// ConfigPath is the config file that was read ("" when none was found).
	ConfigPath string
	// KeyOverrides is the config file's `keys:` map (action -> keys), for the shell.
	KeyOverrides map[string][]string
	// ThemeOverrides is the config file's `theme:` map (role -> colour), for the shell.
	ThemeOverrides map[string]string
	// Banner and Accent are the profile's visual cue in the header (e.g.
	// "PROD" on red); Notifications is off, bell or auto ("" = auto), the
	// profile's value over the file's top-level one.
	Banner, Accent, Notifications string
}

// AuthMode names the credential in use: "service key", "access token" or "none".
func (s Settings) AuthMode() string {
	switch {
	case s.ServiceKey != "":
		return "service key"
	case s.AccessToken != "":
		return "access token"
	}
	return "none"
}

// String describes the settings with secrets redacted.
func (s Settings) String() string {
	return fmt.Sprintf("nexla.Settings{Profile:%q BaseURL:%q ServiceKey:%s AccessToken:%s ReadOnly:%t ConfigPath:%q}",
		s.Profile, s.BaseURL, redactSecret(s.ServiceKey), redactSecret(s.AccessToken), s.ReadOnly, s.ConfigPath)
}

// GoString is String: %#v must not leak secrets either.
func (s Settings) GoString() string { return s.String() }

// Format makes every fmt verb (%v, %+v, %#v, %s, %q) use the redacted form.
func (s Settings) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", s.String())
		return
	}
	_, _ = f.Write([]byte(s.String()))
}

// MarshalJSON keeps secrets out of JSON dumps and slog's JSON handler.
func (s Settings) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf(`{"profile":%q,"base_url":%q,"auth":%q,"read_only":%t}`,
		s.Profile, s.BaseURL, s.AuthMode(), s.ReadOnly)), nil
}

// LoadOptions say where settings come from.
type LoadOptions struct {
	Profile    string // --profile; "" = the file's default_profile, if any
	ConfigPath string // --config; "" = $XDG_CONFIG_HOME/nexla-tui/config.yaml (fallback ~/.config/...)
	Getenv     func(string) string
	ReadOnly   bool // --read-only; OR-ed with the profile's read_only
	// RunCommand runs a profile's *_cmd and returns its stdout. Tests replace
	// it; the default runs `sh -c` with a 10 s timeout.
	RunCommand func(ctx context.Context, command string) (string, error)
}

// profileConfig is one entry of `profiles:`. Secrets are never stored in the
// file itself: they come from an environment variable or a command.
type profileConfig struct {
	URL            string `yaml:"url"`
	ServiceKeyEnv  string `yaml:"service_key_env"`
	ServiceKeyCmd  string `yaml:"service_key_cmd"`
	AccessTokenEnv string `yaml:"access_token_env"`
	AccessTokenCmd string `yaml:"access_token_cmd"`
	ReadOnly       bool   `yaml:"read_only"`
	AccessRole     string `yaml:"access_role"`
	Banner         string `yaml:"banner"`
	Accent         string `yaml:"accent"`
	Notifications  string `yaml:"notifications"`
	// Literal secrets are rejected with a clear message (see resolveProfile).
	LiteralServiceKey  string `yaml:"service_key"`
	LiteralAccessToken string `yaml:"access_token"`
}

type configFile struct {
	DefaultProfile string                   `yaml:"default_profile"`
	Profiles       map[string]profileConfig `yaml:"profiles"`
	Keys           map[string]yaml.Node     `yaml:"keys"`
	Theme          map[string]string        `yaml:"theme"`
	Notifications  string                   `yaml:"notifications"`
}

// DefaultConfigPath is $XDG_CONFIG_HOME/nexla-tui/config.yaml, else ~/.config/nexla-tui/config.yaml.
func DefaultConfigPath(getenv func(string) string) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	if x := getenv("XDG_CONFIG_HOME"); x != "" {
		return filepath.Join(x, "nexla-tui", "config.yaml")
	}
	home := getenv("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	if home == "" {
		return ""
	}
	return filepath.Join(home, ".config", "nexla-tui", "config.yaml")
}

// LoadSettings resolves connection settings: the selected profile first, then
// NEXLA_SERVICE_KEY / NEXLA_ACCESS_TOKEN / NEXLA_API_URL on top (env wins, as
// in the SDK). Errors: ErrNoCredentials when nothing is set; a clear error
// when both a key and a token are set, for an unknown profile, a malformed
// file, a failing *_cmd or a bad URL. Error texts never contain secrets.
func LoadSettings(o LoadOptions) (Settings, error) {
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	env := func(k string) string { return strings.TrimSpace(getenv(k)) }
	s := Settings{ReadOnly: o.ReadOnly}

	cfg, path, err := readConfig(o.ConfigPath, getenv)
	if err != nil {
		return Settings{}, err
	}
	s.ConfigPath = path
	if cfg != nil {
		s.ThemeOverrides = cfg.Theme
		s.Notifications = cfg.Notifications
		if s.KeyOverrides, err = keyOverrides(cfg.Keys, path); err != nil {
			return Settings{}, err
		}
	}

	name := o.Profile
	if name == "" && cfg != nil {
		name = cfg.DefaultProfile
	}
	if name != "" {
		if err := resolveProfile(&s, cfg, name, path, o, env); err != nil {
			return Settings{}, err
		}
	}

	// Environment overrides the profile. A key or token in the environment
	// replaces the profile's credential as a whole, so a profile token plus an
	// env key is not a "both set" conflict.
	envKey, envToken := env(EnvServiceKey), env(EnvAccessToken)
	if envKey != "" && envToken != "" {
		return Settings{}, fmt.Errorf("both %s and %s are set: unset one of them (the service key is preferred)", EnvServiceKey, EnvAccessToken)
	}
	if envKey != "" {
		s.ServiceKey, s.AccessToken = envKey, ""
	} else if envToken != "" {
		s.ServiceKey, s.AccessToken = "", envToken
	}
	if u := env(EnvAPIURL); u != "" {
		s.BaseURL = u
	}
	if s.BaseURL == "" {
		s.BaseURL = DefaultBaseURL
	}
	if s.BaseURL, err = NormalizeBaseURL(s.BaseURL); err != nil {
		return Settings{}, err
	}
	if s.ServiceKey != "" && s.AccessToken != "" {
		return Settings{}, fmt.Errorf("profile %q provides both a service key and an access token: keep only one", s.Profile)
	}
	if s.ServiceKey == "" && s.AccessToken == "" {
		return s, ErrNoCredentials
	}
	return s, nil
}

// NormalizeBaseURL checks u is an absolute http(s) URL and strips trailing slashes.
func NormalizeBaseURL(u string) (string, error) {
	u = strings.TrimRight(strings.TrimSpace(u), "/")
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return "", fmt.Errorf("invalid API URL %q: want an absolute http(s) URL such as %s", u, DefaultBaseURL)
	}
	if p.User != nil {
		return "", fmt.Errorf("invalid API URL: it must not contain a user name or password")
	}
	if p.RawQuery != "" || p.Fragment != "" {
		return "", fmt.Errorf("invalid API URL %q: it must not contain a query or fragment", p.Scheme+"://"+p.Host+p.Path)
	}
	return u, nil
}

func readConfig(explicit string, getenv func(string) string) (*configFile, string, error) {
	path := explicit
	if path == "" {
		path = DefaultConfigPath(getenv)
	}
	if path == "" {
		return nil, "", nil
	}
	data, untrusted, err := safefile.ReadTrusted(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && explicit == "" {
			return nil, "", nil // no config file is normal: env vars suffice
		}
		return nil, "", fmt.Errorf("config file %s: %w", path, err)
	}
	var cfg configFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return nil, "", fmt.Errorf("config file %s is not valid YAML: %v", path, err)
	}
	if err := refuseUntrustedConfig(data, path, untrusted); err != nil {
		return nil, "", err
	}
	return &cfg, path, nil
}

// keyOverrides accepts `action: "k"` and `action: ["k", "ctrl+k"]`.
func keyOverrides(nodes map[string]yaml.Node, path string) (map[string][]string, error) {
	if len(nodes) == 0 {
		return nil, nil
	}
	out := make(map[string][]string, len(nodes))
	for action, n := range nodes {
		var one string
		if err := n.Decode(&one); err == nil {
			out[action] = []string{one}
			continue
		}
		var many []string
		if err := n.Decode(&many); err != nil {
			return nil, fmt.Errorf("config file %s: keys.%s must be a key or a list of keys", path, action)
		}
		out[action] = many
	}
	return out, nil
}

func resolveProfile(s *Settings, cfg *configFile, name, path string, o LoadOptions, env func(string) string) error {
	var p profileConfig
	ok := false
	if cfg != nil {
		p, ok = cfg.Profiles[name]
	}
	if !ok {
		if cfg == nil {
			return fmt.Errorf("unknown profile %q: no config file found (expected %s)", name, DefaultConfigPath(o.Getenv))
		}
		known := make([]string, 0, len(cfg.Profiles))
		for k := range cfg.Profiles {
			known = append(known, k)
		}
		sort.Strings(known)
		return fmt.Errorf("unknown profile %q in %s (known: %s)", name, path, strings.Join(known, ", "))
	}
	if p.LiteralServiceKey != "" || p.LiteralAccessToken != "" {
		return fmt.Errorf("profile %q in %s stores a secret in the file: use service_key_env/service_key_cmd or access_token_env/access_token_cmd instead", name, path)
	}
	s.Profile = name
	s.BaseURL = p.URL
	s.ReadOnly = s.ReadOnly || p.ReadOnly
	s.AccessRole = strings.TrimSpace(p.AccessRole)
	s.Banner, s.Accent = p.Banner, p.Accent
	if p.Notifications != "" {
		s.Notifications = p.Notifications
	}
	run := o.RunCommand
	if run == nil {
		run = runSecretCommand
	}
	// Only look a credential up when the environment does not override it:
	// running `pass show` for nothing would prompt needlessly.
	if env(EnvServiceKey) != "" || env(EnvAccessToken) != "" {
		return nil
	}
	var err error
	if s.ServiceKey, err = secretFrom(name, "service_key", p.ServiceKeyEnv, p.ServiceKeyCmd, env, run); err != nil {
		return err
	}
	if s.AccessToken, err = secretFrom(name, "access_token", p.AccessTokenEnv, p.AccessTokenCmd, env, run); err != nil {
		return err
	}
	return nil
}

// ProfileNames lists the profiles of the config file (sorted), for shell
// completion; no secret command is run. A missing file has none.
func ProfileNames(configPath string, getenv func(string) string) ([]string, error) {
	cfg, _, err := readConfig(configPath, getenv)
	if err != nil || cfg == nil {
		return nil, err
	}
	names := make([]string, 0, len(cfg.Profiles))
	for k := range cfg.Profiles {
		names = append(names, k)
	}
	sort.Strings(names)
	return names, nil
}
