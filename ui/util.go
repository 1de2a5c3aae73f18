package ui

import (
	"strconv"

	"github.com/nexla-tui/nexla-tui/ui/components"
)

func itoa(n int) string { return strconv.Itoa(n) }

// wrapText wraps plain text at word boundaries to w cells.
func wrapText(s string, w int) string {
	if w <= 0 {
		return s
	}
	return components.WrapText(s, w)
}
