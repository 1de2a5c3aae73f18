package config

import (
	"strings"
	"testing"
)

// A profile written `readonly: true` is refused, naming read_only, the file
// and the line: yaml used to ignore the unknown key and leave writes enabled.
func TestReadonlyTypoIsRefusedNamingReadOnly(t *testing.T) {
	cfg := writeConfig(t, "default_profile: prod\nprofiles:\n  prod:\n    url: https://prod.example.com\n    service_key_env: K\n    readonly: true\n")
	_, err := Load(Options{Path: cfg, Getenv: envOf(map[string]string{"K": testKey})})
	if err == nil {
		t.Fatal("a profile with readonly: true loaded (writes would be enabled)")
	}
	for _, want := range []string{cfg + ":6:", `unknown key "readonly" in profiles.prod`, `did you mean "read_only"?`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	// Refused whichever profile is selected: the file is wrong as a whole.
	if _, err := Load(Options{Path: cfg, Profile: "other", Getenv: envOf(nil)}); err == nil || !strings.Contains(err.Error(), "read_only") {
		t.Errorf("another profile: %v", err)
	}
}

// Every level is checked; a key near no known one lists them all.
func TestUnknownKeysAtEveryLevel(t *testing.T) {
	for body, want := range map[string]string{
		"notification: bell\n":                        `:1: unknown key "notification": did you mean "notifications"?`,
		"colours: {ok: \"2\"}\n":                      `:1: unknown key "colours" (known: default_profile, profiles, keys, theme, notifications, time_zone)`,
		"theme:\n  eror: \"1\"\n":                     `:2: unknown key "eror" in theme: did you mean "error"?`,
		"keys:\n  refersh: x\n":                       `:2: unknown key "refersh" in keys: did you mean "refresh"?`,
		"profiles:\n  p: {url: x, acess_role: all}\n": `:2: unknown key "acess_role" in profiles.p: did you mean "access_role"?`,
		"profiles:\n  p:\n    read_only: maybe\n":     `:3: profiles.p.read_only: cannot unmarshal !!str ` + "`maybe`" + ` into bool`,
		"notifications: always\n":                     `:1: notifications: "always" is not off, bell or auto`,
		"theme:\n  ok: crimson\n":                     `:2: theme.ok: colour "crimson" is not an ANSI index`,
		"keys:\n  refresh: {a: b}\n":                  `:2: keys.refresh must be a key or a list of keys`,
	} {
		cfg := writeConfig(t, body)
		_, err := Load(Options{Path: cfg, Getenv: envOf(map[string]string{"NEXLA_SERVICE_KEY": testKey})})
		if err == nil || !strings.Contains(err.Error(), cfg+want) {
			t.Errorf("%q: got %v, want %q", body, err, cfg+want)
		}
	}
}

// A key override that collides is refused by Load, so every command sees it.
func TestKeyConflictFailsLoad(t *testing.T) {
	cfg := writeConfig(t, "keys:\n  refresh: q\n")
	_, err := Load(Options{Path: cfg, Getenv: envOf(map[string]string{"NEXLA_SERVICE_KEY": testKey})})
	if err == nil || !strings.Contains(err.Error(), "config "+cfg+": keys: ") {
		t.Fatalf("got %v", err)
	}
}

// The selected profile's values are checked with their line; another
// profile's are not (it is not in use), but its keys are.
func TestSelectedProfileValuesNameTheirLine(t *testing.T) {
	cfg := writeConfig(t, "profiles:\n  a: {service_key_env: K, accent: crimson}\n  b:\n    service_key_env: K\n    access_role: viewer\n  c: {service_key_env: K}\n")
	env := envOf(map[string]string{"K": testKey})
	for profile, want := range map[string]string{
		"a": cfg + `:2: profiles.a.accent: colour "crimson"`,
		"b": cfg + `:5: profiles.b.access_role: "viewer": use one of owner, collaborator`,
	} {
		if _, err := Load(Options{Path: cfg, Profile: profile, Getenv: env}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", profile, err, want)
		}
	}
	if _, err := Load(Options{Path: cfg, Profile: "c", Getenv: env}); err != nil {
		t.Errorf("c: %v", err)
	}
}

func TestNearest(t *testing.T) {
	known := []string{"read_only", "url", "access_role", "notifications"}
	for word, want := range map[string]string{"readonly": "read_only", "ulr": "url", "read-only": "read_only",
		"banana": "", "x": "", "notifs": ""} {
		if got := nearest(word, known); got != want {
			t.Errorf("nearest(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestCheckNotifications(t *testing.T) {
	for _, bad := range []string{"on", "yes", "OSC9"} {
		if CheckNotifications(bad) == nil {
			t.Errorf("notifications %q accepted", bad)
		}
	}
	for _, ok := range []string{"", NotifyAuto, NotifyBell, NotifyOff} {
		if err := CheckNotifications(ok); err != nil {
			t.Errorf("notifications %q: %v", ok, err)
		}
	}
}
