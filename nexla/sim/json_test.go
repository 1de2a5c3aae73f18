package sim

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
	"time"
)

// checkSameJSON fails unless appendJSON writes what json.Marshal writes.
func checkSameJSON(t *testing.T, what string, v any) {
	t.Helper()
	want, wantErr := json.Marshal(v)
	got, err := appendJSON(nil, v)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("%s: error %v, json.Marshal's %v", what, err, wantErr)
	}
	if err == nil && !bytes.Equal(got, want) {
		t.Fatalf("%s:\n got %.300s\nwant %.300s", what, got, want)
	}
}

// TestAppendJSONIsMarshal: the simulator's encoder writes json.Marshal's
// bytes for every kind of value it takes apart (maps, slices, strings with
// escapes, HTML characters, invalid UTF-8 and line separators, integers,
// nils) and for what it hands over (floats, times, structs, other maps),
// and fails where json.Marshal fails.
func TestAppendJSONIsMarshal(t *testing.T) {
	strs := []string{"", "plain ascii 123", `quote " back \ slash`, "<b>&amp;</b>", "tab\tnew\nline\r\x01\x1f\x7f",
		"é ü 日本", "bad \xff utf8", "line\u2028para\u2029", "bidi \u202e", "\x00"}
	for _, s := range strs {
		checkSameJSON(t, "string "+s, s)
		checkSameJSON(t, "key "+s, obj{s: s, "z" + s: 1})
	}
	var nilObj obj
	var nilObjs []obj
	var nilAny []any
	var nilStrs []string
	var nilPtr *int
	checkSameJSON(t, "mixed", obj{
		"b": true, "f": false, "i": 42, "i64": int64(-7), "i32": int32(3), "u8": uint8(9), "float": 1.5, "big": 1e21, "tiny": 1e-7,
		"nil": nil, "nilobj": nilObj, "nilobjs": nilObjs, "nilany": nilAny, "nilstrs": nilStrs, "nilptr": nilPtr,
		"empty": obj{}, "objs": []obj{{"a": 1}, nil, {}}, "any": []any{1, "x", nil, obj{"k": []string{"v", "<"}}, []any{}},
		"strs": []string{"a", ""}, "time": time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC), "ints": []int64{1, 2},
		"struct": struct {
			A int    `json:"a"`
			B string `json:"b,omitempty"`
		}{A: 1}, "smap": map[string]string{"y": "1", "x": "2"}, "raw": json.RawMessage(`{"r":1}`),
	})
	checkSameJSON(t, "NaN fails", obj{"x": []any{math.NaN()}})
}

// TestAppendJSONOfFlowListings: every flow of a generated org with failing
// flows, as GET /flows renders it (with side-loads, and with run metrics),
// encodes as json.Marshal encodes it.
func TestAppendJSONOfFlowListings(t *testing.T) {
	s, err := New(Options{Seed: 7, ExtraFlows: 300, ExtraFailing: 0.05, Start: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC), Frozen: true})
	if err != nil {
		t.Fatal(err)
	}
	now := s.clock.now()
	for _, o := range []flowOpts{{}, {runMetrics: true}, {flowsOnly: true, runMetrics: true}, {originOnly: true}} {
		checkSameJSON(t, "flows listing", s.flowBody(s.org.flows, o, userRiley, now))
	}
}

// BenchmarkEncodeFlowPage encodes one 100-flow page of GET /flows (with
// side-loads) with json.Marshal and with appendJSON: the ratio is what the
// simulator's encoder saves per listing page.
func BenchmarkEncodeFlowPage(b *testing.B) {
	s, err := New(Options{Seed: 7, ExtraFlows: 1000, ExtraFailing: 0.01, Start: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC), Frozen: true})
	if err != nil {
		b.Fatal(err)
	}
	page := s.flowBody(s.org.flows[:100], flowOpts{}, userRiley, s.clock.now())
	b.Run("json.Marshal", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(page); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("appendJSON", func(b *testing.B) {
		for b.Loop() {
			if _, err := appendJSON(nil, page); err != nil {
				b.Fatal(err)
			}
		}
	})
}
