package components

import (
	"strconv"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
)

func entries(from, n int) []nexla.LogEntry {
	out := make([]nexla.LogEntry, n)
	for i := range out {
		sev := "INFO"
		if (from+i)%10 == 0 {
			sev = "ERROR"
		}
		out[i] = nexla.LogEntry{Timestamp: 1795334516553 + int64(from+i), Severity: sev, ResourceType: "SOURCE", Log: "line " + strconv.Itoa(from+i)}
	}
	return out
}

func TestRingBufferKeepsTheNewestLines(t *testing.T) {
	v := NewLogView()
	v.SetSize(80, 5)
	v.Queue(entries(0, logCapacity))
	v.Flush()
	v.Queue(entries(logCapacity, 25))
	if v.Len() != logCapacity {
		t.Fatalf("queued lines must wait for the batch flush: len %d", v.Len())
	}
	v.Flush()
	if v.Len() != logCapacity || v.at(0).text != "line 25" || v.at(logCapacity-1).text != "line 100024" {
		t.Fatalf("ring: len %d first %q last %q", v.Len(), v.at(0).text, v.at(logCapacity-1).text)
	}
	v.CycleLevel() // warning+
	v.CycleLevel() // error only
	if len(v.visible) != logCapacity/10 {
		t.Fatalf("error filter kept %d lines", len(v.visible))
	}
	v.SetQuery("LINE 1000")
	for _, i := range v.visible {
		if l := v.at(i); l.level != sevError || !strings.Contains(l.text, "line 1000") {
			t.Fatalf("filtered line %q", l.text)
		}
	}
}

func TestFollowKeepsTheNewestInView(t *testing.T) {
	v := NewLogView()
	v.SetSize(40, 3)
	v.ToggleFollow()
	v.Queue(entries(0, 10))
	v.Flush()
	v.timestamps = false
	if got := v.View(); !strings.Contains(got, "line 9") || strings.Contains(got, "line 6") {
		t.Fatalf("follow view:\n%s", got)
	}
	v.Scroll(-1)
	if v.follow {
		t.Fatal("scrolling up leaves follow mode")
	}
	v.wrap = true
	v.Queue([]nexla.LogEntry{{Severity: "ERROR", Log: strings.Repeat("long ", 30)}})
	v.Flush()
	if lines := strings.Split(v.View(), "\n"); len(lines) > 3 {
		t.Fatalf("wrapped view has %d lines for height 3", len(lines))
	}
}

// BenchmarkLogView100k: a burst of 100,000 lines arriving in batches, one
// flush per batch tick, then a frame of the view: the cost per tick stays
// proportional to the batch, and a frame to the visible lines.
func BenchmarkLogView100k(b *testing.B) {
	batch := entries(0, 1000)
	for i := 0; i < b.N; i++ {
		v := NewLogView()
		v.SetSize(160, 40)
		v.ToggleFollow()
		for n := 0; n < 100; n++ {
			v.Queue(batch)
			v.Flush()
			_ = v.View()
		}
	}
}
