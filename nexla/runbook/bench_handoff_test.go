package runbook

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// BenchmarkErrorShapes groups a week of a failing flow's issue lines (20,000
// lines, three shapes): linear in the lines.
func BenchmarkErrorShapes(b *testing.B) {
	lines := make([]nexla.LogEntry, 20000)
	texts := []string{"503 Service Unavailable from upstream while reading page %d", "Record parse error at record %d: unexpected end of JSON input", "Write failed: deadlock detected while inserting row %d"}
	for i := range lines {
		lines[i] = nexla.LogEntry{Timestamp: 1795334516553 + int64(i)*1000, ResourceType: "SOURCE", ResourceID: 10004,
			Severity: "ERROR", LogType: "LOG", Log: fmt.Sprintf(texts[i%3], i), RunID: 1795334516553 + int64(i/50)*3600000}
	}
	b.Run("ErrorShapes", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if got := ErrorShapes(lines); len(got) != 3 {
				b.Fatalf("%d shapes", len(got))
			}
		}
	})
	// The baseline: DiffLogs, which the logs step has always run over the
	// same lines (Normalize dominates both).
	b.Run("DiffLogs", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			DiffLogs(lines, nil)
		}
	})
}

// BenchmarkFieldDiffTransform diffs a transform change of ~60 lines of
// indented JSON (the Stripe change).
func BenchmarkFieldDiffTransform(b *testing.B) {
	steps := []any{}
	for i := 0; i < 8; i++ {
		steps = append(steps, map[string]any{"operation": "shift", "spec": map[string]any{fmt.Sprintf("f%d", i): fmt.Sprintf("g%d", i)}})
	}
	before, _ := json.Marshal(map[string]any{"version": 1, "transforms": steps})
	after, _ := json.Marshal(map[string]any{"version": 1, "transforms": append(steps, map[string]any{"operation": "nexla.validate", "spec": map[string]any{"amount": "decimal(required)"}})})
	b.ReportAllocs()
	for b.Loop() {
		if len(FieldDiff("transform", before, after)) < 3 {
			b.Fatal("no diff")
		}
	}
}
