package nexla

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The error of a final 429 reports a huge Retry-After (header or body) as a
// long positive wait, never a negative one.
func TestRateLimitErrorHugeRetryAfterIsPositive(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"header": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "100000000000")
			w.WriteHeader(429)
		},
		"body": jsonReply(429, `{"message":"slow down","retry_after":100000000000}`),
	} {
		s := newAPIServer(t)
		s.handle("GET /limits", h)
		c, _ := newTestClient(t, s, WithRetry(0, time.Millisecond, time.Millisecond))
		_, err := c.testGET(context.Background())
		var ae *APIError
		if !errors.As(err, &ae) || ae.RetryAfter < time.Hour {
			t.Errorf("%s: RetryAfter %v in %v", name, ae.RetryAfter, err)
		}
	}
}

// A secret echoed by the server right where the message is clipped must not
// leak its first characters: redaction comes before truncation.
func TestSecretAtTheClipBoundaryIsNotLeaked(t *testing.T) {
	s := newAPIServer(t)
	msg := strings.Repeat("x", 480) + " key " + testKey + " rest" // clipped 15 characters into the key
	s.handle("GET /limits", jsonReply(400, fmt.Sprintf(`{"message":%q}`, msg)))
	c, _ := newTestClient(t, s)
	_, err := c.testGET(context.Background())
	if err == nil {
		t.Fatal("want an error")
	}
	if strings.Contains(err.Error(), testKey[:12]) {
		t.Fatalf("the service key's prefix leaked: %q", err.Error()[480:])
	}
}

// Clipping a long message never splits a multi-byte character.
func TestClippedMessagesStayValidUTF8(t *testing.T) {
	for pad := 495; pad <= 500; pad++ {
		got := clip(strings.Repeat("a", pad)+strings.Repeat("é", 10), 500)
		if !utf8.ValidString(got) || !strings.HasSuffix(got, "…") {
			t.Fatalf("pad %d: %q is not valid UTF-8 or lost its ellipsis", pad, got[len(got)-8:])
		}
	}
}

// Without a total, a Link header that names no "Next" page says this is the
// last one (contract §3.1), even when the page is full: no speculative
// batch after it (before the fix: 100,000 pages of a server that ignores page).
func TestLinkWithoutNextEndsAFullPage(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /data_sources", func(w http.ResponseWriter, r *http.Request) {
		page := r.URL.Query().Get("page")
		if page == "1" {
			w.Header().Set("Link", `</data_sources?page=2&per_page=2>; rel="Next"`)
		} else {
			w.Header().Set("Link", `</data_sources?page=1&per_page=2>; rel="Previous"`)
		}
		id := 1
		if page != "1" {
			id = 3
		}
		fmt.Fprintf(w, `[{"id":%d,"name":"a"},{"id":%d,"name":"b"}]`, id, id+1)
	})
	c, _ := newTestClient(t, s, WithConcurrency(3))
	got, err := c.ListSources(context.Background(), ListOptions{PerPage: 2})
	if err != nil || len(got) != 4 {
		t.Fatalf("got %d sources, %v", len(got), err)
	}
	// Page 1, then one speculative batch of 3 (pages 2-4); page 2 ends it.
	if hits := s.count("GET /data_sources"); hits != 4 {
		t.Fatalf("%d requests, want 4 (page 2 has no Next)", hits)
	}
}
