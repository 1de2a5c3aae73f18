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
		for _, sz := range viewtest.Sizes {
			s := New(viewtest.Deps(api), c.rt, c.id)
			s.SetSize(sz.W, sz.H)
			viewtest.Feed(t, s, s.Init())
			if !s.loaded || len(s.rels) == 0 {
				t.Fatalf("%s %d: loaded %v, %d relations, err %v", c.rt, c.id, s.loaded, len(s.rels), s.err)
			}
			viewtest.GoldenFrame(t, "sim_"+c.rt.Singular(), sz.W, sz.H, s.View())
		}
	}
}
