package config

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/nexla-tui/nexla-tui/keymap"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/nexla/safefile"
	"github.com/nexla-tui/nexla-tui/theme"
)

// file is the config file's schema. The yaml tags are the only list of the
// keys a file may hold: the strict check reads them (knownKeys).
type file struct {
	DefaultProfile string              `yaml:"default_profile"`
	Profiles       map[string]profile  `yaml:"profiles"`
	Keys           map[string][]string `yaml:"keys"` // a key or a list of keys (decodeKeys)
	Theme          map[string]string   `yaml:"theme"`
	Notifications  string              `yaml:"notifications"`
	// TimeZone is how the TUI shows times: local (the default, the zone
	// named) or utc.
	TimeZone string `yaml:"time_zone"`
}

// profile is one entry of `profiles:`. Secrets are never stored in the file
// itself: they come from an environment variable or a command.
type profile struct {
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
	// SLA is the profile's thresholds (sla.go); decoded strictly by hand.
	SLA runbook.SLAs `yaml:"sla"`
	// UIURL is the web console link template (CheckUIURL).
	UIURL string `yaml:"ui_url"`
	// Literal secrets are known keys, refused with a clear message when the
	// profile is selected (resolveProfile).
	LiteralServiceKey  string `yaml:"service_key"`
	LiteralAccessToken string `yaml:"access_token"`

	lines map[string]int // key -> line, for messages about a value
}

// readFile reads and validates the config file: explicit (--config), else the
// default path. A missing default file is no file (env vars suffice); a
// missing explicit one is an error.
func readFile(explicit string, getenv func(string) string) (*file, string, error) {
	path := explicit
	if path == "" {
		path = DefaultPath(getenv)
	}
	if path == "" {
		return nil, "", nil
	}
	data, untrusted, err := safefile.ReadTrusted(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && explicit == "" {
			return nil, "", nil
		}
		return nil, "", fmt.Errorf("config file %s: %w", path, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, "", fmt.Errorf("config file %s is not valid YAML: %v", path, err)
	}
	// Trust first: a file someone else could edit is refused for what it
	// would make us do, whatever else is wrong with it.
	if err := refuseUntrustedConfig(&root, path, untrusted); err != nil {
		return nil, "", err
	}
	f, err := decode(&root)
	if err != nil {
		return nil, "", fmt.Errorf("config %s:%v", path, err)
	}
	return f, path, nil
}

// lineError is a problem at a line of the file; readFile prefixes the path.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return fmt.Sprintf("%d: %s", e.line, e.msg) }

func errAt(n *yaml.Node, format string, a ...any) error {
	return &lineError{line: n.Line, msg: fmt.Sprintf(format, a...)}
}

// decode checks every key of the document against the schema, then decodes
// it. Unknown keys are errors naming the nearest known key: yaml's default
// of ignoring them let `readonly: true` leave writes enabled without a word.
func decode(root *yaml.Node) (*file, error) {
	f := &file{}
	if root.Kind == 0 || len(root.Content) == 0 {
		return f, nil // an empty file
	}
	doc := root.Content[0]
	if doc.Kind == yaml.ScalarNode && doc.Tag == "!!null" {
		return f, nil
	}
	if doc.Kind != yaml.MappingNode {
		return nil, errAt(doc, "the file must be a mapping of settings (default_profile, profiles, keys, theme, notifications, time_zone)")
	}
	top := knownKeys(reflect.TypeOf(file{}))
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		var err error
		switch k.Value {
		case "default_profile":
			err = decodeValue(v, k.Value, &f.DefaultProfile)
		case "notifications":
			err = decodeValue(v, k.Value, &f.Notifications)
			if cerr := CheckNotifications(f.Notifications); err == nil && cerr != nil {
				err = errAt(v, "notifications: %v", cerr)
			}
		case "time_zone":
			err = decodeValue(v, k.Value, &f.TimeZone)
			if cerr := CheckTimeZone(f.TimeZone); err == nil && cerr != nil {
				err = errAt(v, "time_zone: %v", cerr)
			}
		case "profiles":
			f.Profiles, err = decodeProfiles(v)
		case "keys":
			f.Keys, err = decodeKeys(v)
		case "theme":
			f.Theme, err = decodeTheme(v)
		default:
			err = unknownKey(k, "", top)
		}
		if err != nil {
			return nil, err
		}
	}
	return f, nil
}

// decodeValue decodes one scalar value, naming its line on a type error.
func decodeValue(v *yaml.Node, name string, out any) error {
	if v.Kind != yaml.ScalarNode {
		return errAt(v, "%s must be a single value", name)
	}
	if err := v.Decode(out); err != nil {
		return errAt(v, "%s: %s", name, typeError(err))
	}
	return nil
}

// typeError is yaml's message without its own "line N:" prefix: ours has one.
func typeError(err error) string {
	msg := strings.TrimSpace(strings.TrimPrefix(err.Error(), "yaml: unmarshal errors:\n"))
	if strings.HasPrefix(msg, "line ") {
		if _, rest, ok := strings.Cut(msg, ": "); ok {
			return rest
		}
	}
	return msg
}

func mapping(n *yaml.Node, what string) error {
	if n.Kind != yaml.MappingNode {
		return errAt(n, "%s must be a mapping (name: value)", what)
	}
	return nil
}

func decodeProfiles(n *yaml.Node) (map[string]profile, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if err := mapping(n, "profiles"); err != nil {
		return nil, err
	}
	known := knownKeys(reflect.TypeOf(profile{}))
	out := make(map[string]profile, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		name, body := n.Content[i].Value, n.Content[i+1]
		where := "profiles." + name
		if err := mapping(body, where); err != nil {
			return nil, err
		}
		p := profile{lines: map[string]int{}}
		fields := reflect.ValueOf(&p).Elem()
		for j := 0; j+1 < len(body.Content); j += 2 {
			k, v := body.Content[j], body.Content[j+1]
			if k.Value == "sla" {
				var err error
				if p.SLA, err = decodeSLA(v, where+".sla"); err != nil {
					return nil, err
				}
				p.lines[k.Value] = v.Line
				continue
			}
			f, ok := fieldByKey(fields, k.Value)
			if !ok {
				return nil, unknownKey(k, where, known)
			}
			if err := decodeValue(v, where+"."+k.Value, f.Addr().Interface()); err != nil {
				return nil, err
			}
			p.lines[k.Value] = v.Line
		}
		out[name] = p
	}
	return out, nil
}

// decodeKeys accepts `binding: "k"` and `binding: ["k", "ctrl+k"]`; the
// binding names are keymap's. Conflicts are keymap's to find (Load).
func decodeKeys(n *yaml.Node) (map[string][]string, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if err := mapping(n, "keys"); err != nil {
		return nil, err
	}
	known := keymap.Names()
	out := make(map[string][]string, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(known, k.Value) {
			return nil, unknownKey(k, "keys", known)
		}
		var one string
		if v.Kind == yaml.ScalarNode && v.Decode(&one) == nil {
			out[k.Value] = []string{one}
			continue
		}
		var many []string
		if v.Kind != yaml.SequenceNode || v.Decode(&many) != nil {
			return nil, errAt(v, "keys.%s must be a key or a list of keys", k.Value)
		}
		out[k.Value] = many
	}
	return out, nil
}

// decodeTheme accepts `role: colour` for theme's roles, each colour checked.
func decodeTheme(n *yaml.Node) (map[string]string, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if err := mapping(n, "theme"); err != nil {
		return nil, err
	}
	known := theme.Roles()
	out := make(map[string]string, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(known, k.Value) {
			return nil, unknownKey(k, "theme", known)
		}
		if v.Kind != yaml.ScalarNode {
			return nil, errAt(v, "theme.%s must be a colour", k.Value)
		}
		if err := theme.CheckColour(v.Value); err != nil {
			return nil, errAt(v, "theme.%s: %v", k.Value, err)
		}
		out[k.Value] = v.Value
	}
	return out, nil
}

// unknownKey names the key, where it is, and the nearest known key (or all
// of them when none is near).
func unknownKey(k *yaml.Node, where string, known []string) error {
	in := ""
	if where != "" {
		in = " in " + where
	}
	if near := nearest(k.Value, known); near != "" {
		return errAt(k, "unknown key %q%s: did you mean %q?", k.Value, in, near)
	}
	return errAt(k, "unknown key %q%s (known: %s)", k.Value, in, strings.Join(known, ", "))
}

// knownKeys lists the yaml keys of a struct type, in field order.
func knownKeys(t reflect.Type) []string {
	keys := make([]string, 0, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

// fieldByKey is the field of struct value v whose yaml tag is key.
func fieldByKey(v reflect.Value, key string) (reflect.Value, bool) {
	for i := 0; i < v.NumField(); i++ {
		if tag, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ","); tag == key {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}
