package nexla

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"time"
)

// Clock is the client's view of time. Tests inject a fake so retry and
// token-expiry tests run in milliseconds.
type Clock interface {
	Now() time.Time
	// Sleep waits d or until ctx is done, returning ctx.Err() in that case.
	Sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Defaults, chosen for an interactive tool over flaky links.
const (
	DefaultTimeout       = 10 * time.Second // per attempt, as the SDK
	DefaultMaxRetries    = 3                // 4 attempts, as the SDK
	DefaultBackoffBase   = 500 * time.Millisecond
	DefaultBackoffCap    = 8 * time.Second
	DefaultRetryAfterCap = 30 * time.Second
	DefaultConcurrency   = 6
	DefaultPerPage       = 100
	DefaultBreakerFails  = 5
	DefaultBreakerCool   = 15 * time.Second
	maxBodyBytes         = 64 << 20
)

// Client talks to one Nexla API base URL. It is safe for concurrent use.
type Client struct {
	base          string
	readOnly      bool
	profile       string
	hc            *http.Client
	timeout       time.Duration
	log           *slog.Logger
	userAgent     string
	clock         Clock
	maxRetries    int
	backoffBase   time.Duration
	backoffCap    time.Duration
	retryAfterCap time.Duration
	jitter        func(max time.Duration) time.Duration
	concurrency   int
	breakerFails  int
	breakerCool   time.Duration
	breaker       *breaker
	auth          *authState
	lastLatency   atomic.Int64
	// accessRole is sent as access_role on every list and lookup that does
	// not set its own: without it the server lists only what the caller owns.
	accessRole string
	// logUnit is the unit of log from/to this session has seen work (see logs.go).
	logUnit atomic.Int32
	// serverSkew is the server's clock minus ours in ns, from the Date
	// header of the latest answer (see servertime.go).
	serverSkew atomic.Int64
	skewKnown  atomic.Bool
}

// Option configures New.
type Option func(*Client)

// WithHTTPClient replaces the HTTP client (its Timeout is left alone; the
// per-attempt timeout comes from WithTimeout).
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.hc = hc } }

// WithTimeout sets the per-attempt timeout (default 10 s).
func WithTimeout(d time.Duration) Option { return func(c *Client) { c.timeout = d } }

// WithLogger sets the request logger (default: discard). Secrets are never logged.
func WithLogger(l *slog.Logger) Option { return func(c *Client) { c.log = l } }

// WithUserAgent sets the whole User-Agent header.
func WithUserAgent(ua string) Option { return func(c *Client) { c.userAgent = ua } }

// WithVersion sets User-Agent to nexla-tui/<version>.
func WithVersion(v string) Option { return func(c *Client) { c.userAgent = "nexla-tui/" + v } }

// WithClock injects now/sleep (tests).
func WithClock(clk Clock) Option { return func(c *Client) { c.clock = clk } }

// WithRetry sets the retry budget (max retries after the first attempt) and
// the exponential backoff base and cap. Backoff uses full jitter.
func WithRetry(max int, base, capDelay time.Duration) Option {
	return func(c *Client) { c.maxRetries, c.backoffBase, c.backoffCap = max, base, capDelay }
}

// WithRetryAfterCap bounds how long a server's Retry-After can make us wait (default 30 s).
func WithRetryAfterCap(d time.Duration) Option { return func(c *Client) { c.retryAfterCap = d } }

// WithJitter replaces the random part of backoff: it returns a duration in
// [0, max]. Tests pass the identity to make delays exact.
func WithJitter(f func(max time.Duration) time.Duration) Option {
	return func(c *Client) { c.jitter = f }
}

// WithConcurrency bounds parallel page fetches (default 6).
func WithConcurrency(n int) Option { return func(c *Client) { c.concurrency = n } }

// WithBreaker sets how many consecutive retryable failures open the circuit
// and how long it stays open before one trial request (default 5, 15 s).
func WithBreaker(failures int, cooldown time.Duration) Option {
	return func(c *Client) { c.breakerFails, c.breakerCool = failures, cooldown }
}

// DefaultAccessRole is what lists ask for when neither a call, an option nor
// the profile says otherwise: everything the caller may see, not only what
// the caller owns (the server's default when access_role is absent).
const DefaultAccessRole = "collaborator"

// accessRoles are the values of access_role the client accepts ("all" is a
// server extension, contract §3.2).
var accessRoles = []string{"owner", "collaborator", "operator", "admin", "all"}

// ValidAccessRole reports whether r is an access_role the server knows.
func ValidAccessRole(r string) bool { return slices.Contains(accessRoles, r) }

// AccessRoles lists the roles ValidAccessRole accepts, for messages.
func AccessRoles() []string { return slices.Clone(accessRoles) }

// WithAccessRole sets the access_role sent with every list and lookup that
// does not set one itself (default: DefaultAccessRole). The caller picks it:
// the flag over the profile's access_role (cli/connect.go).
func WithAccessRole(role string) Option { return func(c *Client) { c.accessRole = role } }

// New builds a client from settings. The first call exchanges the service key
// for a session token; New itself does no I/O.
func New(s Settings, opts ...Option) (*Client, error) {
	base, err := NormalizeBaseURL(s.BaseURL)
	if s.BaseURL == "" {
		base, err = DefaultBaseURL, nil
	}
	if err != nil {
		return nil, err
	}
	if s.ServiceKey != "" && s.AccessToken != "" {
		return nil, fmt.Errorf("both a service key and an access token were given: keep only one")
	}
	if s.ServiceKey == "" && s.AccessToken == "" {
		return nil, ErrNoCredentials
	}
	c := &Client{
		base:          base,
		readOnly:      s.ReadOnly,
		profile:       s.Profile,
		hc:            &http.Client{},
		timeout:       DefaultTimeout,
		userAgent:     "nexla-tui/dev",
		clock:         realClock{},
		maxRetries:    DefaultMaxRetries,
		backoffBase:   DefaultBackoffBase,
		backoffCap:    DefaultBackoffCap,
		retryAfterCap: DefaultRetryAfterCap,
		jitter:        func(max time.Duration) time.Duration { return time.Duration(rand.Int64N(int64(max) + 1)) },
		concurrency:   DefaultConcurrency,
		breakerFails:  DefaultBreakerFails,
		breakerCool:   DefaultBreakerCool,
	}
	for _, o := range opts {
		o(c)
	}
	if c.log == nil {
		c.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if c.concurrency < 1 {
		c.concurrency = 1
	}
	if c.maxRetries < 0 {
		c.maxRetries = 0
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.accessRole == "" {
		c.accessRole = DefaultAccessRole
	}
	if !ValidAccessRole(c.accessRole) {
		return nil, fmt.Errorf("access_role %q: use one of %s", c.accessRole, strings.Join(accessRoles, ", "))
	}
	c.breaker = newBreaker(c.breakerFails, c.breakerCool)
	c.auth = newAuthState(s.ServiceKey, s.AccessToken)
	return c, nil
}

// ReadOnly reports whether mutating calls are refused.
func (c *Client) ReadOnly() bool { return c.readOnly }

// AccessRole is the access_role every list and lookup sends unless the call sets its own.
func (c *Client) AccessRole() string { return c.accessRole }

// role is the call's own access_role, else the client's.
func (c *Client) role(own string) string {
	if own != "" {
		return own
	}
	return c.accessRole
}

// BaseURL is the API root without a trailing slash.
func (c *Client) BaseURL() string { return c.base }

// LastLatency is the duration of the most recent HTTP exchange (0 before any).
func (c *Client) LastLatency() time.Duration { return time.Duration(c.lastLatency.Load()) }

// Breaker reports the circuit state for the base URL: "closed", "open" or "half-open".
func (c *Client) Breaker() string { return c.breaker.state(c.clock.Now()).String() }

var _ API = (*Client)(nil)

// String describes the client without secrets.
func (c *Client) String() string {
	return fmt.Sprintf("nexla.Client{base:%q profile:%q auth:%s read_only:%t}", c.base, c.profile, c.auth.modeName(), c.readOnly)
}

// Format keeps %v/%+v/%#v of a *Client from printing its fields (and secrets).
func (c *Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }
