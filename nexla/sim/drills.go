package sim

import (
	"errors"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Drills are the faults of fault drills, part of Faults (same JSON object):
// 429 storms and latency spikes on a schedule, and mutations the server
// applies before their answer is lost.
type Drills struct {
	// Storm429: during each window every API request (POST /token too) is
	// answered 429 with Retry-After (Faults.RetryAfter, default 1 s).
	Storm429 Window `json:"storm_429"`
	// LatencySpike: during each window every API request waits Delay more.
	LatencySpike Spike `json:"latency_spike"`
	// LoseAnswers: the first rule matching a mutating request (PUT, POST,
	// PATCH, DELETE; not /token) lets it be applied, then loses its answer.
	LoseAnswers []LoseAnswer `json:"lose_answers"`
	// Refuse: the first rule matching a request answers it with an error
	// status before the API sees it (drills_refuse.go).
	Refuse []Refusal `json:"refuse"`
}

// Window recurs every Every and lasts For, starting Start after the first
// API request that sees it (a changed window starts counting anew). Time is
// the wall clock plus /__sim/advance (the token clock), not the --speed sim
// clock: a 2 s spike lasts 2 s for the client that waits it.
type Window struct {
	Every time.Duration `json:"every"`
	For   time.Duration `json:"for"`
	Start time.Duration `json:"start"`
}

// Spike is a window of added latency.
type Spike struct {
	Window
	Delay time.Duration `json:"delay"`
}

// The ways an applied mutation's answer is lost.
const (
	Lose504   = "504"   // answered 504 (as a gateway that timed out)
	LoseDrop  = "drop"  // the connection is closed without an answer
	LoseStall = "stall" // the answer is held for Stall, then sent if the client still waits
)

// DefaultStall is how long a "stall" holds an answer when Stall is 0.
const DefaultStall = 30 * time.Second

// LoseAnswer is one "apply, then lose the answer" rule.
type LoseAnswer struct {
	Mode   string  `json:"mode"`   // Lose504, LoseDrop or LoseStall
	Method string  `json:"method"` // "" = any mutating method
	Path   string  `json:"path"`   // path.Match pattern such as /flows/*/pause; "" = any path
	Rate   float64 `json:"rate"`   // share of matching requests; 0 = every one
	Count  int     `json:"count"`  // lose only the next Count answers, then the rule ends; 0 = no limit
	// Stall is how long LoseStall holds the answer (default DefaultStall).
	Stall time.Duration `json:"stall"`
}

func (w Window) validate(name string) error {
	switch {
	case w.Every < 0 || w.For < 0 || w.Start < 0:
		return fmt.Errorf("%s: durations must not be negative", name)
	case w.For > 0 && w.Every <= 0:
		return fmt.Errorf("%s: a window needs every > 0", name)
	case w.For > w.Every:
		return fmt.Errorf("%s: for (%s) is longer than every (%s)", name, w.For, w.Every)
	}
	return nil
}

func (d Drills) validate() error {
	if err := d.Storm429.validate("storm_429"); err != nil {
		return err
	}
	if err := d.LatencySpike.validate("latency_spike"); err != nil {
		return err
	}
	if d.LatencySpike.Delay < 0 {
		return errors.New("latency_spike: delay must not be negative")
	}
	for i, l := range d.LoseAnswers {
		switch {
		case l.Mode != Lose504 && l.Mode != LoseDrop && l.Mode != LoseStall:
			return fmt.Errorf("lose_answers[%d]: mode %q: want 504, drop or stall", i, l.Mode)
		case l.Rate < 0 || l.Rate > 1:
			return fmt.Errorf("lose_answers[%d]: rate %v is outside 0..1", i, l.Rate)
		case l.Count < 0 || l.Stall < 0:
			return fmt.Errorf("lose_answers[%d]: count and stall must not be negative", i)
		case l.Method != "" && !isMutatingMethod(strings.ToUpper(l.Method)):
			return fmt.Errorf("lose_answers[%d]: method %q is not a mutating method", i, l.Method)
		}
		if _, err := path.Match(l.Path, ""); err != nil {
			return fmt.Errorf("lose_answers[%d]: path pattern %q: %v", i, l.Path, err)
		}
	}
	return validateRefusals(d.Refuse)
}

// active reports whether now falls in one of w's windows counted from anchor.
func (w Window) active(anchor, now time.Time) bool {
	if w.For <= 0 || w.Every <= 0 {
		return false
	}
	t := now.Sub(anchor) - w.Start
	return t >= 0 && t%w.Every < w.For
}

// drillState is the simulator's drill bookkeeping; the zero value is ready.
type drillState struct {
	// Guarded by Sim.faultMu: when the current windows started counting.
	windows [2]Window
	anchor  time.Time

	mutations mutationLog
}

// scheduled reports the storm and the spike delay for a request now. It
// runs with faultMu held.
func (s *Sim) scheduledLocked(f Faults, now time.Time) (storm bool, spike time.Duration) {
	ws := [2]Window{f.Storm429, f.LatencySpike.Window}
	if s.drill.anchor.IsZero() || ws != s.drill.windows {
		s.drill.windows, s.drill.anchor = ws, now
	}
	storm = f.Storm429.active(s.drill.anchor, now)
	if f.LatencySpike.active(s.drill.anchor, now) {
		spike = f.LatencySpike.Delay
	}
	return storm, spike
}

// loseRule picks the rule that will lose r's answer, if any. The rate is
// rolled here; a Count is spent only when the answer is actually lost.
func (s *Sim) loseRule(r *http.Request) (LoseAnswer, bool) {
	if !isMutation(r) {
		return LoseAnswer{}, false
	}
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	for _, l := range s.faults.LoseAnswers {
		if !l.matches(r) {
			continue
		}
		if l.Rate > 0 && l.Rate < 1 && s.rng.Float64() >= l.Rate {
			return LoseAnswer{}, false
		}
		return l, true
	}
	return LoseAnswer{}, false
}

func (l LoseAnswer) matches(r *http.Request) bool { return requestMatches(r, l.Method, l.Path) }

// requestMatches is a drill rule's match: the method when one is given
// (any case), and the path pattern (path.Match) when one is given.
func requestMatches(r *http.Request, method, pattern string) bool {
	if method != "" && !strings.EqualFold(method, r.Method) {
		return false
	}
	if pattern == "" {
		return true
	}
	ok, _ := path.Match(pattern, r.URL.Path)
	return ok
}

// spendRule takes one from the count of the rule l (matched by value); it
// reports false when a concurrent request used the last one. The slice is
// copied, never written in place: GET /__sim/faults may be reading it.
func (s *Sim) spendRule(l LoseAnswer) bool {
	if l.Count == 0 {
		return true
	}
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	i := slices.Index(s.faults.LoseAnswers, l)
	if i < 0 {
		return false
	}
	rules := slices.Clone(s.faults.LoseAnswers)
	if rules[i].Count--; rules[i].Count == 0 {
		rules = slices.Delete(rules, i, i+1)
	}
	s.faults.LoseAnswers = rules
	return true
}

func isMutatingMethod(m string) bool {
	switch m {
	case http.MethodPut, http.MethodPost, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

// isMutation: a mutating method on an API path. The token routes are not
// mutations of the org (they are counted as tokens_issued).
func isMutation(r *http.Request) bool {
	p := apiPath(r.URL.Path)
	return isMutatingMethod(r.Method) && p != "/token" && p != "/token/refresh" && p != "/token/logout"
}

// ParseWindow reads the --storm-429 flag: "EVERY/FOR", e.g. "60s/10s".
func ParseWindow(s string) (Window, error) {
	parts := strings.Split(s, "/")
	if len(parts) != 2 {
		return Window{}, fmt.Errorf("%q: want EVERY/FOR, e.g. 60s/10s", s)
	}
	return parseWindow(s, parts)
}

// ParseSpike reads the --latency-spike flag: "EVERY/FOR/DELAY", e.g. "30s/5s/2s".
func ParseSpike(s string) (Spike, error) {
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return Spike{}, fmt.Errorf("%q: want EVERY/FOR/DELAY, e.g. 30s/5s/2s", s)
	}
	w, err := parseWindow(s, parts[:2])
	if err != nil {
		return Spike{}, err
	}
	d, err := time.ParseDuration(parts[2])
	if err != nil {
		return Spike{}, fmt.Errorf("%q: delay: %v", s, err)
	}
	return Spike{Window: w, Delay: d}, nil
}

func parseWindow(s string, parts []string) (Window, error) {
	every, err := time.ParseDuration(parts[0])
	if err != nil {
		return Window{}, fmt.Errorf("%q: every: %v", s, err)
	}
	dur, err := time.ParseDuration(parts[1])
	if err != nil {
		return Window{}, fmt.Errorf("%q: for: %v", s, err)
	}
	w := Window{Every: every, For: dur}
	return w, w.validate(s)
}

// ParseLoseAnswer reads one --lose-answer flag: "MODE[@RATE][:PATH]", e.g.
// "504", "drop@0.3", "stall:/flows/*/activate", "504@0.5:/data_sources/*/pause".
func ParseLoseAnswer(s string) (LoseAnswer, error) {
	spec, pattern, _ := strings.Cut(s, ":")
	mode, rate, hasRate := strings.Cut(spec, "@")
	l := LoseAnswer{Mode: mode, Path: pattern}
	if hasRate {
		r, err := strconv.ParseFloat(rate, 64)
		if err != nil {
			return LoseAnswer{}, fmt.Errorf("%q: rate: %v", s, err)
		}
		l.Rate = r
	}
	if err := (Drills{LoseAnswers: []LoseAnswer{l}}).validate(); err != nil {
		return LoseAnswer{}, fmt.Errorf("%q: %v", s, err)
	}
	return l, nil
}
