package nexla

import (
	"sync"
	"time"
)

// BreakerState is the circuit breaker's state.
type BreakerState int

// Closed lets everything through; Open fails fast; HalfOpen lets one trial through.
const (
	BreakerClosed BreakerState = iota
	BreakerOpen
	BreakerHalfOpen
)

func (s BreakerState) String() string {
	switch s {
	case BreakerOpen:
		return "open"
	case BreakerHalfOpen:
		return "half-open"
	}
	return "closed"
}

// breaker guards one base URL. Only failures of the retryable kind (network
// errors, 502/503/504) count: a 404 or 429 proves the server is answering.
type breaker struct {
	mu       sync.Mutex
	limit    int
	cooldown time.Duration
	fails    int
	openedAt time.Time
	open     bool
	trial    bool // a half-open trial request is in flight
}

func newBreaker(limit int, cooldown time.Duration) *breaker {
	if limit < 1 {
		limit = DefaultBreakerFails
	}
	if cooldown <= 0 {
		cooldown = DefaultBreakerCool
	}
	return &breaker{limit: limit, cooldown: cooldown}
}

func (b *breaker) state(now time.Time) BreakerState {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.stateLocked(now)
}

func (b *breaker) stateLocked(now time.Time) BreakerState {
	if !b.open {
		return BreakerClosed
	}
	if now.Sub(b.openedAt) >= b.cooldown {
		return BreakerHalfOpen
	}
	return BreakerOpen
}

// allow reports whether a request may go out now. In half-open state exactly
// one trial is admitted until it reports back.
func (b *breaker) allow(now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.stateLocked(now) {
	case BreakerClosed:
		return true
	case BreakerHalfOpen:
		if b.trial {
			return false
		}
		b.trial = true
		return true
	}
	return false
}

func (b *breaker) success() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.fails, b.open, b.trial = 0, false, false
}

func (b *breaker) failure(now time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.fails++
	if b.trial || b.fails >= b.limit {
		b.open, b.openedAt = true, now
	}
	b.trial = false
}

// abandon releases a half-open trial that ended without a verdict (the caller
// cancelled), so the next request may try.
func (b *breaker) abandon() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.trial = false
}
