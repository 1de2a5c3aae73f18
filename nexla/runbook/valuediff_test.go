package runbook

import (
	"encoding/json"
	"strings"
	"testing"
)

func raw(s string) json.RawMessage { return json.RawMessage(s) }

// Each kind of value renders by what it holds, and no secret value is ever
// printed, at the top or nested in a config.
func TestFieldDiffByKind(t *testing.T) {
	cases := []struct {
		field, before, after string
		want                 []string
		never                []string
	}{
		{"data_credentials_id", `3005`, `3011`, []string{"data_credentials_id: credential 3005 → credential 3011"}, nil},
		{"credentials_enc", `"s3cr3t-old"`, `"s3cr3t-new"`, []string{"credentials_enc: changed (a secret: values not shown)"}, []string{"s3cr3t"}},
		{"sink_config", `{"host":"db.internal","password":"hunter2-old"}`, `{"host":"db2.internal","password":"hunter2-new"}`,
			[]string{`-   "host": "db.internal",`, `+   "host": "db2.internal",`}, []string{"hunter2"}},
		{"output_schema", `{"properties":{"a":{"type":"integer"},"b":{"type":"string"}}}`, `{"properties":{"a":{"type":"string"},"c":{"type":"number","format":"decimal"}}}`,
			[]string{"~ a: integer → string", "- b (string) removed", "+ c (number/decimal) added"}, nil},
		{"poll_schedule", `"0 * * * *"`, `"*/15 * * * *"`, []string{"poll_schedule: 0 * * * * → */15 * * * *"}, nil},
		{"status", `null`, `"ACTIVE"`, []string{"status: (none) → ACTIVE"}, nil},
	}
	for _, c := range cases {
		got := strings.Join(FieldDiff(c.field, raw(c.before), raw(c.after)), "\n")
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: lacks %q:\n%s", c.field, w, got)
			}
		}
		for _, n := range c.never {
			if strings.Contains(got, n) {
				t.Errorf("%s: shows %q:\n%s", c.field, n, got)
			}
		}
	}
}

// An escape sequence in a changed value is dropped before it can reach a
// terminal.
func TestFieldDiffIsSanitized(t *testing.T) {
	got := strings.Join(FieldDiff("description", raw(`"a\u001b]52;c;AAAA\u0007"`), raw(`"b"`)), "\n")
	if strings.ContainsAny(got, "\x1b\x07") {
		t.Fatalf("escape kept: %q", got)
	}
}
