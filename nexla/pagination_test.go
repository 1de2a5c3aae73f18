package nexla

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// sourcesHandler serves n sources paged by page/per_page. headers picks how
// the end is signalled: "total" (X-Total-Count), "link" (Link rel="Next" only)
// or "none" (a short page ends it). delay(page) slows chosen pages.
func sourcesHandler(n int, headers string, delay func(page int) time.Duration, inflight, maxInflight *atomic.Int64) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if inflight != nil {
			cur := inflight.Add(1)
			defer inflight.Add(-1)
			for {
				m := maxInflight.Load()
				if cur <= m || maxInflight.CompareAndSwap(m, cur) {
					break
				}
			}
		}
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
		if delay != nil {
			time.Sleep(delay(page))
		}
		from, to := (page-1)*per, page*per
		if to > n {
			to = n
		}
		switch headers {
		case "total":
			w.Header().Set("X-Total-Count", strconv.Itoa(n))
		case "link":
			if to < n {
				w.Header().Set("Link", fmt.Sprintf(`<%s?page=%d&per_page=%d>; rel="Next"`, r.URL.Path, page+1, per))
			}
		}
		var b strings.Builder
		b.WriteString("[")
		for i := from; i < to; i++ {
			if i > from {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"id":%d,"name":"src-%d","status":"ACTIVE","source_type":"s3","brand_new_field":{"x":1}}`, i+1, i+1)
		}
		b.WriteString("]")
		_, _ = w.Write([]byte(b.String()))
	}
}

func TestPaginationEnds(t *testing.T) {
	for _, tc := range []struct {
		headers string
		n       int
	}{
		{"total", 250}, {"total", 0}, {"total", 100}, {"link", 250}, {"link", 200}, {"none", 250}, {"none", 200}, {"none", 0},
	} {
		t.Run(fmt.Sprintf("%s-%d", tc.headers, tc.n), func(t *testing.T) {
			s := newAPIServer(t)
			s.handle("GET /data_sources", sourcesHandler(tc.n, tc.headers, nil, nil, nil))
			c, _ := newTestClient(t, s)
			got, err := c.ListSources(context.Background(), ListOptions{PerPage: 50})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.n {
				t.Fatalf("got %d sources, want %d", len(got), tc.n)
			}
			for i, src := range got {
				if src.ID != int64(i+1) {
					t.Fatalf("item %d has id %d: out of order", i, src.ID)
				}
			}
			maxReq := tc.n/50 + 1 + c.concurrency // speculative batches may overshoot by one batch
			if tc.headers == "total" {
				maxReq = (tc.n+49)/50 + 0
				if maxReq == 0 {
					maxReq = 1
				}
			}
			if hits := s.count("GET /data_sources"); hits > maxReq {
				t.Fatalf("%d requests, want at most %d", hits, maxReq)
			}
		})
	}
}

func TestConcurrentPagesDeliveredInOrder(t *testing.T) {
	s := newAPIServer(t)
	var inflight, maxInflight atomic.Int64
	// Early pages are slowest, so later pages finish first.
	delay := func(page int) time.Duration { return time.Duration(12-page) * 2 * time.Millisecond }
	s.handle("GET /data_sources", sourcesHandler(1000, "total", delay, &inflight, &maxInflight))
	c, _ := newTestClient(t, s)
	var numbers []int
	loaded := 0
	for p := range c.SourcePages(context.Background(), ListOptions{PerPage: 100, Concurrency: 3}) {
		if p.Done {
			if p.Err != nil || p.Loaded != 1000 || p.Total != 1000 {
				t.Fatalf("done page: %+v", p)
			}
			break
		}
		numbers = append(numbers, p.Number)
		if p.Items[0].ID != int64((p.Number-1)*100+1) || p.Loaded != loaded+len(p.Items) {
			t.Fatalf("page %d starts at id %d, loaded %d", p.Number, p.Items[0].ID, p.Loaded)
		}
		loaded = p.Loaded
	}
	if fmt.Sprint(numbers) != "[1 2 3 4 5 6 7 8 9 10]" {
		t.Fatalf("pages arrived as %v", numbers)
	}
	if m := maxInflight.Load(); m > 3 {
		t.Fatalf("%d requests in flight, concurrency is 3", m)
	}
}

func TestPaginationLimitAndFilters(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /data_sources", sourcesHandler(1000, "total", nil, nil, nil))
	c, _ := newTestClient(t, s)
	got, err := c.ListSources(context.Background(), ListOptions{PerPage: 100, Limit: 250, Name: "pg", Status: "ACTIVE",
		Type: "s3", AccessRole: "collaborator", Expand: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 250 || got[249].ID != 250 {
		t.Fatalf("limit: got %d items", len(got))
	}
	if hits := s.count("GET /data_sources"); hits != 3 {
		t.Fatalf("limit 250 at 100 per page should take 3 requests, took %d", hits)
	}
	q := s.lastReq["GET /data_sources"].URL.Query()
	for k, v := range map[string]string{"name": "pg", "status": "ACTIVE", "source_type": "s3", "access_role": "collaborator", "expand": "1", "per_page": "100"} {
		if q.Get(k) != v {
			t.Errorf("query %s = %q, want %q", k, q.Get(k), v)
		}
	}
}

func TestPagesStopEarlyOnCancel(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /data_sources", sourcesHandler(5000, "total", nil, nil, nil))
	c, _ := newTestClient(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	ch := c.SourcePages(ctx, ListOptions{PerPage: 100, Concurrency: 2})
	first := <-ch
	if first.Number != 1 || first.Total != 5000 {
		t.Fatalf("first page %+v", first)
	}
	cancel()
	for range ch { // the channel must close
	}
	if hits := s.count("GET /data_sources"); hits > 10 {
		t.Fatalf("%d requests after an early stop of a 50-page list", hits)
	}
}

func TestPagesErrorEndsStream(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /data_sets", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") == "3" {
			w.WriteHeader(403)
			return
		}
		w.Header().Set("X-Total-Count", "500")
		_, _ = w.Write([]byte(`[` + strings.Repeat(`{"id":1},`, 99) + `{"id":1}]`))
	})
	c, _ := newTestClient(t, s)
	var last Page[Nexset]
	for p := range c.NexsetPages(context.Background(), ListOptions{}) {
		last = p
	}
	if !last.Done || !IsForbidden(last.Err) || last.Loaded != 200 {
		t.Fatalf("last page %+v", last)
	}
	if _, err := c.ListNexsets(context.Background(), ListOptions{}); !IsForbidden(err) {
		t.Fatalf("ListNexsets: %v", err)
	}
}
