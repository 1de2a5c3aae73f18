package nexla

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	benchItems   = 10000
	benchPerPage = 100
	benchDelay   = 20 * time.Millisecond
)

// benchServer serves benchItems sources with X-Total-Count, sleeping
// benchDelay on every list request (not on /token), like a distant API.
func benchServer(b *testing.B) *httptest.Server {
	pages := map[int][]byte{}
	for p := 1; (p-1)*benchPerPage < benchItems; p++ {
		var sb strings.Builder
		sb.WriteString("[")
		for i := (p - 1) * benchPerPage; i < p*benchPerPage && i < benchItems; i++ {
			if sb.Len() > 1 {
				sb.WriteString(",")
			}
			fmt.Fprintf(&sb, `{"id":%d,"name":"source-%d","status":"ACTIVE","runtime_status":"IDLE","source_type":"s3","owner":{"id":1,"full_name":"On Call","email":"o@x.io"},"updated_at":"2026-02-28T10:30:00.000Z"}`, i+1, i+1)
		}
		sb.WriteString("]")
		pages[p] = []byte(sb.String())
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/token" {
			_, _ = w.Write([]byte(`{"access_token":"bench-token","expires_in":3600}`))
			return
		}
		time.Sleep(benchDelay)
		p, _ := strconv.Atoi(r.URL.Query().Get("page"))
		w.Header().Set("X-Total-Count", strconv.Itoa(benchItems))
		body, ok := pages[p]
		if !ok {
			body = []byte("[]")
		}
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// BenchmarkListSources lists 10,000 sources at per_page 100 with the default
// concurrency and reports the ratio to the lower bound
// ceil(pages/concurrency) x 20 ms. The "sequential" sub-benchmark is the
// SDK's paginator: one page after another until a short page.
func BenchmarkListSources(b *testing.B) {
	srv := benchServer(b)
	pages := benchItems / benchPerPage
	b.Run("concurrent", func(b *testing.B) {
		c, err := New(Settings{BaseURL: srv.URL, ServiceKey: "bench-key"})
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		if _, err := c.WhoAmIWarmup(ctx); err != nil { // token exchange outside the timing
			b.Fatal(err)
		}
		b.ResetTimer()
		start := time.Now()
		for i := 0; i < b.N; i++ {
			got, err := c.ListSources(ctx, ListOptions{PerPage: benchPerPage})
			if err != nil || len(got) != benchItems {
				b.Fatalf("%d items, %v", len(got), err)
			}
		}
		per := time.Since(start) / time.Duration(b.N)
		bound := time.Duration((pages+c.concurrency-1)/c.concurrency) * benchDelay
		b.ReportMetric(float64(per.Milliseconds()), "ms/list")
		b.ReportMetric(float64(bound.Milliseconds()), "bound-ms")
		b.ReportMetric(float64(per)/float64(bound), "ratio")
	})
	b.Run("sequential", func(b *testing.B) {
		c, err := New(Settings{BaseURL: srv.URL, ServiceKey: "bench-key"})
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		if _, err := c.WhoAmIWarmup(ctx); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		start := time.Now()
		for i := 0; i < b.N; i++ {
			n := 0
			for page := 1; ; page++ {
				var items []Source
				q := map[string][]string{"page": {strconv.Itoa(page)}, "per_page": {strconv.Itoa(benchPerPage)}}
				if _, err := c.get(ctx, "/data_sources", q, &items); err != nil {
					b.Fatal(err)
				}
				n += len(items)
				if len(items) < benchPerPage {
					break
				}
			}
			if n != benchItems {
				b.Fatalf("%d items", n)
			}
		}
		per := time.Since(start) / time.Duration(b.N)
		bound := time.Duration((pages+c.concurrency-1)/c.concurrency) * benchDelay
		b.ReportMetric(float64(per.Milliseconds()), "ms/list")
		b.ReportMetric(float64(per)/float64(bound), "ratio")
	})
}
