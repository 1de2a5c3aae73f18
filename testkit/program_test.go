package testkit

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// counter counts key presses and quits on q.
type counter struct{ n int }

func (c counter) Init() tea.Cmd { return nil }
func (c counter) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if k.String() == "q" {
			return c, tea.Quit
		}
		c.n++
	}
	return c, nil
}
func (c counter) View() tea.View { return tea.NewView("presses: " + strings.Repeat("x", c.n)) }

// A program started by StartProgram receives sent keys in order, renders to
// its output, and hands back its final model when it quits.
func TestProgramRunsSendsAndEnds(t *testing.T) {
	p := StartProgram(t, counter{}, 40, 5)
	for _, k := range []string{"a", "b", "c", "q"} {
		p.Send(Key(k))
	}
	final := p.Final(t, 15*time.Second).(counter)
	if final.n != 3 {
		t.Fatalf("final model counted %d presses, want 3", final.n)
	}
	if !strings.Contains(string(p.Output()), "presses:") || p.Written() == 0 {
		t.Fatalf("the program wrote %q", p.Output())
	}
}
