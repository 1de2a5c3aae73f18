package components

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Searching a word of any column finds the line: "ERROR" the severity
// column (no line's text says it), "sink" the resource, "10004" its id and
// the time as shown.
func TestSearchMatchesEveryColumn(t *testing.T) {
	v := NewLogView()
	v.SetLocation(time.UTC)
	v.SetSize(120, 10)
	at := time.Date(2026, 11, 22, 3, 1, 2, 0, time.UTC).UnixMilli()
	v.Queue([]nexla.LogEntry{
		{Timestamp: at, Severity: "ERROR", ResourceType: "SOURCE", ResourceID: 10004, Log: "could not read the bucket"},
		{Timestamp: at + 60_000, Severity: "INFO", ResourceType: "SINK", ResourceID: 500004, Log: "wrote 12 records"},
	})
	v.Flush()
	for q, want := range map[string]int{"ERROR": 1, "error": 1, "sink": 1, "10004": 1, "500004": 1, "03:01:02": 1, "03:0": 2, "bucket": 1, "nothing": 0} {
		v.SetQuery(q)
		if v.Matched() != want {
			t.Errorf("search %q matched %d lines, want %d", q, v.Matched(), want)
		}
	}
}

// At 80 columns a long line is shown whole, on several rows, without
// pressing anything: wrap is on by default.
func TestWrapIsOnByDefault(t *testing.T) {
	v := NewLogView()
	v.SetSize(80, 10)
	long := "transform failed: " + strings.Repeat("field amount is not decimal(required) ", 4) + "END"
	v.Queue([]nexla.LogEntry{{Severity: "ERROR", ResourceType: "DATASET", Log: long}})
	v.Flush()
	if !v.Wrapped() {
		t.Fatal("wrap must be on by default")
	}
	out := v.View()
	if !strings.Contains(strings.ReplaceAll(out, "\n", ""), "END") {
		t.Fatalf("the end of the line is cut at 80 columns:\n%s", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Fatalf("row wider than 80: %q", l)
		}
	}
	v.ToggleWrap()
	if strings.Contains(v.View(), "END") {
		t.Fatal("with wrap off the line is cut")
	}
}

// Times are shown in the zone set, and the zone is named with its offset.
func TestTimesShowTheirZone(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	at := time.Date(2026, 11, 22, 3, 1, 2, 0, time.UTC)
	v := NewLogView()
	v.SetLocation(cet)
	v.SetSize(100, 4)
	v.Queue([]nexla.LogEntry{{Timestamp: at.UnixMilli(), Severity: "INFO", ResourceType: "SOURCE", Log: "started"}})
	v.Flush()
	if got := v.View(); !strings.Contains(got, "11-22 04:01:02") {
		t.Fatalf("time not shown in CET:\n%s", got)
	}
	if got := v.Status(); !strings.Contains(got, "times CET (UTC+01:00)") {
		t.Fatalf("status does not name the zone: %q", got)
	}
	if got, _ := v.Selected(); !strings.HasPrefix(got, "2026-11-22 04:01:02 CET INFO SOURCE") {
		t.Fatalf("copied line: %q", got)
	}
	v.SetLocation(time.UTC)
	if got := v.Status(); !strings.Contains(got, "times UTC") {
		t.Fatalf("status in UTC: %q", got)
	}
}

// The cursor stays in view while it moves down through wrapped lines.
func TestCursorStaysInViewThroughWrappedLines(t *testing.T) {
	v := NewLogView()
	v.SetSize(40, 4)
	v.timestamps = false
	for i := 0; i < 10; i++ {
		v.Queue([]nexla.LogEntry{{Severity: "INFO", Log: strings.Repeat("x", 50) + " n" + string(rune('0'+i))}})
	}
	v.Flush()
	v.SetFocused(true)
	v.Scroll(5)
	if sel, _ := v.Selected(); !strings.HasSuffix(sel, "n5") {
		t.Fatalf("selected %q", sel)
	}
	if !strings.Contains(v.View(), "n5") {
		t.Fatalf("cursor line not in view:\n%s", v.View())
	}
}

// A wrapped line's message continues under its own column (a hanging
// indent past the time, severity and resource), so each entry starts with
// its time at the left edge; too narrow for that, rows use the whole width.
func TestWrappedLinesHangUnderTheMessage(t *testing.T) {
	at := time.Date(2026, 11, 22, 3, 1, 2, 0, time.UTC).UnixMilli()
	long := "Authentication failed reading https://api.hubapi.example/crm/v3/objects/contacts: 403 Access denied: OAuth token expired"
	for _, c := range []struct {
		w      int
		indent bool
	}{{80, true}, {54, false}} {
		v := NewLogView()
		v.SetLocation(time.UTC)
		v.SetSize(c.w, 10)
		v.Queue([]nexla.LogEntry{{Timestamp: at, Severity: "ERROR", ResourceType: "SOURCE", ResourceID: 10004, Log: long},
			{Timestamp: at + 1000, Severity: "INFO", ResourceType: "SOURCE", ResourceID: 10004, Log: "next"}})
		v.Flush()
		rows := strings.Split(ansi.Strip(v.View()), "\n")
		indent := ansi.StringWidth(v.prefix(v.at(v.visible[0])))
		if len(rows) < 3 || !strings.HasPrefix(rows[0], "11-22 03:01:02 ERROR") {
			t.Fatalf("%d columns: rows %q", c.w, rows)
		}
		hangs := strings.HasPrefix(rows[1], strings.Repeat(" ", indent)) && rows[1][indent] != ' '
		if hangs != c.indent {
			t.Errorf("%d columns: continuation %q, hanging indent %v, want %v", c.w, rows[1], hangs, c.indent)
		}
		for _, r := range rows {
			if ansi.StringWidth(r) > c.w {
				t.Errorf("%d columns: row %q is wider", c.w, r)
			}
		}
		if last := rows[len(rows)-1]; !strings.Contains(last, "next") && !strings.HasSuffix(strings.TrimSpace(strings.Join(rows, " ")), "next") {
			t.Errorf("%d columns: the second line is missing: %q", c.w, rows)
		}
	}
}
