package detail

import (
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// Detail of the demo org's first source and first flow over real HTTP.
func TestGoldenSimulatorDemoOrg(t *testing.T) {
	_, api := viewtest.Sim(t, false)
	srcs, err := api.ListSources(t.Context(), nexla.ListOptions{Limit: 1})
	if err != nil || len(srcs) == 0 {
		t.Fatalf("sources: %v", err)
	}
	src := srcs[0]
	for _, c := range []struct {
		rt nexla.ResourceType
		id int64
	}{{nexla.DataSources, src.ID}, {nexla.Flows, src.OriginNodeID}} {
		for _, sz := range [][2]int{{80, 24}, {160, 48}} {
			s := New(viewtest.Deps(api), c.rt, c.id)
			s.SetSize(sz[0], sz[1])
			viewtest.Feed(t, s, s.Init())
			if !s.loaded || len(s.rels) == 0 {
				t.Fatalf("%s %d: loaded %v, %d relations, err %v", c.rt, c.id, s.loaded, len(s.rels), s.err)
			}
			viewtest.CheckSize(t, s.View(), sz[0], sz[1])
			name := "_80x24"
			if sz[0] == 160 {
				name = "_160x48"
			}
			viewtest.Golden(t, "sim_"+c.rt.Singular()+name, s.View())
		}
	}
}
