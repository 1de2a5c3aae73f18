package viewkit

import "context"

// Ticket stamps an async result with the load that asked for it. Which
// screen instance asked is the shell's business: it delivers a screen's
// results to that screen alone (ui.ScreenID).
type Ticket struct{ seq int }

// Loads is a screen's async plumbing: one context for the screen's life
// (Close cancels it, and with it every call in flight) and numbered loads so that only the latest load's result is applied. A
// result from an older load arrives after a refresh was asked for and would
// show stale data over newer.
type Loads struct {
	ctx      context.Context
	cancel   context.CancelFunc
	seq      int
	loadStop context.CancelFunc // the context of the latest load, when NextCancelling made one
}

// NewLoads starts a screen's context.
func NewLoads() *Loads {
	ctx, cancel := context.WithCancel(context.Background())
	return &Loads{ctx: ctx, cancel: cancel}
}

// Ctx is the screen's context, for calls that may outlive a refresh but
// must stop when the screen is left.
func (l *Loads) Ctx() context.Context { return l.ctx }

// Next starts a load: results stamped with earlier tickets stop being
// Latest. The earlier load still runs to its end (its result is dropped).
func (l *Loads) Next() Ticket {
	l.seq++
	return l.Current()
}

// NextCancelling starts a load with its own context and cancels the previous
// load's, for loads that stream or poll: the old one would keep calling the
// API for a result nobody shows.
func (l *Loads) NextCancelling() (context.Context, Ticket) {
	if l.loadStop != nil {
		l.loadStop()
	}
	var ctx context.Context
	ctx, l.loadStop = context.WithCancel(l.ctx)
	return ctx, l.Next()
}

// Current is the latest load's ticket.
func (l *Loads) Current() Ticket { return Ticket{seq: l.seq} }

// Latest is true when t stamps this screen's latest load.
func (l *Loads) Latest(t Ticket) bool { return t.seq == l.seq }

// Close cancels every call in flight; the shell calls it when the screen is
// dropped.
func (l *Loads) Close() { l.cancel() }
