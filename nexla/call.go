package nexla

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nexla-tui/nexla-tui/nexla/safetext"
)

// errEmptyAnswer is a 2xx with no JSON where JSON was expected.
var errEmptyAnswer = errors.New("empty answer where JSON was expected")

// call sends r and decodes a 2xx JSON body into out (when out is non-nil).
// Any other status becomes an *APIError, and so does a 2xx whose body is
// empty, null or not JSON of out's shape: read as nothing, it would show an
// empty list or org with no error (never false calm).
func (c *Client) call(ctx context.Context, r request, out any) (*response, error) {
	resp, err := c.send(ctx, r)
	if err != nil {
		return nil, err
	}
	if !resp.ok() {
		return resp, c.apiError(r, resp)
	}
	if out != nil {
		if err := decodeJSONBody(resp.body, out); err != nil {
			return resp, c.badAnswer(r, resp, err)
		}
	}
	return resp, nil
}

// badAnswer is the error of a 2xx whose body could not be used.
func (c *Client) badAnswer(r request, resp *response, err error) *APIError {
	msg := "unexpected response: " + shortJSONError(err)
	if errors.Is(err, errEmptyAnswer) {
		msg = "the server answered " + strconv.Itoa(resp.status) + " with an empty body where JSON was expected"
	}
	return &APIError{Kind: KindServer, Method: r.method, Path: r.path, Status: resp.status,
		Message: msg, RequestID: requestID(resp.header), Err: err}
}

// get is call for an idempotent GET.
func (c *Client) get(ctx context.Context, path string, q url.Values, out any) (*response, error) {
	return c.call(ctx, request{method: http.MethodGet, path: path, query: q, retry: true}, out)
}

// getEach GETs a JSON array whose elements vary in shape and reads each one
// with decode (run statuses, samples).
func getEach[T any](ctx context.Context, c *Client, path string, q url.Values, decode func(json.RawMessage) T) ([]T, error) {
	var raws []json.RawMessage
	if _, err := c.get(ctx, path, q, &raws); err != nil {
		return nil, err
	}
	out := make([]T, 0, len(raws))
	for _, r := range raws {
		out = append(out, decode(r))
	}
	return out, nil
}

// flagQuery is ?name=1 when on, else no query.
func flagQuery(name string, on bool) url.Values {
	if !on {
		return nil
	}
	return url.Values{name: {"1"}}
}

// shortJSONError keeps decode errors to one sanitized line (they can quote input).
func shortJSONError(err error) string {
	return clip(safetext.Clean(err.Error()), 160)
}

func requestID(h http.Header) string {
	for _, k := range []string{"X-Request-Id", "X-Request-ID", "Request-Id", "X-Amzn-Requestid"} {
		if v := h.Get(k); v != "" {
			return safetext.Clean(v)
		}
	}
	return ""
}

// errorBody is every error envelope seen: Rails {message, error_code}, probe
// passthrough {status, message}, the docs' {error, error_description, ...}.
type errorBody struct {
	Message          json.RawMessage `json:"message"`
	Error            json.RawMessage `json:"error"`
	ErrorDescription string          `json:"error_description"`
	ErrorCode        json.RawMessage `json:"error_code"`
	RetryAfter       json.RawMessage `json:"retry_after"`
	Status           json.RawMessage `json:"status"`
}

// apiError maps a non-2xx response to an *APIError: kind from the status, the
// server's message (or its plain text, or nothing for an empty body), the
// error code and the request id. Secrets are scrubbed from the message.
func (c *Client) apiError(r request, resp *response) *APIError {
	e := &APIError{Kind: KindForStatus(resp.status), Method: r.method, Path: r.path, Status: resp.status,
		RequestID: requestID(resp.header)}
	body := bytes.TrimSpace(resp.body)
	var eb errorBody
	if len(body) > 0 && body[0] == '{' && json.Unmarshal(body, &eb) == nil {
		{
			e.Message = firstText(eb.Message, eb.Error)
			if e.Message == "" {
				e.Message = eb.ErrorDescription
			}
			e.ErrorCode = rawText(eb.ErrorCode)
			if n, err := strconv.ParseFloat(rawText(eb.RetryAfter), 64); err == nil && n > 0 && resp.status == 429 {
				e.RetryAfter = secondsDelay(n)
			}
		}
	} else if len(body) > 0 && body[0] != '<' {
		// Plain text; HTML error pages from proxies are dropped as noise.
		e.Message = string(body)
	}
	if resp.status == http.StatusTooManyRequests {
		if d, ok := parseRetryAfter(resp.header.Get("Retry-After"), c.clock.Now()); ok {
			e.RetryAfter = d
		}
	}
	if resp.status == http.StatusUnauthorized && c.auth.direct && r.path != "/token" {
		if e.Message == "" {
			e.Message = tokenExpiredText
		} else {
			e.Message = tokenExpiredText + ": " + e.Message
		}
	}
	// Redact before clipping: a secret cut in half by the clip would no
	// longer match, and its first characters would be shown.
	e.Message = clip(c.scrubbed(safetext.Clean(strings.TrimSpace(e.Message))), 500)
	e.ErrorCode = clip(safetext.Clean(e.ErrorCode), 80)
	return e
}

// firstText returns the first raw value that is a non-empty string, or a
// compact rendering of a non-string (e.g. {"message": {"field": ["bad"]}}).
func firstText(raws ...json.RawMessage) string {
	for _, r := range raws {
		if s := rawText(r); s != "" {
			return s
		}
	}
	return ""
}

// rawText renders a JSON scalar as text: strings unquoted, numbers as digits.
func rawText(r json.RawMessage) string {
	r = bytes.TrimSpace(r)
	if len(r) == 0 || string(r) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(r, &s) == nil {
		return s
	}
	return string(r)
}

// clip keeps at most n bytes of s, cut at a character boundary, and marks
// the cut with an ellipsis.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// pathf builds a path from a format with escaped segments.
func pathf(format string, a ...any) string {
	for i, v := range a {
		if s, ok := v.(string); ok {
			a[i] = url.PathEscape(s)
		}
		if rt, ok := v.(ResourceType); ok {
			a[i] = url.PathEscape(string(rt))
		}
	}
	return fmt.Sprintf(format, a...)
}

// maxRetryAfter bounds a server's Retry-After as reported in errors (the
// sleep itself is bounded by the client's retryAfterCap).
const maxRetryAfter = 24 * time.Hour

// secondsDelay turns a server's count of seconds into a delay clamped to
// [0, maxRetryAfter], so no value can overflow a Duration into a negative.
func secondsDelay(n float64) time.Duration {
	switch {
	case math.IsNaN(n) || n <= 0:
		return 0
	case n >= maxRetryAfter.Seconds():
		return maxRetryAfter
	}
	return time.Duration(n * float64(time.Second))
}

func errorf(format string, a ...any) error { return fmt.Errorf(format, a...) }
