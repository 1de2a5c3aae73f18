package flows

import (
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// bigResponse is n flows of source -> nexset -> destination (3n nodes).
func bigResponse(n int) *nexla.FlowResponse {
	r := &nexla.FlowResponse{}
	for i := 0; i < n; i++ {
		base := int64(i * 3)
		r.Flows = append(r.Flows, nexla.FlowNode{ID: base + 1, OriginNodeID: base + 1, DataSourceID: base + 1, Status: "ACTIVE", Name: "flow",
			Children: []nexla.FlowNode{{ID: base + 2, ParentNodeID: base + 1, DataSetID: base + 2,
				Children: []nexla.FlowNode{{ID: base + 3, ParentNodeID: base + 2, DataSinkID: base + 3}}}}})
	}
	return r
}

func bigScreen(b *testing.B, flows int) *Screen {
	s := New(viewtest.Deps(nil))
	s.SetSize(160, 48)
	s.loaded = true
	s.applyNodes(buildTree(bigResponse(flows), nil, true))
	return s
}

func BenchmarkBuildTree100kNodes(b *testing.B) {
	resp := bigResponse(33334)
	for b.Loop() {
		_ = buildTree(resp, nil, true)
	}
}

func BenchmarkFoldToggle100kNodes(b *testing.B) {
	s := bigScreen(b, 33334)
	space := viewtest.Key("z")
	for b.Loop() {
		s.Update(space)
	}
}

func BenchmarkCursorMoveAndView100kNodes(b *testing.B) {
	s := bigScreen(b, 33334)
	down := viewtest.Key("down")
	for b.Loop() {
		s.Update(down)
		_ = s.View()
	}
}
