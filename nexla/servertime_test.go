package nexla

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// A server whose clock is an hour ahead of or behind ours: ServerNow follows
// the server's Date header, so times the server hands out (run ids, log
// stamps) are never "in the future" from the client's point of view.
func TestServerNowFollowsTheDateHeader(t *testing.T) {
	for _, offset := range []time.Duration{time.Hour, -time.Hour} {
		s := newAPIServer(t)
		c, clk := newTestClient(t, s)
		serverNow := clk.Now().Add(offset)
		s.handle("GET /users/current", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Date", serverNow.Format(http.TimeFormat))
			jsonReply(200, `{"user":{"id":1,"email":"oncall@example.com"}}`)(w, nil)
		})
		if now := c.ServerNow(); !now.Equal(clk.Now()) {
			t.Fatalf("before any answer ServerNow is %s, want the local clock %s", now, clk.Now())
		}
		if _, err := c.WhoAmI(context.Background()); err != nil {
			t.Fatal(err)
		}
		skew, known := c.ClockSkew()
		if !known || skew != offset {
			t.Errorf("offset %s: skew %s (known %v)", offset, skew, known)
		}
		if got := c.ServerNow(); !got.Equal(serverNow) {
			t.Errorf("offset %s: ServerNow %s, want the server's %s", offset, got, serverNow)
		}
		clk.Advance(10 * time.Minute)
		if got := c.ServerNow(); !got.Equal(serverNow.Add(10 * time.Minute)) {
			t.Errorf("offset %s: ServerNow does not move with the local clock: %s", offset, got)
		}
	}
}

// A Date within a second or so of ours is taken as no skew (the header has
// one-second resolution), and a malformed header changes nothing.
func TestServerNowIgnoresNoiseAndBadDates(t *testing.T) {
	s := newAPIServer(t)
	c, clk := newTestClient(t, s)
	date := clk.Now().Add(1500 * time.Millisecond).Format(http.TimeFormat)
	s.handle("GET /users/current", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Date", date)
		jsonReply(200, `{"user":{"id":1}}`)(w, nil)
	})
	if _, err := c.WhoAmI(context.Background()); err != nil {
		t.Fatal(err)
	}
	if skew, known := c.ClockSkew(); !known || skew != 0 {
		t.Errorf("1.5 s of Date resolution read as skew %s", skew)
	}
	date = "yesterday"
	if _, err := c.WhoAmI(context.Background()); err != nil {
		t.Fatal(err)
	}
	if skew, _ := c.ClockSkew(); skew != 0 || !c.ServerNow().Equal(clk.Now()) {
		t.Errorf("a malformed Date moved the clock: skew %s", skew)
	}
}
