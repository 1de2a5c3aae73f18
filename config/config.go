// Package config reads the user's config file and resolves what every
// command starts from: the connection settings for the client (profile, URL,
// credential, read-only), the access role handed to it as an option, and
// what the TUI takes from the file (key overrides, theme overrides, the
// profile's banner, accent and notifications). The file is decoded strictly
// and validated whole, for every command: an unknown key is an error naming
// the file, the line and the nearest known key; a bad colour or key override
// fails `list` as it fails the TUI.
//
// Secrets never live in the file: a profile names an environment variable or
// a command (run in a process group of its own, secretcmd.go), and a file
// someone else could change is refused when it holds a command or a URL
// (trust.go).
package config

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/theme"
)

// Options say where the configuration comes from.
type Options struct {
	Profile  string // --profile; "" = the file's default_profile, if any
	Path     string // --config; "" = DefaultPath
	Getenv   func(string) string
	ReadOnly bool // --read-only; OR-ed with the profile's read_only
	// RunCommand runs a profile's *_cmd and returns its stdout. Tests (and
	// `info`, which runs nothing) replace it; the default runs `sh -c` with a
	// 10 s timeout in a process group of its own.
	RunCommand func(ctx context.Context, command string) (string, error)
}

// Config is the resolved configuration.
type Config struct {
	// Path is the config file that was read ("" when none was found).
	Path string
	// Connection is what the client needs to connect.
	Connection nexla.Settings
	// AccessRole is the profile's access_role ("" = the client's default);
	// the client takes it as an option (nexla.WithAccessRole).
	AccessRole string
	// Keys are the default bindings with the file's `keys:` applied.
	Keys keymap.Keys
	// Theme is the file's `theme:` map (role -> colour), already validated.
	Theme map[string]string
	// Banner and Accent are the profile's visual cue in the header (e.g.
	// "PROD" on red); Notifications is off, bell or auto ("" = auto), the
	// profile's value over the file's top-level one.
	Banner, Accent, Notifications string
	// SLA is the profile's `sla:` thresholds (none when unset): health,
	// doctor and the runbook judge flows by them (runbook.Options.SLA).
	SLA runbook.SLAs
	// UTC shows times in UTC (time_zone: utc); otherwise in the local zone.
	UTC bool
	// UIURL is the profile's web console link template (ui_url), else
	// DefaultUIURL's guess from the API URL (UIURLGuessed).
	UIURL        string
	UIURLGuessed bool
}

// Time zones of the config file (`time_zone:`).
const (
	TimeZoneLocal = "local"
	TimeZoneUTC   = "utc"
)

// CheckTimeZone validates a time_zone value; "" means local.
func CheckTimeZone(tz string) error {
	switch tz {
	case "", TimeZoneLocal, TimeZoneUTC:
		return nil
	}
	return fmt.Errorf("%q is not local or utc", tz)
}

// Notification modes of the config file (`notifications:`).
const (
	NotifyAuto = "auto"
	NotifyBell = "bell"
	NotifyOff  = "off"
)

// CheckNotifications validates a notifications value; "" means auto.
func CheckNotifications(mode string) error {
	switch mode {
	case "", NotifyAuto, NotifyBell, NotifyOff:
		return nil
	}
	return fmt.Errorf("%q is not off, bell or auto", mode)
}

// DefaultPath is $XDG_CONFIG_HOME/nexla-tui/config.yaml, else ~/.config/nexla-tui/config.yaml.
func DefaultPath(getenv func(string) string) string {
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

// Load reads the config file and resolves the configuration: the selected
// profile first, then NEXLA_SERVICE_KEY / NEXLA_ACCESS_TOKEN / NEXLA_API_URL
// on top (env wins, as in the SDK). It fails on a malformed or untrusted
// file, an unknown key, a bad key or theme override, an unknown profile, a
// failing *_cmd, a bad URL, or both a key and a token. With nothing to
// authenticate it returns the rest of the configuration and
// nexla.ErrNoCredentials. Error texts never contain secrets.
func Load(o Options) (Config, error) {
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	env := func(k string) string { return strings.TrimSpace(getenv(k)) }
	c := Config{Keys: keymap.Defaults(), Connection: nexla.Settings{ReadOnly: o.ReadOnly}}

	f, path, err := readFile(o.Path, getenv)
	if err != nil {
		return Config{}, err
	}
	c.Path = path
	if f != nil {
		c.Theme = f.Theme
		c.Notifications = f.Notifications
		c.UTC = f.TimeZone == TimeZoneUTC
		if c.Keys, err = keymap.Defaults().WithOverrides(f.Keys); err != nil {
			return Config{}, fmt.Errorf("config %s: %v", path, err)
		}
	}

	name := o.Profile
	if name == "" && f != nil {
		name = f.DefaultProfile
	}
	if name != "" {
		if err := resolveProfile(&c, f, name, o, env); err != nil {
			return Config{}, err
		}
	}
	s := &c.Connection

	// Environment overrides the profile. A key or token in the environment
	// replaces the profile's credential as a whole, so a profile token plus an
	// env key is not a "both set" conflict.
	envKey, envToken := env(nexla.EnvServiceKey), env(nexla.EnvAccessToken)
	if envKey != "" && envToken != "" {
		return Config{}, fmt.Errorf("both %s and %s are set: unset one of them (the service key is preferred)", nexla.EnvServiceKey, nexla.EnvAccessToken)
	}
	if envKey != "" {
		s.ServiceKey, s.AccessToken = envKey, ""
	} else if envToken != "" {
		s.ServiceKey, s.AccessToken = "", envToken
	}
	if u := env(nexla.EnvAPIURL); u != "" {
		s.BaseURL = u
	}
	if s.BaseURL == "" {
		s.BaseURL = nexla.DefaultBaseURL
	}
	if s.BaseURL, err = nexla.NormalizeBaseURL(s.BaseURL); err != nil {
		return Config{}, err
	}
	if c.UIURL == "" {
		c.UIURL, c.UIURLGuessed = DefaultUIURL(s.BaseURL), true
	}
	if s.ServiceKey != "" && s.AccessToken != "" {
		return Config{}, fmt.Errorf("profile %q provides both a service key and an access token: keep only one", s.Profile)
	}
	if s.ServiceKey == "" && s.AccessToken == "" {
		return c, nexla.ErrNoCredentials
	}
	return c, nil
}

// resolveProfile applies profile name of f to c, checking the values only
// the selected profile uses (its accent, notifications and access role; the
// keys of every profile were checked when the file was read).
func resolveProfile(c *Config, f *file, name string, o Options, env func(string) string) error {
	var p profile
	ok := false
	if f != nil {
		p, ok = f.Profiles[name]
	}
	if !ok {
		if f == nil {
			return fmt.Errorf("unknown profile %q: no config file found (expected %s)", name, DefaultPath(o.Getenv))
		}
		known := make([]string, 0, len(f.Profiles))
		for k := range f.Profiles {
			known = append(known, k)
		}
		sort.Strings(known)
		return fmt.Errorf("unknown profile %q in %s (known: %s)", name, c.Path, strings.Join(known, ", "))
	}
	if p.LiteralServiceKey != "" || p.LiteralAccessToken != "" {
		return fmt.Errorf("profile %q in %s stores a secret in the file: use service_key_env/service_key_cmd or access_token_env/access_token_cmd instead", name, c.Path)
	}
	if err := p.check(c.Path, name); err != nil {
		return err
	}
	s := &c.Connection
	s.Profile = name
	s.BaseURL = p.URL
	s.ReadOnly = s.ReadOnly || p.ReadOnly
	c.AccessRole = strings.TrimSpace(p.AccessRole)
	c.Banner, c.Accent = p.Banner, p.Accent
	c.SLA = p.SLA
	c.UIURL = p.UIURL
	if p.Notifications != "" {
		c.Notifications = p.Notifications
	}
	run := o.RunCommand
	if run == nil {
		run = runSecretCommand
	}
	// Only look a credential up when the environment does not override it:
	// running `pass show` for nothing would prompt needlessly.
	if env(nexla.EnvServiceKey) != "" || env(nexla.EnvAccessToken) != "" {
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

// check validates the values of a selected profile, naming the line.
func (p profile) check(path, name string) error {
	at := func(field string, err error) error {
		return fmt.Errorf("config %s:%d: profiles.%s.%s: %v", path, p.lines[field], name, field, err)
	}
	if err := theme.CheckColour(p.Accent); err != nil {
		return at("accent", err)
	}
	if err := CheckNotifications(p.Notifications); err != nil {
		return at("notifications", err)
	}
	if err := CheckUIURL(p.UIURL); err != nil {
		return at("ui_url", err)
	}
	if r := strings.TrimSpace(p.AccessRole); r != "" && !nexla.ValidAccessRole(r) {
		return at("access_role", fmt.Errorf("%q: use one of %s", r, strings.Join(nexla.AccessRoles(), ", ")))
	}
	return nil
}

// ProfileNames lists the profiles of the config file (sorted), for shell
// completion; no secret command is run. A missing file has none.
func ProfileNames(path string, getenv func(string) string) ([]string, error) {
	f, _, err := readFile(path, getenv)
	if err != nil || f == nil {
		return nil, err
	}
	names := make([]string, 0, len(f.Profiles))
	for k := range f.Profiles {
		names = append(names, k)
	}
	sort.Strings(names)
	return names, nil
}
