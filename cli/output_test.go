package cli

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/safetext"
)

// hostileName is what whoever names a resource can send: an OSC 52
// clipboard write, a screen clear, a C1 CSI and NEL, a right-to-left
// override, an isolate, a bidi mark and zero-width characters.
const hostileName = "evil\x1b]52;c;cm0gLXJmIC8=\x07-orders\x1b[2J\u009b31m\u0085\u202eexe.txt\u2066\u200f\u200b\u200d\u2060\ufeff-end"

// hostileEnv serves the incident org with its first source renamed to
// hostileName (over real HTTP, through simtest.Rewriting) and returns that
// source.
func hostileEnv(t *testing.T) nexla.Source {
	t.Helper()
	e := doctorEnv(t)
	srcs, err := e.Client.ListSources(context.Background(), nexla.ListOptions{})
	if err != nil || len(srcs) == 0 {
		t.Fatalf("sources: %v", err)
	}
	t.Setenv("NEXLA_API_URL", e.Rewriting(t, srcs[0].Name, hostileName))
	return srcs[0]
}

// rawControl finds a control, C1, bidi or zero-width character that a
// terminal would act on or hide.
func rawControl(out string) (rune, bool) {
	for _, r := range out {
		if (r < 0x20 && r != '\n') || r == 0x7f || safetext.Invisible(r) {
			return r, true
		}
	}
	return 0, false
}

// Table and Markdown output show the hostile name sanitized; JSON output
// keeps it whole, with the invisible characters as \u escapes. Before,
// `-o json` wrote the C1, bidi and zero-width characters raw.
func TestHeadlessOutputNeverPassesHostileCharacters(t *testing.T) {
	src := hostileEnv(t)
	id := strconv.FormatInt(src.ID, 10)
	for _, args := range [][]string{
		{"list", "sources"}, {"list", "sources", "-o", "json"},
		{"list", "flows"}, {"list", "flows", "-o", "json"},
		{"health"}, {"health", "-o", "json"},
		{"doctor", "source", id}, {"doctor", "source", id, "-o", "json"},
	} {
		code, out, errOut := runCLI(args...)
		if code == 2 {
			t.Fatalf("%v: exit 2: %s", args, errOut)
		}
		if !strings.Contains(out, "evil") {
			t.Fatalf("%v: the hostile name is not in the output, so this proves nothing:\n%s", args, out)
		}
		if r, bad := rawControl(out); bad {
			t.Errorf("%v: %U reached the output raw", args, r)
		}
		if args[len(args)-1] != "json" {
			if strings.Contains(out, "]52;") || strings.Contains(out, "[2J") {
				t.Errorf("%v: an escape sequence's body survived:\n%s", args, out)
			}
			continue
		}
		// list passes API data through; health and doctor report what the
		// runbook cleaned (there the characters are gone, not escaped).
		if args[0] == "list" && (!strings.Contains(out, `\u202e`) || !strings.Contains(out, `\u0085`) || !strings.Contains(out, `\u200b`)) {
			t.Errorf("%v: the invisible characters are not \\u-escaped", args)
		}
		var v any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("%v: not JSON: %v", args, err)
		}
	}
	// JSON keeps the data: the list's name decodes to the API's value.
	_, out, _ := runCLI("list", "sources", "-o", "json")
	var rows []listRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.ID == src.ID && r.Name != hostileName {
			t.Fatalf("-o json changed the name: %q", r.Name)
		}
	}
}
