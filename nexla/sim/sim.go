// Package sim is a Nexla API simulator: a real net/http server that speaks the
// Nexla REST contract (../../../shared/nexla-api.md) over a seeded demo org
// with incident scenarios, a clock that produces runs, injectable faults and a
// scale generator. It never imports the client: the wire shape is written
// here, from the server's renderers, so clients are tested against the
// server's behaviour and not against their own assumptions.
package sim

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Options configure a simulator.
type Options struct {
	Seed       int64
	ExtraFlows int     // flows added by the scale generator on top of the demo org
	Speed      float64 // sim clock rate; 1 (or 0) = real time, 60 = a minute per second
	// Frozen stops the clock: it moves only with Advance. For tests.
	Frozen bool
	// Start is the sim clock's start; zero means time.Now().
	Start time.Time
	// ServiceKey defaults to 32 hex chars derived from Seed.
	ServiceKey string
	// TokenLifetime defaults to one hour. Token expiry follows wall time plus
	// Advance (not Speed), so a fast clock does not expire tokens every second.
	TokenLifetime time.Duration
	Faults        Faults
	Logger        *slog.Logger
}

// Faults are injected into every API request (never into /__sim/ admin calls).
type Faults struct {
	Drills                      // scheduled storms and spikes, lost answers (drills.go)
	LatencyFixed  time.Duration `json:"latency_fixed"`
	LatencyJitter time.Duration `json:"latency_jitter"`
	ErrorRate     float64       `json:"error_rate"` // share of requests answered 5xx
	Burst429      int           `json:"burst_429"`  // the next N requests get 429
	RetryAfter    time.Duration `json:"retry_after"`
	DropRate      float64       `json:"drop_rate"` // share of connections closed without an answer
	SlowBody      time.Duration `json:"slow_body"` // stretch each response body over this long
}

// Validate rejects values no fault can mean.
func (f Faults) Validate() error {
	switch {
	case f.LatencyFixed < 0, f.LatencyJitter < 0, f.RetryAfter < 0, f.SlowBody < 0:
		return errors.New("fault durations must not be negative")
	case f.ErrorRate < 0 || f.ErrorRate > 1:
		return fmt.Errorf("error rate %v is outside 0..1", f.ErrorRate)
	case f.DropRate < 0 || f.DropRate > 1:
		return fmt.Errorf("drop rate %v is outside 0..1", f.DropRate)
	case f.Burst429 < 0:
		return errors.New("429 burst must not be negative")
	}
	return f.Drills.validate()
}

// Sim is one simulated Nexla.
type Sim struct {
	opts  Options
	log   *slog.Logger
	clock *clock

	mu      sync.RWMutex // guards org, minNext, tokens
	org     *org
	minNext time.Time
	tokens  map[string]time.Time // token -> expiry on the token clock
	scen    []Scenario

	faultMu sync.Mutex
	adminMu sync.Mutex // serialises PUT/PATCH /__sim/faults
	faults  Faults
	rng     *rand.Rand
	counts  map[string]int64
	drill   drillState // drill schedule anchor and the mutation record (drills.go)

	handler http.Handler
	srvMu   sync.Mutex
	srv     *http.Server
}

// New builds the org and its history. The demo org is instant; 100,000
// resources take about a second (see docs/benchmarks/sim.md).
func New(o Options) (*Sim, error) {
	if o.ExtraFlows < 0 {
		return nil, fmt.Errorf("extra flows must not be negative (got %d)", o.ExtraFlows)
	}
	if o.ExtraFlows > maxExtraFlows {
		return nil, fmt.Errorf("extra flows %d is above the maximum %d (about 100,000 resources)", o.ExtraFlows, maxExtraFlows)
	}
	if o.Speed < 0 {
		return nil, fmt.Errorf("speed must not be negative (got %v)", o.Speed)
	}
	if o.Speed == 0 {
		o.Speed = 1
	}
	if o.TokenLifetime < 0 {
		return nil, errors.New("token lifetime must not be negative")
	}
	if o.TokenLifetime == 0 {
		o.TokenLifetime = time.Hour
	}
	if err := o.Faults.Validate(); err != nil {
		return nil, err
	}
	if o.ServiceKey == "" {
		sum := sha256.Sum256([]byte("nexla-sim-service-key:" + strconv.FormatInt(o.Seed, 10)))
		o.ServiceKey = hex.EncodeToString(sum[:16])
	}
	if o.Start.IsZero() {
		o.Start = time.Now()
	}
	o.Start = o.Start.UTC().Truncate(time.Millisecond)
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Sim{
		opts: o, log: o.Logger,
		clock:  newClock(o.Start, o.Speed, o.Frozen),
		tokens: make(map[string]time.Time),
		faults: o.Faults,
		rng:    rand.New(rand.NewPCG(uint64(o.Seed), 0x5eed)),
		counts: make(map[string]int64),
	}
	s.org = newOrg(len(demoFlows) + o.ExtraFlows)
	s.buildDemo(o.Start)
	s.generateExtra(o.Start, o.ExtraFlows)
	s.minNext = o.Start
	s.handler = s.routes()
	return s, nil
}

// Handler serves the API and the /__sim/ admin endpoints.
func (s *Sim) Handler() http.Handler { return s.handler }

// Start serves in the background on addr ("" = 127.0.0.1:0) and returns the
// base URL, e.g. http://127.0.0.1:41234.
func (s *Sim) Start(addr string) (string, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("sim: listen on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second}
	s.srvMu.Lock()
	s.srv = srv
	s.srvMu.Unlock()
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("sim server stopped", "err", err)
		}
	}()
	return "http://" + ln.Addr().String(), nil
}

// Close stops a server started with Start.
func (s *Sim) Close() error {
	s.srvMu.Lock()
	srv := s.srv
	s.srv = nil
	s.srvMu.Unlock()
	if srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		return srv.Close()
	}
	return nil
}

// ServiceKey is the key POST /token accepts.
func (s *Sim) ServiceKey() string { return s.opts.ServiceKey }

// Now is the sim clock.
func (s *Sim) Now() time.Time { return s.clock.now() }

// Advance moves the sim clock (and the token clock) forward and produces the
// runs that became due.
func (s *Sim) Advance(d time.Duration) {
	if d <= 0 {
		return
	}
	s.clock.advance(d)
	s.mu.Lock()
	s.catchUp(s.clock.now())
	s.mu.Unlock()
}

// Scenarios lists the seeded incidents and the healthy reference flows.
func (s *Sim) Scenarios() []Scenario { return append([]Scenario(nil), s.scen...) }

// FlowStatus is the status of the flow's origin ("ACTIVE", "PAUSED",
// "RATE_LIMITED"), or "" for an unknown flow id. Any node id of the flow works.
func (s *Sim) FlowStatus(flowID int64) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if f := s.org.flowByNode[flowID]; f != nil {
		return f.status()
	}
	return ""
}

// FaultCounts reports how often each fault fired: "latency", "5xx", "429",
// "drop", "slow_body", plus "requests", "tokens_issued" and "401".
func (s *Sim) FaultCounts() map[string]int64 {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	out := make(map[string]int64, len(s.counts))
	for k, v := range s.counts {
		out[k] = v
	}
	return out
}

// SetFaults replaces the faults at runtime. Invalid values are rejected.
func (s *Sim) SetFaults(f Faults) error {
	if err := f.Validate(); err != nil {
		return err
	}
	s.faultMu.Lock()
	s.faults = f
	s.faultMu.Unlock()
	return nil
}

// ExpireTokens makes every issued token invalid (the next call gets 401).
func (s *Sim) ExpireTokens() {
	s.mu.Lock()
	clear(s.tokens)
	s.mu.Unlock()
}

func (s *Sim) count(name string) {
	s.faultMu.Lock()
	s.counts[name]++
	s.faultMu.Unlock()
}

// clock is the sim clock: start + Advance offsets + elapsed wall time x speed.
// The token clock is the same without the speed factor.
type clock struct {
	mu        sync.Mutex
	start     time.Time
	wallStart time.Time
	speed     float64
	frozen    bool
	offset    time.Duration
}

func newClock(start time.Time, speed float64, frozen bool) *clock {
	return &clock{start: start, wallStart: time.Now(), speed: speed, frozen: frozen}
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.start.Add(c.offset)
	if !c.frozen {
		t = t.Add(time.Duration(float64(time.Since(c.wallStart)) * c.speed))
	}
	return t.UTC()
}

func (c *clock) tokenNow() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
}
