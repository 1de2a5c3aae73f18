package sim

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"
)

// TestOrgHealthOrderNewestRunFirst: GET /health/org/flows lists the newest
// latest run first and, among flows whose latest runs share an id, keeps
// the flows' order (the stable order it had before the sort was keyed);
// sort_order=asc is the exact reverse.
func TestOrgHealthOrderNewestRunFirst(t *testing.T) {
	s, err := New(Options{Seed: 7, ExtraFlows: 2000, ExtraFailing: 0.05, Start: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC), Frozen: true})
	if err != nil {
		t.Fatal(err)
	}
	pos := map[int64]int{}
	for i, f := range s.org.flows {
		pos[f.originNode] = i
	}
	read := func(order string) []int64 {
		w := httptest.NewRecorder()
		s.handleOrgHealthFlows(w, httptest.NewRequest(http.MethodGet, "/health/org/flows?access_role=collaborator&page=1&size=100000&sort_order="+order, nil))
		var body struct {
			Data []struct {
				OriginNodeID int64 `json:"originNodeId"`
				LatestRunID  int64 `json:"latestRunId"`
			} `json:"data"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || len(body.Data) < 2000 {
			t.Fatalf("%d entries, %v: %.200s", len(body.Data), err, w.Body.String())
		}
		var ids []int64
		ties := 0
		for k, e := range body.Data {
			ids = append(ids, e.OriginNodeID)
			if k == 0 || order == "asc" {
				continue
			}
			p := body.Data[k-1]
			switch {
			case p.LatestRunID < e.LatestRunID:
				t.Fatalf("run %d listed before the newer %d", p.LatestRunID, e.LatestRunID)
			case p.LatestRunID == e.LatestRunID:
				ties++
				if pos[p.OriginNodeID] > pos[e.OriginNodeID] {
					t.Fatalf("flows %d and %d share run %d out of the flows' order", p.OriginNodeID, e.OriginNodeID, e.LatestRunID)
				}
			}
		}
		if order != "asc" && ties == 0 {
			t.Log("no two latest runs share an id: the tie order is not exercised")
		}
		return ids
	}
	desc, asc := read("desc"), read("asc")
	slices.Reverse(asc)
	if !slices.Equal(desc, asc) {
		t.Fatal("sort_order=asc is not the reverse of the default order")
	}
}
