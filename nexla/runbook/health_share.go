package runbook

import (
	"context"
	"sync"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// HealthShare is the one org health check the screens of a session share:
// the flows tree ranks and counts by it and `:health` lists it, so a flow
// "with issues" is the same flow on both, with the same number in both
// headers, and opening one screen after the other costs no call. A refresh
// never cancels a running check; it starts the next one (reusing the rows
// of unchanged flows, see HealthOptions.Previous) only once the last is done.
//
// The checks run on the share's own context, not a screen's: leaving
// `:health` does not throw away a check the tree still reads. Close stops them.
type HealthShare struct {
	opts HealthOptions

	mu     sync.Mutex
	url    string // the API the checks read (its base URL)
	cur    *HealthCheck
	ctx    context.Context
	cancel context.CancelFunc
}

// shareRowsEvery is how often, while a shared check runs, its rows are
// sorted again for its readers: under the screens' poll (250 ms), so the
// tree and `:health` polling it share one copy, one poll old at most.
const shareRowsEvery = 200 * time.Millisecond

// NewHealthShare makes a share whose checks use o (SLA, clock, concurrency);
// without o.RowsEvery its readers share the rows sorted every shareRowsEvery.
func NewHealthShare(o HealthOptions) *HealthShare {
	o.Previous = nil
	if o.RowsEvery == 0 {
		o.RowsEvery = shareRowsEvery
	}
	return &HealthShare{opts: o}
}

// Options are the options the share's checks use (the runbook screen reads
// the SLA from them, so it judges as health does).
func (s *HealthShare) Options() Options { return s.opts.Options }

// Current is the latest check of api, running or complete, starting the
// first one when there is none.
func (s *HealthShare) Current(api nexla.API) *HealthCheck {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bind(api)
	if s.cur == nil {
		s.cur = StartHealth(s.ctx, api, s.withPrevious(nil))
	}
	return s.cur
}

// Refresh is the check a refresh reads: the running one when there is one
// (never restarted), else a new one that reuses the last one's rows.
func (s *HealthShare) Refresh(api nexla.API) *HealthCheck {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bind(api)
	if s.cur != nil {
		select {
		case <-s.cur.Done():
		default:
			return s.cur // still running
		}
	}
	s.cur = StartHealth(s.ctx, api, s.withPrevious(s.cur))
	return s.cur
}

// Close stops the running check.
func (s *HealthShare) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		s.cancel()
	}
}

// bind starts the share's context on first use, and starts over when the
// session's API changed (the demo started after the onboarding screen):
// the rows of one org never stand for another's.
func (s *HealthShare) bind(api nexla.API) {
	url := api.BaseURL()
	if s.ctx != nil && url == s.url && s.ctx.Err() == nil {
		return
	}
	if s.cancel != nil {
		s.cancel()
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.url, s.cur = url, nil
}

func (s *HealthShare) withPrevious(p *HealthCheck) HealthOptions {
	o := s.opts
	o.Previous = p
	return o
}
