package nexla

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// mediaType selects API v1 (the spec says clients should send it).
const mediaType = "application/vnd.nexla.api.v1+json"

// request is one logical API call; send may make several attempts of it.
type request struct {
	method string
	path   string // starts with "/", no query
	query  url.Values
	body   any // JSON-encoded when non-nil
	// retry marks idempotent calls (GETs) that may be retried on
	// 429/502/503/504 and connection errors.
	retry bool
	// insist marks reads that must not give up on one 500: the token
	// exchange (asking twice is harmless) and the re-read that settles a
	// mutation whose answer was lost. Retried on any 5xx too.
	insist bool
	// mutating calls are refused by a read-only client before any I/O. One
	// without retry is never re-sent once it may have reached the server
	// (mutate decides what to do when its answer is lost).
	mutating bool
	// basicKey sends the service key as Basic auth (POST /token only).
	basicKey bool
	// probe: a 401 that carries a JSON body is the probed system's answer,
	// not our session expiring, so it must not trigger a re-token.
	probe bool
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r *response) ok() bool { return r.status >= 200 && r.status < 300 }

// retryableStatus are the statuses retried (idempotent calls only) and, except
// 429, counted by the breaker.
func retryableStatus(s int) bool { return s == 429 || s == 502 || s == 503 || s == 504 }

// mayRetryStatus says whether an answer with this status may be followed by
// another attempt of r. A mutation is re-sent only after a 429 that carries
// Retry-After: the server refused it before doing anything (rate limiting
// runs before the controller; docs/decisions.md).
func (r request) mayRetryStatus(resp *response) bool {
	switch {
	case r.insist:
		return resp.status == http.StatusTooManyRequests || resp.status >= 500
	case r.retry:
		return retryableStatus(resp.status)
	case r.mutating:
		return resp.status == http.StatusTooManyRequests && resp.header.Get("Retry-After") != ""
	}
	return false
}

// mayRetryError says whether a failed exchange may be tried again: always
// for reads and renewals, and for anything when the connection was never
// made (the request did not leave this machine).
func (r request) mayRetryError(err error) bool {
	return r.retry || r.insist || !mayHaveReached(err)
}

// mayHaveReached is false only for failures before the request was written:
// a refused or unroutable connection, a failed DNS lookup.
func mayHaveReached(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return false
	}
	var dns *net.DNSError
	return !errors.As(err, &dns)
}

// send performs r with auth, retries, re-auth and the breaker. It returns the
// final response whatever its status; the error is for failures with no HTTP
// answer (network, timeout, open circuit, cancelled ctx, token exchange).
func (c *Client) send(ctx context.Context, r request) (*response, error) {
	resp, _, err := c.exchange(ctx, r)
	return resp, err
}

// exchange is send that also reports whether the last attempt may have
// reached the server: a mutation whose answer is lost needs to know. (A
// mutation is only ever re-sent after an attempt that provably did nothing:
// a refused connection, a 401, a 429 with Retry-After.)
func (c *Client) exchange(ctx context.Context, r request) (resp *response, reached bool, err error) {
	if r.mutating && c.readOnly {
		return nil, false, ErrReadOnly
	}
	reauthed := false
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return nil, reached, c.netError(r, err)
		}
		token := ""
		if !r.basicKey {
			var err error
			if token, err = c.sessionToken(ctx); err != nil {
				return nil, reached, err
			}
		}
		if !c.breaker.allow(c.clock.Now()) {
			return nil, reached, &APIError{Kind: KindNetwork, Method: r.method, Path: r.path,
				Message: ErrCircuitOpen.Error(), Err: ErrCircuitOpen}
		}
		resp, err := c.attempt(ctx, r, token)
		if err != nil {
			reached = mayHaveReached(err)
			if ctx.Err() != nil {
				c.breaker.abandon()
				return nil, reached, c.netError(r, ctx.Err())
			}
			c.breaker.failure(c.clock.Now())
			c.log.Debug("api request failed", "method", r.method, "path", r.path, "attempt", attempt+1, "error", c.scrubbed(err.Error()))
			if r.mayRetryError(err) && attempt < c.maxRetries {
				if serr := c.clock.Sleep(ctx, c.backoff(attempt)); serr != nil {
					return nil, reached, c.netError(r, serr)
				}
				continue
			}
			return nil, reached, c.netError(r, err)
		}
		reached = true
		if resp.status >= 502 && resp.status <= 504 {
			c.breaker.failure(c.clock.Now())
		} else {
			c.breaker.success()
		}
		c.log.Debug("api request", "method", r.method, "path", r.path, "status", resp.status,
			"attempt", attempt+1, "latency", c.LastLatency())

		if resp.status == http.StatusUnauthorized && !r.basicKey && c.auth.canRefresh() && !reauthed &&
			!(r.probe && len(bytes.TrimSpace(resp.body)) > 0) {
			reauthed = true
			c.auth.invalidate(token)
			attempt-- // the re-auth retry does not spend the retry budget
			continue
		}
		if r.mayRetryStatus(resp) && attempt < c.maxRetries {
			delay, ok := c.retryAfter(resp.header)
			if !ok {
				delay = c.backoff(attempt)
			}
			if serr := c.clock.Sleep(ctx, delay); serr != nil {
				return nil, reached, c.netError(r, serr)
			}
			continue
		}
		return resp, reached, nil
	}
}

// attempt is one HTTP exchange bounded by the per-attempt timeout.
func (c *Client) attempt(ctx context.Context, r request, token string) (*response, error) {
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	u := c.base + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	var body io.Reader
	if r.body != nil {
		b, err := json.Marshal(r.body)
		if err != nil {
			return nil, fmt.Errorf("encoding request body: %w", err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(actx, r.method, u, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", mediaType)
	req.Header.Set("User-Agent", c.userAgent)
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	switch {
	case r.basicKey:
		// The SDK sends the raw key, not base64: so do we.
		req.Header.Set("Authorization", "Basic "+c.auth.serviceKey)
		req.ContentLength = 0
	case token != "":
		req.Header.Set("Authorization", "Bearer "+token)
	}
	start := time.Now()
	hresp, err := c.hc.Do(req)
	if err != nil {
		if actx.Err() == context.DeadlineExceeded && ctx.Err() == nil {
			return nil, fmt.Errorf("no answer within %s", c.timeout)
		}
		return nil, err
	}
	defer hresp.Body.Close()
	c.noteServerDate(hresp.Header.Get("Date"), c.clock.Now())
	data, err := readBody(hresp)
	c.lastLatency.Store(int64(time.Since(start)))
	if err != nil {
		if actx.Err() == context.DeadlineExceeded && ctx.Err() == nil {
			return nil, fmt.Errorf("response not complete within %s", c.timeout)
		}
		return nil, fmt.Errorf("reading response: %w", err)
	}
	return &response{status: hresp.StatusCode, header: hresp.Header, body: data}, nil
}

// readBody reads the body (at most maxBodyBytes) into a buffer sized from
// Content-Length when the server sent one: io.ReadAll grows from 512 bytes,
// allocating and copying a 1 MB listing page about twice over. The size
// asked for up front is capped, so a false Content-Length costs little.
func readBody(hresp *http.Response) ([]byte, error) {
	const maxUpFront = 8 << 20
	n := hresp.ContentLength
	if n <= 0 || n > maxUpFront {
		return io.ReadAll(io.LimitReader(hresp.Body, maxBodyBytes))
	}
	buf := bytes.NewBuffer(make([]byte, 0, n+bytes.MinRead))
	_, err := buf.ReadFrom(io.LimitReader(hresp.Body, maxBodyBytes))
	return buf.Bytes(), err
}

// backoff is full jitter: uniform in [0, min(cap, base*2^attempt)].
func (c *Client) backoff(attempt int) time.Duration {
	d := c.backoffBase
	for i := 0; i < attempt && d < c.backoffCap; i++ {
		d *= 2
	}
	if d > c.backoffCap {
		d = c.backoffCap
	}
	if d <= 0 {
		return 0
	}
	return c.jitter(d)
}

// retryAfter reads Retry-After as seconds or an HTTP date, capped.
func (c *Client) retryAfter(h http.Header) (time.Duration, bool) {
	d, ok := parseRetryAfter(h.Get("Retry-After"), c.clock.Now())
	if !ok {
		return 0, false
	}
	if d > c.retryAfterCap {
		d = c.retryAfterCap
	}
	return d, true
}

func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil {
		if math.IsNaN(n) {
			return 0, false
		}
		return secondsDelay(n), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), maxRetryAfter), true
	}
	return 0, false
}

// netError wraps a failure that has no HTTP status. url.Error is unwrapped
// because its text repeats the whole URL, query string included.
func (c *Client) netError(r request, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	msg := c.scrubbed(err.Error())
	switch {
	case errors.Is(err, context.Canceled):
		msg = "cancelled"
	case errors.Is(err, context.DeadlineExceeded):
		msg = "deadline exceeded"
	}
	return &APIError{Kind: KindNetwork, Method: r.method, Path: r.path, Message: msg, Err: err}
}

func (c *Client) scrubbed(s string) string { return scrub(s, c.auth.secrets()...) }
