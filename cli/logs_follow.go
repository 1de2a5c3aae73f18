package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Following logs: poll for lines newer than the newest seen, with backoff
// while nothing new comes or the API fails, until the context ends (ctrl+c).

const (
	followMin = 2 * time.Second
	followMax = 30 * time.Second
	// followOverlap re-reads a little before the newest line seen: from/to
	// may be read in seconds (contract §9 #8), and lines of one second may
	// arrive across two polls. Lines seen already are dropped by key.
	followOverlap = 2 * time.Second
)

// logFollower polls read for new lines and hands them to emit.
type logFollower struct {
	read  logReadFunc
	q     logQuery
	emit  func([]nexla.LogEntry) error
	sleep func(ctx context.Context, d time.Duration) error
	warn  io.Writer

	newest int64 // epoch ms of the newest line seen
	keys   map[string]int64
	polls  int
}

func logKey(e nexla.LogEntry) string {
	return fmt.Sprintf("%d|%s|%d|%s|%s", e.Timestamp, e.ResourceType, e.ResourceID, e.Severity, e.Log)
}

// seen records lines already printed.
func (f *logFollower) seen(lines []nexla.LogEntry) {
	if f.keys == nil {
		f.keys = map[string]int64{}
	}
	for _, e := range lines {
		ms := nexla.EpochToTime(e.Timestamp).UnixMilli()
		f.keys[logKey(e)] = ms
		f.newest = max(f.newest, ms)
	}
	// Keys older than the overlap can no longer come back: forget them, so
	// a day of following holds a few seconds of keys, not every line.
	for k, ms := range f.keys {
		if ms < f.newest-followOverlap.Milliseconds()-1000 {
			delete(f.keys, k)
		}
	}
}

// run polls until ctx ends.
func (f *logFollower) run(ctx context.Context) {
	delay := followMin
	for {
		if f.sleep(ctx, delay) != nil {
			return
		}
		n, err := f.poll(ctx)
		var werr writeErr
		switch {
		case ctx.Err() != nil:
			return
		case errors.As(err, &werr):
			fmt.Fprintf(f.warn, "nexla-tui: follow: %v\n", werr.err)
			return
		case err != nil:
			fmt.Fprintf(f.warn, "nexla-tui: follow: %s (retrying in %s)\n", strings.TrimSpace(err.Error()), min(delay*2, followMax))
			delay = min(delay*2, followMax)
		case n > 0:
			delay = followMin
		default:
			delay = min(delay*2, followMax)
		}
	}
}

// poll reads the lines since the newest seen (a run's whole span when
// following a run whose lines have not appeared yet) and emits the new ones.
func (f *logFollower) poll(ctx context.Context) (int, error) {
	f.polls++
	o := f.q.opts
	if f.newest > 0 {
		o.From = time.UnixMilli(f.newest).Add(-followOverlap)
	}
	o.RunEnded = false // a follow reads the future too: an empty answer means nothing yet
	lines, err := readLogWindow(ctx, f.read, logQuery{opts: o}, 100000)
	if err != nil {
		return 0, err
	}
	var fresh []nexla.LogEntry
	for _, e := range lines {
		if _, dup := f.keys[logKey(e)]; !dup {
			fresh = append(fresh, e)
		}
	}
	f.seen(fresh)
	if len(fresh) == 0 {
		return 0, nil
	}
	if err := f.emit(fresh); err != nil {
		return 0, writeErr{err}
	}
	return len(fresh), nil
}

// writeErr is a failure to print (stdout closed): following stops.
type writeErr struct{ err error }

func (e writeErr) Error() string { return e.err.Error() }

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
