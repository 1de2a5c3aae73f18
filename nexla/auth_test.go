package nexla

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestTokenExchangeHeadersAndBearer(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /users/current", jsonReply(200, `{"user":{"id":7,"email":"a@b.c","full_name":"A B"},"org_membership":{"is_admin?":true,"api_key":"xyz"},"org":{"id":3,"name":"Acme"}}`))
	c, _ := newTestClient(t, s, WithVersion("1.2.3"))
	cu, err := c.WhoAmI(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if cu.User.ID != 7 || cu.Org.Name != "Acme" || cu.OrgMembership == nil || !cu.OrgMembership.IsAdmin {
		t.Fatalf("whoami decoded %+v", cu)
	}
	tok := s.lastReq["POST /token"]
	if got := tok.Header.Get("Authorization"); got != "Basic "+testKey {
		t.Errorf("token Authorization = %q, want raw Basic key", got)
	}
	if tok.ContentLength != 0 || tok.Header.Get("Accept") != mediaType {
		t.Errorf("token request: content-length %d accept %q", tok.ContentLength, tok.Header.Get("Accept"))
	}
	get := s.lastReq["GET /users/current"]
	if get.Header.Get("Authorization") != "Bearer "+testToken+"-1" {
		t.Errorf("bearer = %q", get.Header.Get("Authorization"))
	}
	if get.Header.Get("Accept") != "application/vnd.nexla.api.v1+json" || get.Header.Get("User-Agent") != "nexla-tui/1.2.3" {
		t.Errorf("headers: accept %q ua %q", get.Header.Get("Accept"), get.Header.Get("User-Agent"))
	}
}

func TestTokenRefreshedBeforeExpiryNotBeforeEveryCall(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /limits", jsonReply(200, `{}`))
	c, clk := newTestClient(t, s)
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		if _, err := c.testGET(ctx); err != nil {
			t.Fatal(err)
		}
		clk.Advance(10 * time.Minute) // 50 min in total: inside a 1 h token's life minus 5 min margin
	}
	if n := s.count("POST /token"); n != 1 {
		t.Fatalf("token exchanges after 50 min = %d, want 1", n)
	}
	clk.Advance(6 * time.Minute) // 56 min: inside the 5 min margin
	if _, err := c.testGET(ctx); err != nil {
		t.Fatal(err)
	}
	if n := s.count("POST /token"); n != 2 {
		t.Fatalf("token exchanges inside the margin = %d, want 2", n)
	}
}

func TestRefreshMargin(t *testing.T) {
	for _, tc := range []struct{ life, want time.Duration }{
		{time.Hour, 5 * time.Minute}, {24 * time.Hour, 5 * time.Minute}, {10 * time.Minute, time.Minute}, {30 * time.Second, 3 * time.Second},
	} {
		if got := refreshMargin(tc.life); got != tc.want {
			t.Errorf("refreshMargin(%s) = %s, want %s", tc.life, got, tc.want)
		}
	}
}

func TestSingleReauthOn401(t *testing.T) {
	s := newAPIServer(t)
	calls := 0
	s.handle("GET /limits", func(w http.ResponseWriter, r *http.Request) {
		calls++
		if calls == 1 { // the session was revoked server-side
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	})
	c, _ := newTestClient(t, s)
	if _, err := c.testGET(context.Background()); err != nil {
		t.Fatalf("after one re-auth the call should succeed: %v", err)
	}
	if calls != 2 || s.count("POST /token") != 2 {
		t.Fatalf("calls %d, token exchanges %d; want 2 and 2", calls, s.count("POST /token"))
	}
	if got := s.lastReq["GET /limits"].Header.Get("Authorization"); got != "Bearer "+testToken+"-2" {
		t.Fatalf("retry used %q, want the new token", got)
	}
}

func TestPersistent401ReauthsOnlyOnce(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /limits", jsonReply(401, ""))
	c, _ := newTestClient(t, s)
	_, err := c.testGET(context.Background())
	if !IsAuth(err) {
		t.Fatalf("want an authentication error, got %v", err)
	}
	if s.count("GET /limits") != 2 || s.count("POST /token") != 2 {
		t.Fatalf("limits hits %d, token exchanges %d; want 2 and 2", s.count("GET /limits"), s.count("POST /token"))
	}
}

func TestBadServiceKey(t *testing.T) {
	s := newAPIServer(t)
	c, err := New(Settings{BaseURL: s.URL, ServiceKey: "wrong-key-wrong-key"}, WithClock(newFakeClock()))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.WhoAmI(context.Background())
	if !IsAuth(err) || !strings.Contains(err.Error(), "check your service key") {
		t.Fatalf("got %v", err)
	}
	if s.count("GET /users/current") != 0 {
		t.Fatal("a call was made without a token")
	}
}

func TestAccessTokenModeNoExchangeAndClearExpiry(t *testing.T) {
	s := newAPIServer(t)
	s.handle("GET /limits", jsonReply(200, `{}`))
	c, err := New(Settings{BaseURL: s.URL, AccessToken: testToken}, WithClock(newFakeClock()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.testGET(context.Background()); err != nil {
		t.Fatal(err)
	}
	expired, _ := New(Settings{BaseURL: s.URL, AccessToken: "stale-token-123456"}, WithClock(newFakeClock()))
	_, err = expired.testGET(context.Background())
	var ae *APIError
	if !errors.As(err, &ae) || ae.Kind != KindAuthentication || !strings.Contains(ae.Message, "access token invalid or expired") {
		t.Fatalf("got %v", err)
	}
	if s.count("POST /token") != 0 || s.count("GET /limits") != 2 {
		t.Fatalf("access-token mode must never call /token nor retry: token %d limits %d", s.count("POST /token"), s.count("GET /limits"))
	}
}

func TestNewRejectsBadSettings(t *testing.T) {
	if _, err := New(Settings{}); !errors.Is(err, ErrNoCredentials) {
		t.Errorf("no creds: %v", err)
	}
	if _, err := New(Settings{ServiceKey: "k", AccessToken: "t"}); err == nil {
		t.Error("both creds accepted")
	}
	if _, err := New(Settings{ServiceKey: "k", BaseURL: "ftp://x"}); err == nil {
		t.Error("ftp URL accepted")
	}
}
