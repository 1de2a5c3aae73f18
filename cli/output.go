package cli

import (
	"io"
	"strings"

	"github.com/nexla-tui/nexla-tui/nexla/safetext"
)

// Output hygiene for the headless commands. Their output goes to a terminal
// as often as to a pipe, and every string in it came from the API:
//   - a table cell passes through safetext.Clean (escape sequences and
//     controls dropped, cut at safetext.MaxField), never raw;
//   - JSON keeps the data whole but writes C1 controls, bidi overrides and
//     zero-width characters as \u escapes (safetext.WriteJSON): every
//     `-o json` command writes through writeJSON.

// writeJSON writes v as indented JSON with invisible characters escaped.
func writeJSON(w io.Writer, v any) error { return safetext.WriteJSON(w, v) }

// cell sanitizes an API string for a terminal table; tabs would break columns.
func cell(s string) string {
	s = strings.ReplaceAll(safetext.Clean(s), "\t", " ")
	if s == "" {
		return "-"
	}
	return s
}
