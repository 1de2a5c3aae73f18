package runbook

import (
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// A runbook whose flow cannot be read says so with the retry key and the
// whole error at 80x24. (Before: one line, " (r to retry)" at its end, cut
// off for a 401's or an empty answer's longer message.)
func TestUnreadableFlowIsShownWholeAt80x24(t *testing.T) {
	for _, f := range simtest.Faults {
		t.Run(string(f), func(t *testing.T) {
			d, _ := viewtest.Faulty(t, f, "/flows")
			s := open(t, d, nexla.Flows, 800001, 80, 24)
			v := s.View()
			viewtest.CheckFailureShown(t, v, "cannot read the flow")
			viewtest.CheckFaultNamed(t, v, f)
		})
	}
}
