package testkit

import (
	"bytes"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Program is a model running in a real tea.Program of a fixed size with no
// terminal: keys arrive through Send, and what the renderer writes is kept
// (Output, Written). It is the one way tests run a program.
type Program struct {
	p     *tea.Program
	out   *lockedBuffer
	done  chan struct{}
	final tea.Model
	err   error
}

// StartProgram runs m in a w x h program until Quit (or the test ends: a
// cleanup quits it and waits for it, so no program outlives its test).
func StartProgram(t testing.TB, m tea.Model, w, h int) *Program {
	t.Helper()
	pr := &Program{out: &lockedBuffer{}, done: make(chan struct{})}
	pr.p = tea.NewProgram(m, tea.WithInput(&bytes.Buffer{}), tea.WithOutput(pr.out),
		tea.WithoutSignals(), tea.WithWindowSize(w, h))
	go func() {
		pr.final, pr.err = pr.p.Run()
		close(pr.done)
	}()
	t.Cleanup(func() {
		pr.p.Quit()
		select {
		case <-pr.done:
		case <-time.After(programStopLimit):
			pr.p.Kill()
		}
	})
	return pr
}

// programStopLimit bounds how long a cleanup waits for a program to quit.
const programStopLimit = 15 * time.Second

// Send hands msg to the program, as a terminal's input would arrive.
func (pr *Program) Send(msg tea.Msg) { pr.p.Send(msg) }

// Quit asks the program to quit.
func (pr *Program) Quit() { pr.p.Quit() }

// Final waits up to limit for the program to end and returns its final
// model; the test fails if it does not end in time or ended in error.
func (pr *Program) Final(t testing.TB, limit time.Duration) tea.Model {
	t.Helper()
	select {
	case <-pr.done:
	case <-time.After(limit):
		t.Fatalf("the program did not end within %s", limit)
	}
	if pr.err != nil {
		t.Fatalf("the program failed: %v", pr.err)
	}
	return pr.final
}

// Output is a copy of every byte the program wrote so far.
func (pr *Program) Output() []byte { return pr.out.copy() }

// Written is how many bytes the program wrote so far.
func (pr *Program) Written() int { return pr.out.len() }

// lockedBuffer is the program's output: the renderer writes from its own
// goroutine while the test reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) copy() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}

func (b *lockedBuffer) len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}
