package config

import (
	"fmt"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/nexla-tui/nexla-tui/nexla/runbook"
)

// A profile's `sla:` thresholds, for health, doctor and the runbook:
//
//	sla:
//	  max_age: 2h              # the last run must be younger
//	  min_success_rate: 0.95   # of the window's runs (0 < rate <= 1)
//	  max_run_duration: 30m    # a longer run is a finding
//	  flows:                   # first match wins, field by field over the above
//	    - match: "orders-*"    # a glob over the flow's name, or its id
//	      max_age: 30m
//
// slaFields' yaml tags are the thresholds' keys (the strict check and the
// nearest-key suggestion read them); the values are decoded and checked by
// hand so every error names its line.
type slaFields struct {
	MaxAge         string `yaml:"max_age"`
	MinSuccessRate string `yaml:"min_success_rate"`
	MaxRunDuration string `yaml:"max_run_duration"`
}

// slaKeys are the known keys of `sla:` and of one of its `flows:` entries.
func slaKeys(rule bool) []string {
	fields := knownKeys(reflect.TypeOf(slaFields{}))
	if rule {
		return append([]string{"match"}, fields...)
	}
	return append(fields, "flows")
}

// decodeSLA reads a profile's `sla:` mapping strictly.
func decodeSLA(n *yaml.Node, where string) (runbook.SLAs, error) {
	var out runbook.SLAs
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return out, nil
	}
	if err := mapping(n, where); err != nil {
		return out, err
	}
	known := slaKeys(false)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value == "flows" {
			rules, err := decodeSLARules(v, where+".flows")
			if err != nil {
				return out, err
			}
			out.Flows = rules
			continue
		}
		if !slices.Contains(known, k.Value) {
			return out, unknownKey(k, where, known)
		}
		if err := slaField(&out.Default, k, v, where); err != nil {
			return out, err
		}
	}
	return out, nil
}

func decodeSLARules(n *yaml.Node, where string) ([]runbook.SLARule, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, errAt(n, "%s must be a list of rules (- match: \"orders-*\" ...)", where)
	}
	known := slaKeys(true)
	out := make([]runbook.SLARule, 0, len(n.Content))
	for i, item := range n.Content {
		at := fmt.Sprintf("%s[%d]", where, i)
		if err := mapping(item, at); err != nil {
			return nil, err
		}
		var r runbook.SLARule
		for j := 0; j+1 < len(item.Content); j += 2 {
			k, v := item.Content[j], item.Content[j+1]
			switch {
			case k.Value == "match":
				if err := decodeValue(v, at+".match", &r.Match); err != nil {
					return nil, err
				}
				r.Match = strings.TrimSpace(r.Match)
				if _, err := path.Match(r.Match, ""); err != nil || r.Match == "" {
					return nil, errAt(v, "%s.match: %q is not a flow id or a name pattern (* ? [a-z])", at, r.Match)
				}
			case slices.Contains(known, k.Value):
				if err := slaField(&r.SLA, k, v, at); err != nil {
					return nil, err
				}
			default:
				return nil, unknownKey(k, at, known)
			}
		}
		if r.Match == "" {
			return nil, errAt(item, "%s needs a match: a flow id or a name pattern", at)
		}
		out = append(out, r)
	}
	return out, nil
}

// slaField decodes one threshold and checks its range.
func slaField(s *runbook.SLA, k, v *yaml.Node, where string) error {
	name := where + "." + k.Value
	switch k.Value {
	case "max_age", "max_run_duration":
		var raw string
		if err := decodeValue(v, name, &raw); err != nil {
			return err
		}
		d, err := time.ParseDuration(strings.TrimSpace(raw))
		if err != nil || d <= 0 {
			return errAt(v, "%s: %q is not a positive duration (e.g. 30m, 2h, 1h30m)", name, raw)
		}
		if k.Value == "max_age" {
			s.MaxAge = d
		} else {
			s.MaxRunDuration = d
		}
	case "min_success_rate":
		var raw string
		if err := decodeValue(v, name, &raw); err != nil {
			return err
		}
		rate, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
		if err != nil || rate <= 0 || rate > 1 {
			return errAt(v, "%s: %q is not a share between 0 and 1 (0.95 = 95%% of runs succeed)", name, raw)
		}
		s.MinSuccessRate = rate
	}
	return nil
}
