// Package sim is a Nexla API simulator: a real net/http server that speaks the
// Nexla REST contract (docs/contract.md) over a seeded demo org
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
	ExtraFlows int // flows added by the scale generator on top of the demo org
	// ExtraFailing is the share (0..1) of the generated flows that fail: a
	// source outage (failed runs) or a network timeout (partial runs) for
	// their last few hours. Zero keeps them all healthy.
	ExtraFailing float64
	// NoOrgHealth answers 404 on the org-level health endpoints
	// (/health/org/flows, /health/org/all, /users/{uid}/flows/dashboard), as a
	// server older than them would, so a client's fallback can be tested.
	NoOrgHealth bool
	Speed       float64 // sim clock rate; 1 (or 0) = real time, 60 = a minute per second
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
	// LogUnit is how the numbers of the log endpoints' from/to are read, a
	// point the contract leaves disputed (§9 row 8): LogUnitEither (the
	// default: >= 1e11 is milliseconds, smaller is seconds), LogUnitSeconds or
	// LogUnitMillis. Under a fixed unit a client sending the other one gets
	// no lines, as it would from a server of that reading.
	LogUnit string
	// RunOrder is the order of run_summary rows and pages, which the contract
	// leaves undocumented (§9 row 7): RunOrderDesc (the default, newest
	// first) or RunOrderAsc (oldest first).
	RunOrder string
}

// The readings of the undocumented points (Options.LogUnit, Options.RunOrder).
const (
	LogUnitEither  = "either"
	LogUnitSeconds = "s"
	LogUnitMillis  = "ms"
	RunOrderDesc   = "desc"
	RunOrderAsc    = "asc"
)

// ValidateReadings rejects a LogUnit or RunOrder the simulator has no reading
// for ("" means the default of each).
func (o Options) ValidateReadings() error {
	switch o.LogUnit {
	case "", LogUnitEither, LogUnitSeconds, LogUnitMillis:
	default:
		return fmt.Errorf("log unit %q: use either, s or ms", o.LogUnit)
	}
	switch o.RunOrder {
	case "", RunOrderDesc, RunOrderAsc:
	default:
		return fmt.Errorf("run order %q: use desc (newest first) or asc (oldest first)", o.RunOrder)
	}
	return nil
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
	// MetricsStatus makes the metrics service fail with this HTTP status (0 =
	// healthy): every flow read with include_run_metrics=1 then answers with
	// it and the service's {status, message}, as render_flows passes it on.
	// Nothing else (run summaries, logs) is affected.
	MetricsStatus int `json:"metrics_status"`
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
	case f.MetricsStatus != 0 && (f.MetricsStatus < 400 || f.MetricsStatus > 599):
		return fmt.Errorf("metrics status %d: use 0 (healthy) or an error status 400..599", f.MetricsStatus)
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
	tokens  map[string]session
	scen    []Scenario
	idents  []Identity // the demo user first

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
	if o.ExtraFailing < 0 || o.ExtraFailing > 1 {
		return nil, fmt.Errorf("extra failing share %v is outside 0..1", o.ExtraFailing)
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
	if err := o.ValidateReadings(); err != nil {
		return nil, err
	}
	if o.LogUnit == "" {
		o.LogUnit = LogUnitEither
	}
	if o.RunOrder == "" {
		o.RunOrder = RunOrderDesc
	}
	if o.ServiceKey == "" {
		o.ServiceKey = derivedKey(o.Seed, "")
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
		tokens: make(map[string]session),
		faults: o.Faults,
		rng:    rand.New(rand.NewPCG(uint64(o.Seed), 0x5eed)),
		counts: make(map[string]int64),
	}
	s.org = newOrg(len(demoFlows) + o.ExtraFlows)
	s.buildDemo(o.Start)
	s.generateExtra(o.Start, o.ExtraFlows)
	s.minNext = o.Start
	s.idents = identities(o)
	s.handler = s.routes()
	return s, nil
}

// derivedKey is the service key of an identity: 32 hex chars from the seed.
func derivedKey(seed int64, who string) string {
	in := "nexla-sim-service-key:" + strconv.FormatInt(seed, 10)
	if who != "" {
		in += ":" + who
	}
	sum := sha256.Sum256([]byte(in))
	return hex.EncodeToString(sum[:16])
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

// ServiceKey is the demo user's key for POST /token.
func (s *Sim) ServiceKey() string { return s.opts.ServiceKey }

// Identities are every service key the simulator accepts, the demo user's
// (ServiceKey) first; see identity.go.
func (s *Sim) Identities() []Identity { return append([]Identity(nil), s.idents...) }

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
