package nexla_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
)

// The soak drives the real client against the simulator under every drill at
// once: 20% 5xx, scheduled 429 storms and latency spikes, a short token life
// and mutations whose answers are lost after they were applied. Readers list
// and show; one writer pauses and activates a flow, each call confirmed. It
// reports double applies (from the simulator's mutation record) and token
// renewals that failed without being retried.
//
// TestSoakShort runs in `make test` for a few seconds; for the long run:
//
//	NEXLA_SOAK=3m go test ./nexla/ -run TestSoakLong -v -timeout 10m
func TestSoakShort(t *testing.T) {
	if testing.Short() {
		t.Skip("soak")
	}
	r := runSoak(t, 4*time.Second, 2*time.Second)
	t.Log(r)
	r.check(t)
}

func TestSoakLong(t *testing.T) {
	d, err := time.ParseDuration(os.Getenv("NEXLA_SOAK"))
	if err != nil || d <= 0 {
		t.Skip("set NEXLA_SOAK=3m to run the long soak")
	}
	r := runSoak(t, d, 10*time.Second)
	t.Log(r)
	r.check(t)
}

type soakReport struct {
	dur                                    time.Duration
	reads, readErrs                        int64
	ops, answered, confirmed, resent       int64
	unknown, opErrs, breakerOpen           int64
	received, applied, doubleApplies       int
	renewals, renewalRetried               int64
	renewFailed, renewNotRetried, renewCut int64
	counts                                 map[string]int64
}

func (r soakReport) String() string {
	return fmt.Sprintf("soak %s: %d reads (%d failed after retries); %d confirmed pause/activate: %d answered, %d lost+confirmed by re-read, "+
		"%d lost+re-sent once, %d outcome unknown, %d other errors (%d with our breaker open); sim received %d mutations, applied %d, double applies %d; "+
		"%d token renewals (%d needed retries), %d failed after retries, %d failed with the breaker open, %d failed without a retry; "+
		"sim faults: 5xx %d, 429 %d (storm %d), latency spikes %d, lost answers %d, tokens issued %d",
		r.dur, r.reads, r.readErrs, r.ops, r.answered, r.confirmed, r.resent, r.unknown, r.opErrs, r.breakerOpen, r.received, r.applied, r.doubleApplies,
		r.renewals, r.renewalRetried, r.renewFailed, r.renewCut, r.renewNotRetried,
		r.counts["5xx"], r.counts["429"], r.counts["storm_429"], r.counts["latency_spike"], r.counts["lost_answer"], r.counts["tokens_issued"])
}

func (r soakReport) check(t *testing.T) {
	t.Helper()
	if r.doubleApplies != 0 || r.renewNotRetried != 0 {
		t.Errorf("double applies %d, renewals failed without a retry %d", r.doubleApplies, r.renewNotRetried)
	}
	if r.ops == 0 || r.reads == 0 || r.renewals < 2 {
		t.Errorf("the soak did too little to mean anything: %s", r)
	}
}

func runSoak(t *testing.T, d, tokenLife time.Duration) soakReport {
	faults := sim.Faults{ErrorRate: 0.2, RetryAfter: time.Second}
	faults.Storm429 = sim.Window{Every: 5 * time.Second, For: time.Second, Start: time.Second}
	faults.LatencySpike = sim.Spike{Window: sim.Window{Every: 7 * time.Second, For: 2 * time.Second}, Delay: 400 * time.Millisecond}
	faults.LoseAnswers = []sim.LoseAnswer{
		{Mode: sim.Lose504, Rate: 0.1},
		{Mode: sim.LoseDrop, Rate: 0.1},
		{Mode: sim.LoseStall, Rate: 0.1, Stall: 3 * time.Second},
	}
	e := simtest.Start(t, sim.Options{Seed: 7, TokenLifetime: tokenLife, Faults: faults})
	sc := e.Scenario(t, "healthy")
	tokens := &tokenWatch{}
	c := e.NewClient(t, nexla.WithRetry(3, 50*time.Millisecond, 500*time.Millisecond), nexla.WithTimeout(time.Second),
		nexla.WithLogger(slog.New(tokens)))

	var r soakReport
	r.dur = d
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var wg sync.WaitGroup
	var reads, readErrs atomic.Int64
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for ctx.Err() == nil {
				var err error
				switch i {
				case 0:
					_, err = c.ListFlows(ctx, nexla.FlowListOptions{})
				case 1:
					_, err = c.GetFlow(ctx, sc.FlowID, nexla.FlowGetOptions{})
				default:
					_, err = c.ListSources(ctx, nexla.ListOptions{})
				}
				if ctx.Err() != nil {
					return
				}
				reads.Add(1)
				if err != nil {
					// As a screen would: show the error, try again later.
					readErrs.Add(1)
					idle(ctx, 100*time.Millisecond)
				}
			}
		}(i)
	}
	// One writer: operations are sequential, so the mutation record's
	// entries between two reads of it belong to one operation.
	since := int64(0)
	for pause := true; ctx.Err() == nil; pause = !pause {
		var out nexla.Outcome
		var err error
		action := "activate"
		if pause {
			action = "pause"
			_, out, err = c.PauseFlow(context.Background(), sc.FlowID, true)
		} else {
			_, out, err = c.ActivateFlow(context.Background(), sc.FlowID, true)
		}
		r.ops++
		if err != nil && r.unknown+r.opErrs < 8 {
			t.Logf("%s: %v", action, err)
		}
		switch {
		case nexla.IsOutcomeUnknown(err):
			r.unknown++
		case err != nil:
			r.opErrs++
		case out.Recovery == nexla.ConfirmedByReread:
			r.confirmed++
		case out.Recovery == nexla.Resent:
			r.resent++
		default:
			r.answered++
		}
		if err != nil {
			if errors.Is(err, nexla.ErrCircuitOpen) {
				r.breakerOpen++
			}
			idle(ctx, 100*time.Millisecond)
		}
		muts := e.Sim.Mutations(since)
		applied := 0
		for _, m := range muts {
			since = m.Seq
			r.received++
			if m.Applied && strings.HasSuffix(m.Path, "/"+action) {
				applied++
			}
		}
		r.applied += applied
		if applied > 1 {
			r.doubleApplies++
			t.Logf("double apply of %s: %+v (outcome %+v, err %v)", action, muts, out, err)
		}
	}
	wg.Wait()
	r.reads, r.readErrs = reads.Load(), readErrs.Load()
	r.renewals, r.renewalRetried, r.renewFailed, r.renewNotRetried, r.renewCut = tokens.report()
	r.counts = e.Sim.FaultCounts()
	return r
}

// tokenWatch reads the client's log: each POST /token attempt, and how each
// renewal ended. Renewals are single-flight, so attempts belong to the one
// renewal in flight.
type tokenWatch struct {
	mu                                    sync.Mutex
	attempts                              int
	renewals, retried, failed, notRetried int64
	breaker                               int64
}

func (w *tokenWatch) Enabled(context.Context, slog.Level) bool { return true }
func (w *tokenWatch) WithAttrs([]slog.Attr) slog.Handler       { return w }
func (w *tokenWatch) WithGroup(string) slog.Handler            { return w }

func (w *tokenWatch) Handle(_ context.Context, rec slog.Record) error {
	attrs := map[string]slog.Value{}
	rec.Attrs(func(a slog.Attr) bool { attrs[a.Key] = a.Value; return true })
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case attrs["path"].String() == "/token" && attrs["method"].String() == http.MethodPost:
		w.attempts = max(w.attempts, int(attrs["attempt"].Int64()))
	case rec.Message == "session token obtained" || rec.Message == "session token renewal failed":
		w.renewals++
		if w.attempts > 1 {
			w.retried++
		}
		if rec.Message == "session token renewal failed" {
			switch errText := attrs["error"].String(); {
			case strings.Contains(errText, "API unavailable"):
				w.breaker++ // refused by our breaker: no request was made
			case w.attempts <= 1:
				w.notRetried++
			default:
				w.failed++
			}
		}
		w.attempts = 0
	}
	return nil
}

func (w *tokenWatch) report() (renewals, retried, failed, notRetried, breaker int64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.renewals, w.retried, w.failed, w.notRetried, w.breaker
}

func idle(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
