package config

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// refuseUntrustedConfig refuses a config file someone else could have
// changed (untrusted, from safefile.ReadTrusted) when it holds anything that
// runs a command (a `*_cmd`) or decides where a credential is sent (a `url`):
// whoever can edit it could run code as us or collect our key. A file with
// neither (keys, theme, `*_env` names) is read as it is: nothing in it can
// do harm, so it is not worth stopping an on-call engineer for.
func refuseUntrustedConfig(root *yaml.Node, path string, untrusted error) error {
	if untrusted == nil {
		return nil
	}
	var found sensitiveFields
	found.walk(root, "")
	field := found.command
	if field == "" {
		field = found.url
	}
	if field == "" {
		return nil
	}
	what := "a command nexla-tui would run"
	if !strings.HasSuffix(field, "_cmd") {
		what = "where nexla-tui sends your credential"
	}
	return fmt.Errorf("refusing config file %s: it sets %s (%s), but %v", path, field, what, untrusted)
}

// sensitiveFields holds the dotted path of the first non-empty `*_cmd` and
// of the first non-empty `url` in a document.
type sensitiveFields struct{ command, url string }

// walk visits each node once; the refusal names a command when there is one.
func (f *sensitiveFields) walk(n *yaml.Node, prefix string) {
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			f.walk(c, prefix)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i].Value, n.Content[i+1]
			name := key
			if prefix != "" {
				name = prefix + "." + key
			}
			set := val.Kind != yaml.ScalarNode || strings.TrimSpace(val.Value) != ""
			switch {
			case set && strings.HasSuffix(key, "_cmd") && f.command == "":
				f.command = name
			case set && key == "url" && f.url == "":
				f.url = name
			}
			f.walk(val, name)
		}
	}
	// An alias is not followed: its anchor was visited where it was defined,
	// and following aliases would make a nested-alias document exponential.
}
