package logs

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// window is the span of time the screen reads: the last Since (a preset or
// typed), or From on (a typed time), or a whole run (Screen.run).
type window struct {
	since time.Duration
	from  time.Time
}

// presets are the windows W cycles through.
var presets = []time.Duration{time.Hour, 24 * time.Hour, 7 * 24 * time.Hour}

func (w window) start(now time.Time) time.Time {
	if !w.from.IsZero() {
		return w.from
	}
	return now.Add(-w.since)
}

// describe is the window for the header: "last 1h", "since 11-22 03:00 CET".
func (w window) describe(loc *time.Location) string {
	if !w.from.IsZero() {
		return "since " + w.from.In(loc).Format("2006-01-02 15:04 MST")
	}
	return "last " + shortDuration(w.since)
}

// next is the preset after w (a custom window goes back to the first).
func (w window) next() window {
	for i, p := range presets {
		if w.from.IsZero() && w.since == p {
			return window{since: presets[(i+1)%len(presets)]}
		}
	}
	return window{since: presets[0]}
}

func shortDuration(d time.Duration) string {
	switch {
	case d%(7*24*time.Hour) == 0:
		return strconv.Itoa(int(d/(7*24*time.Hour))) + "w"
	case d%(24*time.Hour) == 0:
		return strconv.Itoa(int(d/(24*time.Hour))) + "d"
	case d%time.Hour == 0:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	}
	return d.String()
}

// maxWindow bounds a typed window: the log endpoints keep about a month.
const maxWindow = 31 * 24 * time.Hour

// parseWindow reads what the user typed for F: a span back from now ("90m",
// "6h", "3d", "2w") or a start time in loc ("2026-11-22 03:00", "03:00"
// today). now is the server's clock.
func parseWindow(s string, now time.Time, loc *time.Location) (window, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return window{}, fmt.Errorf("type a span like 6h or 3d, or a start like 2026-11-22 03:00")
	}
	if d, err := parseSpan(s); err == nil {
		if d <= 0 || d > maxWindow {
			return window{}, fmt.Errorf("%q: the span must be between 1m and 31d", s)
		}
		return window{since: d}, nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return checkFrom(s, t, now)
		}
	}
	if t, err := time.ParseInLocation("15:04", s, loc); err == nil {
		n := now.In(loc)
		from := time.Date(n.Year(), n.Month(), n.Day(), t.Hour(), t.Minute(), 0, 0, loc)
		if from.After(now) {
			from = from.AddDate(0, 0, -1) // 23:00 typed at 01:00 is last night
		}
		return checkFrom(s, from, now)
	}
	return window{}, fmt.Errorf("%q is neither a span (6h, 3d) nor a time (2026-11-22 03:00, 03:00)", s)
}

func checkFrom(typed string, from, now time.Time) (window, error) {
	if from.After(now) {
		return window{}, fmt.Errorf("%q is in the future by the server's clock", typed)
	}
	if now.Sub(from) > maxWindow {
		return window{}, fmt.Errorf("%q is more than 31 days ago", typed)
	}
	return window{from: from}, nil
}

// parseSpan is time.ParseDuration with days (d) and weeks (w) as well.
func parseSpan(s string) (time.Duration, error) {
	unit := map[byte]time.Duration{'d': 24 * time.Hour, 'w': 7 * 24 * time.Hour}
	if u, ok := unit[s[len(s)-1]]; ok {
		n, err := strconv.Atoi(s[:len(s)-1])
		if err != nil {
			return 0, err
		}
		return time.Duration(n) * u, nil
	}
	return time.ParseDuration(s)
}
