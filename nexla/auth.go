package nexla

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Token lifetime when /token omits expires_in (the SDK's default).
const defaultTokenLifetime = 24 * time.Hour

// authState holds the credential and the current session token. Its mutex is
// held during a token exchange so concurrent page fetches wait for one POST
// /token instead of each making their own.
type authState struct {
	mu         sync.Mutex
	serviceKey string
	token      string
	expiry     time.Time
	margin     time.Duration
	direct     bool // access-token mode: never refreshed
	// lastToken mirrors token for secrets(), which error paths call while
	// mu is held by a token exchange.
	lastToken atomic.Pointer[string]
}

func newAuthState(serviceKey, accessToken string) *authState {
	a := &authState{serviceKey: serviceKey}
	if serviceKey == "" {
		a.token, a.direct = accessToken, true
	}
	initial := a.token
	a.lastToken.Store(&initial)
	return a
}

func (a *authState) modeName() string {
	if a.direct {
		return "access-token"
	}
	return "service-key"
}

// canRefresh is true in service-key mode: a 401 can be cured by a new token.
func (a *authState) canRefresh() bool { return !a.direct }

// invalidate drops token if it is still current, so that of several requests
// failing with the same stale token only the first one triggers an exchange.
func (a *authState) invalidate(token string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.token == token {
		a.token = ""
	}
}

// secrets lists the values that must never appear in output. It does not
// take mu (see lastToken).
func (a *authState) secrets() []string {
	return []string{a.serviceKey, *a.lastToken.Load()}
}

// tokenResponse is the part of POST /token we need.
type tokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
}

// refreshMargin renews min(5 min, a tenth of the lifetime) before expiry: a
// one-hour token is renewed after 55 minutes, not before every call (the SDK's
// 3600 s margin makes it re-POST /token on every request).
func refreshMargin(lifetime time.Duration) time.Duration {
	m := lifetime / 10
	if m > 5*time.Minute {
		m = 5 * time.Minute
	}
	return m
}

// sessionToken returns a valid bearer token, exchanging the service key when
// there is none or it is about to expire.
func (c *Client) sessionToken(ctx context.Context) (string, error) {
	a := c.auth
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.direct {
		return a.token, nil
	}
	now := c.clock.Now()
	if a.token != "" && now.Before(a.expiry.Add(-a.margin)) {
		return a.token, nil
	}
	resp, err := c.send(ctx, request{method: http.MethodPost, path: "/token", basicKey: true})
	if err != nil {
		return "", err
	}
	r := request{method: http.MethodPost, path: "/token"}
	if resp.status == http.StatusUnauthorized {
		e := c.apiError(r, resp)
		e.Message = "authentication failed: check your service key"
		return "", e
	}
	if !resp.ok() {
		e := c.apiError(r, resp)
		e.Message = "authentication error: " + e.Message
		return "", e
	}
	var tr tokenResponse
	if err := json.Unmarshal(resp.body, &tr); err != nil || tr.AccessToken == "" {
		return "", &APIError{Kind: KindAuthentication, Method: r.method, Path: r.path, Status: resp.status,
			Message: "authentication error: /token answered without an access_token"}
	}
	lifetime := time.Duration(tr.ExpiresIn) * time.Second
	if lifetime <= 0 {
		lifetime = defaultTokenLifetime
	}
	a.token = tr.AccessToken
	tok := tr.AccessToken
	a.lastToken.Store(&tok)
	a.expiry = now.Add(lifetime)
	a.margin = refreshMargin(lifetime)
	c.log.Debug("session token obtained", "expires_in", lifetime)
	return a.token, nil
}
