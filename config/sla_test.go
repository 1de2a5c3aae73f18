package config

import (
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/runbook"
)

// A profile's sla: is read into Config.SLA: the profile's thresholds and
// its per-flow rules, in order.
func TestProfileSLAIsLoaded(t *testing.T) {
	cfg := writeConfig(t, `default_profile: prod
profiles:
  prod:
    service_key_env: K
    sla:
      max_age: 2h
      min_success_rate: 0.95
      max_run_duration: 30m
      flows:
        - match: "orders-*"
          max_age: 30m
        - match: "5001"
          min_success_rate: 1
`)
	c, err := Load(Options{Path: cfg, Getenv: envOf(map[string]string{"K": testKey})})
	if err != nil {
		t.Fatal(err)
	}
	want := runbook.SLAs{Default: runbook.SLA{MaxAge: 2 * time.Hour, MinSuccessRate: 0.95, MaxRunDuration: 30 * time.Minute},
		Flows: []runbook.SLARule{{Match: "orders-*", SLA: runbook.SLA{MaxAge: 30 * time.Minute}}, {Match: "5001", SLA: runbook.SLA{MinSuccessRate: 1}}}}
	if got := c.SLA; got.Default != want.Default || len(got.Flows) != 2 || got.Flows[0] != want.Flows[0] || got.Flows[1] != want.Flows[1] {
		t.Fatalf("SLA %+v, want %+v", got, want)
	}
	if s := c.SLA.For("orders-eu", 7); s.MaxAge != 30*time.Minute || s.MaxRunDuration != 30*time.Minute {
		t.Fatalf("the flow's rule over the profile's: %+v", s)
	}
}

// sla: keys are strict like every other key, and its values are checked
// with their line.
func TestSLAKeysAndValuesAreChecked(t *testing.T) {
	for body, want := range map[string]string{
		"profiles:\n  p:\n    sla:\n      max_ag: 2h\n":                                                `:4: unknown key "max_ag" in profiles.p.sla: did you mean "max_age"?`,
		"profiles:\n  p:\n    sla:\n      flows:\n        - matc: x\n":                                 `:5: unknown key "matc" in profiles.p.sla.flows[0]: did you mean "match"?`,
		"profiles:\n  p:\n    sla:\n      max_age: soon\n":                                             `:4: profiles.p.sla.max_age: "soon" is not a positive duration`,
		"profiles:\n  p:\n    sla:\n      min_success_rate: 95\n":                                      `:4: profiles.p.sla.min_success_rate: "95" is not a share between 0 and 1`,
		"profiles:\n  p:\n    sla:\n      flows:\n        - max_age: 1h\n":                             `:5: profiles.p.sla.flows[0] needs a match`,
		"profiles:\n  p:\n    sla:\n      flows:\n        - match: \"[x\"\n":                           `:5: profiles.p.sla.flows[0].match: "[x" is not a flow id or a name pattern`,
		"profiles:\n  p:\n    sla:\n      flows: {match: x}\n":                                         `:4: profiles.p.sla.flows must be a list of rules`,
		"profiles:\n  p:\n    sla: 2h\n":                                                               `:3: profiles.p.sla must be a mapping`,
		"profiles:\n  p:\n    sla:\n      max_run_duration: -5m\n":                                     `:4: profiles.p.sla.max_run_duration: "-5m" is not a positive duration`,
		"profiles:\n  p:\n    sla:\n      flows:\n        - match: x\n          min_success_rate: 0\n": `:6: profiles.p.sla.flows[0].min_success_rate: "0" is not a share`,
	} {
		cfg := writeConfig(t, body)
		_, err := Load(Options{Path: cfg, Getenv: envOf(map[string]string{"NEXLA_SERVICE_KEY": testKey})})
		if err == nil || !strings.Contains(err.Error(), cfg+want) {
			t.Errorf("%q: got %v, want %q", body, err, cfg+want)
		}
	}
}
