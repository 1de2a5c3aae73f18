package resources

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/nexla/sim/simtest"
	"github.com/nexla-tui/nexla-tui/views/internal/fakeapi"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

// tables are the four resource tables and the path of each one's listing.
var tables = []struct {
	rt   nexla.ResourceType
	path string
}{
	{nexla.DataSources, "/data_sources"}, {nexla.DataSets, "/data_sets"},
	{nexla.DataSinks, "/data_sinks"}, {nexla.DataCredentials, "/data_credentials"},
}

// A first listing that fails shows what failed, the whole error and the
// retry key at 80x24, and no row count. (Before: the status line read
// "0 rows · refresh failed: …", a count of an empty org over a load that
// never completed, and the error was cut at the edge.)
func TestFailedLoadIsShownWholeAt80x24(t *testing.T) {
	for _, tb := range tables {
		for _, f := range simtest.Faults {
			t.Run(tb.rt.Singular()+"/"+string(f), func(t *testing.T) {
				d, _ := viewtest.Faulty(t, f, tb.path)
				s := New(d, tb.rt)
				s.SetSize(80, 24)
				viewtest.Feed(t, s, s.Init())
				v := s.View()
				viewtest.CheckFailureShown(t, v, "Could not load "+strings.ToLower(s.fam.Title))
				viewtest.CheckFaultNamed(t, v, f)
			})
		}
	}
}

// A refresh that fails keeps the last rows and says so first on the status
// line, with the retry key (before: after the row count, with no retry key).
func TestFailedRefreshIsShownFirstAt80x24(t *testing.T) {
	for _, tb := range tables {
		t.Run(tb.rt.Singular(), func(t *testing.T) {
			d, p := viewtest.Faulty(t, simtest.NoFault, "")
			s := New(d, tb.rt)
			s.SetSize(80, 24)
			viewtest.Feed(t, s, s.Init())
			p.Set(simtest.Unavailable, tb.path)
			viewtest.Press(t, s, "r")
			viewtest.CheckFailureShown(t, s.View(), "refresh failed", "GET "+tb.path)
		})
	}
}

// A first listing that fails part-way keeps the rows it has and says the
// listing is incomplete, first on the line (before: "refresh failed", for a
// listing that never completed once).
func TestListingFailedPartWaySaysIncomplete(t *testing.T) {
	api := fakeapi.Org(viewtest.Clock)
	s := New(viewtest.Deps(api), nexla.DataSources)
	s.SetSize(80, 24)
	s.reload()
	first := []record{sourceRecord(api.Sources[0], s.fam.Columns, viewtest.Clock)}
	s.Update(batchMsg{ticket: s.loads.Current(), recs: first, loaded: 1, total: 3})
	s.Update(batchMsg{ticket: s.loads.Current(), done: true,
		err: &nexla.APIError{Kind: nexla.KindServer, Method: "GET", Path: "/data_sources", Status: 503, Message: "Service Unavailable"}})
	v := s.View()
	viewtest.CheckFailureShown(t, v, "listing incomplete after 1 rows", "GET /data_sources: 503")
	if strings.Contains(viewtest.Plain(v), "refresh failed") {
		t.Fatalf("a first listing is not a refresh:\n%s", viewtest.Plain(v))
	}
}
