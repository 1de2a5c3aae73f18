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

// authState holds the credential and the current session token. Renewals
// are single-flight: the first call that needs a token starts one; every call
// that needs one meanwhile waits for that same renewal (with its own ctx).
type authState struct {
	mu         sync.Mutex
	serviceKey string
	token      string
	expiry     time.Time
	margin     time.Duration
	direct     bool     // access-token mode: never refreshed
	inflight   *renewal // the renewal under way, nil when none
	// lastToken mirrors token for secrets(), which error paths call without mu.
	lastToken atomic.Pointer[string]
}

// renewal is one POST /token exchange (with its retries) and its waiters.
type renewal struct {
	done    chan struct{} // closed when token/err are set
	token   string
	err     error
	waiters int
	cancel  context.CancelFunc
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
// there is none or it is about to expire. Concurrent callers share one
// renewal; a caller that gives up (ctx) leaves it running for the others, and
// a renewal nobody waits for any more is cancelled.
func (c *Client) sessionToken(ctx context.Context) (string, error) {
	a := c.auth
	a.mu.Lock()
	if a.direct || (a.token != "" && c.clock.Now().Before(a.expiry.Add(-a.margin))) {
		tok := a.token
		a.mu.Unlock()
		return tok, nil
	}
	r := a.inflight
	if r == nil {
		// The renewal outlives the caller that started it (others may be
		// waiting): it keeps ctx's values but not its cancellation.
		rctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		r = &renewal{done: make(chan struct{}), cancel: cancel}
		a.inflight = r
		go c.renew(rctx, r)
	}
	r.waiters++
	a.mu.Unlock()

	select {
	case <-r.done:
		return r.token, r.err
	case <-ctx.Done():
		a.mu.Lock()
		r.waiters--
		if r.waiters == 0 && a.inflight == r {
			r.cancel()
			a.inflight = nil
		}
		a.mu.Unlock()
		return "", c.netError(request{method: http.MethodPost, path: "/token"}, ctx.Err())
	}
}

// renew runs one renewal: POST /token with the client's retry budget,
// backoff with jitter, Retry-After honoured on 429/503, any 5xx retried
// (asking for a token twice is harmless). It publishes the result to r's
// waiters and, on success, to every later call.
func (c *Client) renew(ctx context.Context, r *renewal) {
	defer r.cancel()
	tok, lifetime, err := c.exchangeToken(ctx)
	a := c.auth
	a.mu.Lock()
	if err == nil {
		a.token = tok
		a.lastToken.Store(&tok)
		a.expiry = c.clock.Now().Add(lifetime)
		a.margin = refreshMargin(lifetime)
	}
	if a.inflight == r {
		a.inflight = nil
	}
	r.token, r.err = tok, err
	a.mu.Unlock()
	close(r.done)
	if err == nil {
		c.log.Debug("session token obtained", "expires_in", lifetime)
	} else {
		c.log.Info("session token renewal failed", "error", c.scrubbed(err.Error()))
	}
}

// exchangeToken is POST /token: the service key for a session token.
func (c *Client) exchangeToken(ctx context.Context) (string, time.Duration, error) {
	r := request{method: http.MethodPost, path: "/token", basicKey: true, insist: true}
	resp, err := c.send(ctx, r)
	if err != nil {
		return "", 0, err
	}
	if resp.status == http.StatusUnauthorized {
		e := c.apiError(r, resp)
		e.Message = "authentication failed: check your service key"
		return "", 0, e
	}
	if !resp.ok() {
		e := c.apiError(r, resp)
		e.Message = "authentication error: " + e.Message
		return "", 0, e
	}
	var tr tokenResponse
	if err := json.Unmarshal(resp.body, &tr); err != nil || tr.AccessToken == "" {
		return "", 0, &APIError{Kind: KindAuthentication, Method: r.method, Path: r.path, Status: resp.status,
			Message: "authentication error: /token answered without an access_token"}
	}
	lifetime := time.Duration(tr.ExpiresIn) * time.Second
	if lifetime <= 0 {
		lifetime = defaultTokenLifetime
	}
	return tr.AccessToken, lifetime, nil
}
