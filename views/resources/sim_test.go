package resources

import (
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// Every family streamed from the simulator through the real client.
func TestGoldenSimulatorDemoOrg(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	for _, rt := range []nexla.ResourceType{nexla.DataSources, nexla.DataSets, nexla.DataSinks, nexla.DataCredentials} {
		s := loaded(t, api, rt, nil)
		if len(s.recs) == 0 {
			t.Fatalf("%s: no rows from the simulator", rt)
		}
		for _, sz := range [][2]int{{80, 24}, {160, 48}} {
			s.SetSize(sz[0], sz[1])
			viewtest.CheckSize(t, s.View(), sz[0], sz[1])
			viewtest.Golden(t, "sim_"+rt.Singular()+"_"+itoa(sz[0]), s.View())
		}
	}
}
