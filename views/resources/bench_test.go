package resources

import (
	"strconv"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/views/internal/fakeapi"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

func manySources(n int) []nexla.Source {
	out := make([]nexla.Source, n)
	owner := &nexla.Owner{ID: 1, FullName: "Ada Ops"}
	statuses := []string{"ACTIVE", "PAUSED", "INIT", "ACTIVE"}
	for i := range out {
		out[i] = nexla.Source{Common: nexla.Common{ID: int64(100000 + i), Name: "source-" + strconv.Itoa(i*7919%n),
			Status: statuses[i%4], Owner: owner, UpdatedAt: nexla.Time{Time: viewtest.Clock.Add(-time.Duration(i) * time.Minute)}},
			SourceType: "s3", DataCredentialsID: int64(i % 50)}
	}
	return out
}

// screenWith builds a sources screen holding n rows, as if fully loaded.
func screenWith(b *testing.B, n int) *Screen {
	s := New(viewtest.Deps(fakeapi.Org(viewtest.Clock)), nexla.DataSources)
	s.SetSize(160, 48)
	recs := make([]record, n)
	for i, src := range manySources(n) {
		recs[i] = sourceRecord(src, s.fam.Columns, viewtest.Clock)
	}
	s.reload()
	s.Update(batchMsg{ticket: s.loads.Current(), recs: recs, loaded: n, total: n, done: true})
	if len(s.recs) != n {
		b.Fatalf("loaded %d", len(s.recs))
	}
	return s
}

func BenchmarkBuildRecords100k(b *testing.B) {
	src := manySources(100000)
	cols := families(nexla.DataSources).Columns
	b.ResetTimer()
	for b.Loop() {
		for i := range src {
			_ = sourceRecord(src[i], cols, viewtest.Clock)
		}
	}
}

func BenchmarkSortByName100k(b *testing.B) {
	s := screenWith(b, 100000)
	b.ResetTimer()
	for b.Loop() {
		s.setSort(1, !s.sortAsc)
	}
}

func BenchmarkSortByUpdated100k(b *testing.B) {
	s := screenWith(b, 100000)
	b.ResetTimer()
	for b.Loop() {
		s.setSort(5, !s.sortAsc)
	}
}

func BenchmarkFilter100k(b *testing.B) {
	s := screenWith(b, 100000)
	queries := []string{"source-99", "paused", ""}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		s.table.SetFilter(queries[i%len(queries)])
		i++
	}
}

func BenchmarkCursorMoveAndView100k(b *testing.B) { benchCursorMoveAndView(b, 100000) }

func BenchmarkCursorMoveAndView1k(b *testing.B) { benchCursorMoveAndView(b, 1000) }

// benchCursorMoveAndView is one key press and one frame over n rows: the
// 1k and 100k numbers side by side show whether a frame depends on n.
func benchCursorMoveAndView(b *testing.B, n int) {
	s := screenWith(b, n)
	down := viewtest.Key("down")
	b.ResetTimer()
	for b.Loop() {
		s.Update(down)
		_ = s.View()
	}
}

// The first sort of a column after a listing (nothing cached yet).
func BenchmarkSortByNameUncached100k(b *testing.B) {
	s := screenWith(b, 100000)
	b.ResetTimer()
	for b.Loop() {
		s.invalidateSort()
		s.setSort(1, true)
	}
}
