package runbook

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nexla-tui/nexla-tui/nexla/safetext"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// clean is the one sanitizer, applied to every API string a step or finding quotes.
func clean(s string) string { return safetext.Clean(s) }

// stamp formats a time as the reports show it (UTC, minutes).
func stamp(t time.Time) string {
	if t.IsZero() {
		return "unknown time"
	}
	return t.UTC().Format("2006-01-02 15:04")
}

// ago says how long before now t was, coarsely.
func ago(now, t time.Time) string {
	if t.IsZero() {
		return "at an unknown time"
	}
	d := now.Sub(t)
	switch {
	case d < 0:
		return "just now"
	case d < time.Minute:
		return fmt.Sprintf("%d s ago", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 72*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	}
	return fmt.Sprintf("%d days ago", int(d.Hours()/24))
}

// Dur formats a run duration ("-" when unknown).
func Dur(d time.Duration) string {
	switch {
	case d <= 0:
		return "-"
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}

// Bytes formats a size.
func Bytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

func pct(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

func isIssue(sev string) bool {
	switch strings.ToUpper(sev) {
	case "ERROR", "WARNING", "WARN", "FATAL", "CRITICAL":
		return true
	}
	return false
}

func isError(sev string) bool {
	switch strings.ToUpper(sev) {
	case "ERROR", "FATAL", "CRITICAL":
		return true
	}
	return false
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// shorten cuts s to n runes with an ellipsis.
func shorten(s string, n int) string {
	// Walks at most n runes: a 10 MB value costs no more than a short one.
	count := 0
	for i := range s {
		if count == n-1 {
			// s has n runes exactly when the rune at i is its last one.
			if _, size := utf8.DecodeRuneInString(s[i:]); i+size == len(s) {
				return s
			}
			return s[:i] + "…"
		}
		count++
	}
	return s
}
