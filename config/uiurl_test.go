package config

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// ui_url and time_zone are read from the file and checked with their line;
// without a ui_url the link is guessed from the API URL, and says so.
func TestUIURLAndTimeZone(t *testing.T) {
	cfg := writeConfig(t, "time_zone: utc\ndefault_profile: prod\nprofiles:\n  prod:\n    url: https://eu.nexla.example/nexla-api\n"+
		"    service_key_env: K\n    ui_url: \"https://console.example/#/{kind}/{id}?flow={flow_id}\"\n  plain:\n    service_key_env: K\n")
	c, err := Load(Options{Path: cfg, Getenv: envOf(map[string]string{"K": testKey})})
	if err != nil {
		t.Fatal(err)
	}
	if !c.UTC || c.UIURL != "https://console.example/#/{kind}/{id}?flow={flow_id}" || c.UIURLGuessed {
		t.Fatalf("UTC %v, ui_url %q guessed %v", c.UTC, c.UIURL, c.UIURLGuessed)
	}
	if u, ok := ExpandUIURL(c.UIURL, nexla.DataSets, 100006, 800012); !ok || u != "https://console.example/#/data_sets/100006?flow=800012" {
		t.Fatalf("expanded %q %v", u, ok)
	}
	c, err = Load(Options{Path: cfg, Profile: "plain", Getenv: envOf(map[string]string{"K": testKey})})
	if err != nil {
		t.Fatal(err)
	}
	if c.UIURL != "https://dataops.nexla.io/#/flows/{flow_id}" || !c.UIURLGuessed {
		t.Fatalf("default guess %q %v", c.UIURL, c.UIURLGuessed)
	}
	for body, want := range map[string]string{
		"time_zone: mars\n": `:1: time_zone: "mars" is not local or utc`,
		"default_profile: p\nprofiles:\n  p:\n    service_key_env: K\n    ui_url: \"ftp://x/{id}\"\n":     `:5: profiles.p.ui_url: "ftp://x/{id}" is not an http(s) URL`,
		"default_profile: p\nprofiles:\n  p:\n    service_key_env: K\n    ui_url: \"https://x/{name}\"\n": `unknown placeholder near "{name}"`,
	} {
		_, err := Load(Options{Path: writeConfig(t, body), Getenv: envOf(map[string]string{"K": testKey})})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", body, err, want)
		}
	}
}
