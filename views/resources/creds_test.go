package resources

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// realCredServer answers as the real server does (contract §9 #5-6): the
// sources and sinks list views carry no data_credentials_id; the flows
// side-load does, or a data_credentials_group_id instead.
func realCredServer(t *testing.T, flowsFail bool) nexla.API {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/data_sources":
			_, _ = w.Write([]byte(`[{"id":10,"name":"orders-s3","status":"ACTIVE"},{"id":20,"name":"billing-pg","status":"ACTIVE"},{"id":30,"name":"loose","status":"INIT"}]`))
		case "/data_sinks":
			_, _ = w.Write([]byte(`[{"id":40,"name":"wh","status":"ACTIVE"}]`))
		case "/flows":
			if flowsFail {
				w.WriteHeader(http.StatusBadGateway)
				_, _ = w.Write([]byte(`{"message":"bad gateway"}`))
				return
			}
			_, _ = w.Write([]byte(`{"flows":[{"id":1,"origin_node_id":1,"data_source_id":10},{"id":2,"origin_node_id":2,"data_source_id":20}],
				"data_sources":[{"id":10,"name":"orders-s3","data_credentials_id":12},{"id":20,"name":"billing-pg","data_credentials_group_id":7}],
				"data_sinks":[{"id":40,"name":"wh","data_credentials_id":13}]}`))
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	t.Cleanup(srv.Close)
	c, err := nexla.New(nexla.Settings{BaseURL: srv.URL, AccessToken: "tok"}, nexla.WithRetry(0, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func credCells(s *Screen) map[int64]string {
	out := map[int64]string{}
	for _, r := range s.recs {
		out[r.ID] = r.Cells[credColumn]
	}
	return out
}

func TestCredColumnComesFromTheFlowsSideLoad(t *testing.T) {
	s := loaded(t, realCredServer(t, false), nexla.DataSources, nil)
	got := credCells(s)
	want := map[int64]string{10: "12", 20: "group 7", 30: "-"}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("source %d CRED %q, want %q", id, got[id], w)
		}
	}
	s.table.SetCursor(0)
	if p := s.Preview(); !strings.Contains(p, "cred: 12") {
		t.Errorf("the preview names the credential: %s", p)
	}
	d := loaded(t, realCredServer(t, false), nexla.DataSinks, nil)
	if got := credCells(d); got[40] != "13" {
		t.Errorf("destination CRED %q, want 13", got[40])
	}
}

func TestCredColumnIsUnknownWhenTheFlowsListingFails(t *testing.T) {
	s := loaded(t, realCredServer(t, true), nexla.DataSources, nil)
	if s.err != nil || len(s.recs) != 3 {
		t.Fatalf("the sources still list: %v %d", s.err, len(s.recs))
	}
	for id, cell := range credCells(s) {
		if cell != credUnknown {
			t.Errorf("source %d CRED %q: unknown is shown as such, never as \"-\" (none)", id, cell)
		}
	}
}
