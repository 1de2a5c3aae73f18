package detail

import (
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/ui"
	"github.com/nexla-tui/nexla-tui/views/internal/fakeapi"
	"github.com/nexla-tui/nexla-tui/views/internal/viewtest"
)

func open(t *testing.T, rt nexla.ResourceType, id int64, w, h int) *Screen {
	t.Helper()
	s := New(viewtest.Deps(fakeapi.Org(viewtest.Clock)), rt, id)
	s.SetSize(w, h)
	viewtest.Feed(t, s, s.Init())
	return s
}

func rels(s *Screen) string {
	var out []string
	for _, r := range s.rels {
		out = append(out, r.Label+" "+r.RT.Singular()+" "+itoa(r.ID)+" "+r.Name)
	}
	return strings.Join(out, "\n")
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

func TestSourceRelatesFlowDownstreamAndCredential(t *testing.T) {
	s := open(t, nexla.DataSources, 5012, 80, 24)
	want := strings.Join([]string{
		"flow flow 100 orders",
		"downstream nexset 7001 orders-clean",
		"downstream destination 9001 orders-snowflake",
		"downstream nexset 7002 orders-errors",
		"downstream destination 9002 orders-dlq",
		"credential credential 301 aws-prod",
	}, "\n")
	if got := rels(s); got != want {
		t.Fatalf("relations:\n%s\nwant:\n%s", got, want)
	}
	v := viewtest.Plain(s.View())
	for _, f := range []string{"Source 5012 orders-s3 · ACTIVE", "Connector", "s3", "Recent runs", "8812 15m ago"} {
		if !strings.Contains(v, f) {
			t.Fatalf("view lacks %q:\n%s", f, v)
		}
	}
}

func TestNexsetRelatesParentSinksAndFlow(t *testing.T) {
	s := open(t, nexla.DataSets, 7002, 80, 24)
	got := rels(s)
	for _, want := range []string{"parent nexset 7001 orders-clean", "sink destination 9002 orders-dlq", "flow flow 100 orders", "upstream source 5012 orders-s3"} {
		if !strings.Contains(got, want) {
			t.Fatalf("relations lack %q:\n%s", want, got)
		}
	}
}

func TestCredentialListsResourcesThatUseIt(t *testing.T) {
	s := open(t, nexla.DataCredentials, 301, 80, 24)
	want := "used by source 5012 orders-s3\nused by destination 9002 orders-dlq"
	if got := rels(s); got != want {
		t.Fatalf("credential users:\n%s\nwant:\n%s", got, want)
	}
}

func TestFlowDetailListsEveryNode(t *testing.T) {
	s := open(t, nexla.Flows, 100, 80, 24)
	if len(s.rels) != 5 || s.rels[0].Label != "origin" || s.rels[0].ID != 5012 {
		t.Fatalf("flow relations:\n%s", rels(s))
	}
	if !strings.Contains(viewtest.Plain(s.View()), "3 of 1200 records (run 8812") {
		t.Fatalf("flow fields should show the last run's errors:\n%s", viewtest.Plain(s.View()))
	}
}

func TestEnterJumpsToRelatedResource(t *testing.T) {
	s := open(t, nexla.DataSinks, 9001, 80, 24)
	_, cmd := s.Update(viewtest.Key("enter"))
	nav, ok := viewtest.Run(cmd)[0].(ui.NavigateMsg)
	if !ok || nav.Route != (ui.Route{Kind: ui.RouteDetail, RT: nexla.DataSets, ID: 7001}) {
		t.Fatalf("enter on the first relation (its nexset): %#v", nav)
	}
	s.Update(viewtest.Key("down"))
	_, cmd = s.Update(viewtest.Key("enter"))
	if nav := viewtest.Run(cmd)[0].(ui.NavigateMsg); nav.Route.RT != nexla.Flows || nav.Route.ID != 100 {
		t.Fatalf("second relation is its flow: %#v", nav)
	}
}

func TestUnknownIDShowsNotFoundPanel(t *testing.T) {
	s := open(t, nexla.DataSources, 999, 80, 24)
	v := viewtest.Plain(s.View())
	if !strings.Contains(v, "source 999 not found") {
		t.Fatalf("not-found panel:\n%s", v)
	}
	viewtest.CheckSize(t, s.View(), 80, 24)
}

func TestRawJSONTogglesAndRedactsSecrets(t *testing.T) {
	s := open(t, nexla.DataCredentials, 302, 80, 24)
	s.Update(viewtest.Key("v"))
	v := viewtest.Plain(s.View())
	if !strings.Contains(v, `"credentials_type": "postgres"`) || !strings.Contains(v, "raw JSON") {
		t.Fatalf("raw view should show indented JSON:\n%s", v)
	}
	var keys []string
	for _, b := range s.ShortHelp() {
		keys = append(keys, b.Help().Key+" "+b.Help().Desc)
	}
	if !strings.Contains(strings.Join(keys, ", "), "v fields") {
		t.Fatalf("in raw mode the footer should offer the way back to the fields: %v", keys)
	}
	s.Update(viewtest.Key("G"))
	all := viewtest.Plain(s.pager.View())
	for s.pager.Offset() > 0 { // scroll back to the top, collecting every line
		s.Update(viewtest.Key("pgup"))
		all += viewtest.Plain(s.pager.View())
	}
	if strings.Contains(all, "hunter2") || !strings.Contains(all, `"password": "[redacted]"`) {
		t.Fatalf("secret-looking values must be redacted:\n%s", all)
	}
	s.Update(viewtest.Key("v"))
	if strings.Contains(viewtest.Plain(s.View()), `"credentials_type"`) {
		t.Fatal("v again returns to the fields")
	}
}

func TestGoldenFakeOrg(t *testing.T) {
	for _, sz := range viewtest.Sizes {
		s := open(t, nexla.DataSources, 5012, sz.W, sz.H)
		viewtest.GoldenFrame(t, "fake_source", sz.W, sz.H, s.View())
		s.Update(viewtest.Key("v"))
		viewtest.GoldenFrame(t, "fake_source_raw", sz.W, sz.H, s.View())
	}
}
