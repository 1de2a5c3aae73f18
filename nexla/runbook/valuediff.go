package runbook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/aymanbagabas/go-udiff"
)

// What an audit entry changed, with its values. The audit log records each
// changed field as [before, after] (contract §5.13); "update (transform)"
// says that something changed, the values say what. Each field is rendered
// by what it holds: a schema as fields added, removed and retyped; a
// credential reference as ids; a secret as the fact that it changed, never a
// value; a scalar as before → after; anything else (transform code, sink and
// source config, schedules) as a unified line diff of its indented JSON.

// diffContext is the unchanged lines kept around each changed line.
const diffContext = 2

// FieldDiff renders one changed field as lines (sanitized, without a
// trailing newline), the first naming the field.
func FieldDiff(field string, before, after json.RawMessage) []string {
	field = clean(field)
	switch {
	case len(before) > maxDiffValue || len(after) > maxDiffValue:
		// Analyze runs on the screen's update loop after every answer: a
		// value of megabytes is named, never decoded and diffed there.
		return []string{fmt.Sprintf("%s: changed (%d bytes before, %d after: too long to compare here; see the audit log)", field, len(before), len(after))}
	case isSecretField(field):
		return []string{field + ": changed (a secret: values not shown)"}
	case isCredentialRef(field):
		return []string{field + ": " + credRef(before) + " → " + credRef(after)}
	case strings.Contains(field, "schema"):
		if lines, ok := schemaDiff(before, after); ok {
			return append([]string{field + ":"}, lines...)
		}
	}
	b, a := decodeValue(before), decodeValue(after)
	if isScalar(b) && isScalar(a) {
		return []string{field + ": " + scalarText(b) + " → " + scalarText(a)}
	}
	return append([]string{field + ":"}, lineDiff(redactValue(b), redactValue(a))...)
}

// maxDiffValue is the largest before or after value (raw JSON bytes) that
// is decoded and diffed: far above any transform, schema or config.
const maxDiffValue = 256 << 10

// secretWords mark a field (or a nested key) whose value must never be shown.
var secretWords = []string{"password", "passwd", "secret", "token", "api_key", "apikey", "private_key", "credentials_enc", "access_key", "client_secret"}

func isSecretField(name string) bool {
	n := strings.ToLower(name)
	if n == "credentials" || strings.HasSuffix(n, "_enc") || strings.HasSuffix(n, "_iv") {
		return true
	}
	for _, w := range secretWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// isCredentialRef: the field points at a credential (or group) by id: a swap
// of credentials shows which ids, which is all it should show.
func isCredentialRef(name string) bool {
	switch strings.ToLower(name) {
	case "data_credentials_id", "credentials_id", "data_credentials_group_id", "credential_id":
		return true
	}
	return false
}

func credRef(raw json.RawMessage) string {
	switch v := decodeValue(raw).(type) {
	case nil:
		return "(none)"
	case json.Number:
		return "credential " + v.String()
	case map[string]any:
		if id, ok := v["id"].(json.Number); ok {
			return "credential " + id.String()
		}
	}
	return "(not an id: not shown)"
}

func decodeValue(raw json.RawMessage) any {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return string(raw) // not JSON: shown as text
	}
	return v
}

func isScalar(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return false
	}
	return true
}

func scalarText(v any) string {
	switch x := v.(type) {
	case nil:
		return "(none)"
	case string:
		return clean(shorten(x, 120))
	case json.Number:
		return x.String()
	case bool:
		return fmt.Sprint(x)
	}
	return clean(fmt.Sprint(v))
}

// redactValue replaces the value of every secret-looking key, at any depth,
// so a sink or source config diff never prints a password.
func redactValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			if isSecretField(k) && val != nil {
				out[k] = "[not shown]"
				continue
			}
			out[k] = redactValue(val)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, val := range x {
			out[i] = redactValue(val)
		}
		return out
	}
	return v
}

// indented is v as indented JSON with sorted keys, ending in a newline; a
// missing value is no lines at all, so a creation diffs as all added.
func indented(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Sprint(v) + "\n"
	}
	return string(b) + "\n"
}

// lineDiff is the unified diff of two values' indented JSON: "+ " added,
// "- " removed, "  " context, "  …" between hunks.
func lineDiff(before, after any) []string {
	old, cur := indented(before), indented(after)
	if old == cur {
		return []string{"  (no change in value)"}
	}
	u, err := udiff.ToUnifiedDiff("before", "after", old, udiff.Lines(old, cur), diffContext)
	if err != nil {
		return []string{"  (the values could not be compared)"}
	}
	var out []string
	for i, h := range u.Hunks {
		if i > 0 {
			out = append(out, "  …")
		}
		for _, l := range h.Lines {
			text := clean(strings.TrimRight(l.Content, "\n"))
			switch l.Kind {
			case udiff.Insert:
				out = append(out, "+ "+text)
			case udiff.Delete:
				out = append(out, "- "+text)
			default:
				out = append(out, "  "+text)
			}
		}
	}
	return out
}

// schemaDiff compares two JSON schemas by their properties: added, removed
// and retyped fields ("customer_id: integer → string"). ok is false when the
// values are not schemas with properties.
func schemaDiff(before, after json.RawMessage) ([]string, bool) {
	b, okB := schemaFields(before)
	a, okA := schemaFields(after)
	if !okB && !okA {
		return nil, false
	}
	names := make([]string, 0, len(a)+len(b))
	for n := range b {
		names = append(names, n)
	}
	for n := range a {
		if _, dup := b[n]; !dup {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var out []string
	for _, n := range names {
		was, inB := b[n]
		now, inA := a[n]
		switch {
		case !inB:
			out = append(out, fmt.Sprintf("+ %s (%s) added", clean(n), clean(now)))
		case !inA:
			out = append(out, fmt.Sprintf("- %s (%s) removed", clean(n), clean(was)))
		case was != now:
			out = append(out, fmt.Sprintf("~ %s: %s → %s", clean(n), clean(was), clean(now)))
		}
	}
	if len(out) == 0 {
		out = append(out, "  (same fields and types)")
	}
	return out, true
}

// schemaFields maps each property of a JSON schema to its type (with its
// format, "number/decimal"). A null value is an empty schema.
func schemaFields(raw json.RawMessage) (map[string]string, bool) {
	v := decodeValue(raw)
	if v == nil {
		return map[string]string{}, true
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	props, ok := m["properties"].(map[string]any)
	if !ok {
		return nil, false
	}
	out := make(map[string]string, len(props))
	for name, p := range props {
		out[name] = propType(p)
	}
	return out, true
}

func propType(p any) string {
	m, ok := p.(map[string]any)
	if !ok {
		return "unknown"
	}
	t := fmt.Sprint(m["type"])
	if tl, ok := m["type"].([]any); ok {
		parts := make([]string, len(tl))
		for i, x := range tl {
			parts[i] = fmt.Sprint(x)
		}
		t = strings.Join(parts, "|")
	}
	if m["type"] == nil {
		t = "unknown"
	}
	if f, ok := m["format"].(string); ok && f != "" {
		t += "/" + f
	}
	return t
}

// diffGist is a change's diff in one line, for a finding's evidence: per
// field, its one-line form, or the lines it added and removed (bare
// brackets dropped), squeezed and cut to n runes.
func diffGist(c ConfigChange, n int) string {
	var parts []string
	for _, field := range c.Fields {
		v := c.Values[field]
		lines := FieldDiff(field, v[0], v[1])
		if len(lines) == 1 {
			parts = append(parts, lines[0])
			continue
		}
		var added, removed, other []string
		for _, l := range lines[1:] {
			body := strings.TrimSpace(l[min(2, len(l)):])
			if strings.Trim(body, "{}[], ") == "" {
				continue
			}
			switch {
			case strings.HasPrefix(l, "+ "):
				added = append(added, body)
			case strings.HasPrefix(l, "- "):
				removed = append(removed, body)
			case strings.HasPrefix(l, "~ "):
				other = append(other, body)
			}
		}
		gist := lines[0]
		if len(other) > 0 {
			gist += " " + strings.Join(other, "; ")
		}
		if len(added) > 0 {
			gist += " added " + strings.Join(added, " ")
		}
		if len(removed) > 0 {
			gist += " removed " + strings.Join(removed, " ")
		}
		parts = append(parts, gist)
	}
	return shorten(strings.Join(parts, "; "), n)
}
