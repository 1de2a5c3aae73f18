package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/runbook"
)

// Following logs: poll for lines newer than the newest seen, with backoff
// while nothing new comes or the API fails, until the context ends (ctrl+c).

const (
	followMin = 2 * time.Second
	followMax = 30 * time.Second
)

// logFollower polls read for new lines and hands them to emit.
type logFollower struct {
	read  logReadFunc
	q     logQuery
	emit  func([]nexla.LogEntry) error
	sleep func(ctx context.Context, d time.Duration) error
	warn  io.Writer

	tail  runbook.LogTail
	polls int
}

// seen records lines already printed.
func (f *logFollower) seen(lines []nexla.LogEntry) { f.tail.Seen(lines) }

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
	lines, err := readLogWindow(ctx, f.read, logQuery{opts: f.tail.Next(f.q.opts)}, 100000)
	if err != nil {
		return 0, err
	}
	fresh := f.tail.Fresh(lines)
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
