package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// The `:` lines the route words do not cover: a bare id, a pasted console
// URL, ":flow <name>". Route words keep their meaning (":flow 800012" is
// the route table's, ":source 45" too).
func TestParseGoto(t *testing.T) {
	rs := testRoutes(nil)
	cases := []struct {
		line string
		ok   bool
		want Goto
		err  string
	}{
		{"800012", true, Goto{ID: 800012}, ""},
		{"  45 ", true, Goto{ID: 45}, ""},
		{"0", false, Goto{}, ""},
		{"-3", false, Goto{}, ""},
		{"flow stripe payments", true, Goto{RT: nexla.Flows, Name: "stripe payments"}, ""},
		{"FLOW hubspot", true, Goto{RT: nexla.Flows, Name: "hubspot"}, ""},
		{"flow 800012", false, Goto{}, ""},
		{"source 45", false, Goto{}, ""},
		{"source orders", false, Goto{}, ""}, // only flows are found by name
		{"flows", false, Goto{}, ""},
		{"health", false, Goto{}, ""},
		{"https://dataops.nexla.io/#/flows/800012", true, Goto{RT: nexla.Flows, ID: 800012}, ""},
		{"https://dataops.nexla.io/#/data-sources/10004/details", true, Goto{RT: nexla.DataSources, ID: 10004}, ""},
		{"dataops.nexla.io/#/flows/800012/nexsets/100006", true, Goto{RT: nexla.DataSets, ID: 100006}, ""},
		{"https://dataops.nexla.io/data_sinks/500004", true, Goto{RT: nexla.DataSinks, ID: 500004}, ""},
		{"https://acme.nexla.io/#/destinations/500004?tab=runs", true, Goto{RT: nexla.DataSinks, ID: 500004}, ""},
		{"https://dataops.nexla.io/#/credentials/3011", true, Goto{RT: nexla.DataCredentials, ID: 3011}, ""},
		{"https://dataops.nexla.io/#/flow-details?flowId=800012", true, Goto{RT: nexla.Flows, ID: 800012}, ""},
		{"https://dataops.nexla.io/#/flows?source_id=10004", true, Goto{RT: nexla.DataSources, ID: 10004}, ""},
		{"https://dataops.nexla.io/#/resource/800012", true, Goto{ID: 800012}, ""}, // one number: its kind is looked up
		{"https://dataops.nexla.io/#/dashboard", true, Goto{}, "no flow or resource id in the URL"},
		{"https://dataops.nexla.io/#/a/1/b/2", true, Goto{}, "no flow or resource id in the URL"},
	}
	for _, c := range cases {
		g, ok, err := ParseGoto(rs, c.line)
		if ok != c.ok || g != c.want {
			t.Errorf("ParseGoto(%q) = %+v, %v; want %+v, %v", c.line, g, ok, c.want, c.ok)
		}
		switch {
		case c.err == "" && err != nil:
			t.Errorf("ParseGoto(%q): unexpected error %v", c.line, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("ParseGoto(%q): error %v, want %q", c.line, err, c.err)
		}
	}
}

// A hostile URL is cut and cleaned before it reaches a toast.
func TestConsoleURLErrorIsCleanedAndBounded(t *testing.T) {
	_, err := ParseConsoleURL("https://dataops.nexla.io/#/\x1b]52;c;eA==\x07" + strings.Repeat("é", 200))
	if err == nil || strings.Contains(err.Error(), "\x1b") || len([]rune(err.Error())) > 260 {
		t.Fatalf("error %q", err)
	}
}

func TestFlowNameMatchBestFirst(t *testing.T) {
	flows := []flowMatch{{id: 5, name: "Stripe Payments to Snowflake"}, {id: 3, name: "stripe payments"},
		{id: 9, name: "Payments Stripe"}, {id: 1, name: "HubSpot Contacts"}, {id: 2, name: "Stripe Payouts"}}
	got := bestFlows(flows, "Stripe Payments")
	var ids []int64
	for _, f := range got {
		ids = append(ids, f.id)
	}
	// equal, then prefix; "Stripe Payouts" and "Payments Stripe" hold no
	// "stripe payments" in order.
	if len(ids) != 2 || ids[0] != 3 || ids[1] != 5 {
		t.Fatalf("order %v", ids)
	}
	if got := bestFlows(flows, "hbspt"); len(got) != 1 || got[0].id != 1 || got[0].score != 1 {
		t.Fatalf("subsequence: %+v", got)
	}
	if got := bestFlows(flows, "zzz"); len(got) != 0 {
		t.Fatalf("no match: %+v", got)
	}
}

// Every confirmed mutation lands in the session log with its outcome: the
// transport's note when the answer was lost, the error when it failed.
func TestActionLogRecordsMutationsAndOutcomes(t *testing.T) {
	h := newHarness(t, nil)
	settled := pauseMutation(new(bool))
	settled.Call = func(context.Context) (nexla.Outcome, error) {
		return nexla.Outcome{Recovery: nexla.ConfirmedByReread, Note: "applied; the answer was lost (HTTP 504), confirmed by re-reading"}, nil
	}
	failing := pauseMutation(new(bool))
	failing.Confirm.Action = "activate"
	failing.Call = func(context.Context) (nexla.Outcome, error) { return nexla.Outcome{}, errors.New("409 conflict") }
	cancelled := pauseMutation(new(bool))
	for _, step := range []struct {
		m      Mutation
		answer string
	}{{settled, "c"}, {failing, "c"}, {cancelled, "esc"}} {
		h.screens[0].onKey = map[string]tea.Cmd{"p": Mutate(step.m)}
		press(h.app, "p")
		h.clock.after(time.Second)
		press(h.app, step.answer)
	}
	got := h.app.deps.Actions.Entries()
	if len(got) != 2 {
		t.Fatalf("entries %+v", got)
	}
	if got[0].Action != "activate" || got[0].State != ActionFailed || !strings.Contains(got[0].Outcome, "409 conflict") {
		t.Errorf("newest entry %+v", got[0])
	}
	if got[1].Action != "pause" || got[1].State != ActionSettled || !strings.Contains(got[1].Outcome, "the answer was lost") ||
		got[1].Resource != `source "orders-s3" (id 5012)` || got[1].Ended.IsZero() {
		t.Errorf("oldest entry %+v", got[1])
	}
}

// The header counts the last hour's ERROR notifications, and says "alerts ?"
// when they could not be read: never a calm 0 it does not know.
func TestHeaderCountsRecentAlerts(t *testing.T) {
	for _, c := range []struct {
		api  fakeAPI
		want string
	}{
		{fakeAPI{alerts: 3}, "✗ 3 alerts 1h"},
		{fakeAPI{alerts: 1}, "✗ 1 alert 1h"},
		{fakeAPI{alerts: 0}, "0 alerts 1h"},
		{fakeAPI{alerts: alertsCap}, "100+ alerts 1h"},
		{fakeAPI{alertsErr: errors.New("503")}, "alerts ?"},
	} {
		h := newHarness(t, func(cfg *AppConfig) { cfg.Deps.API = c.api })
		header := strings.SplitN(plain(h.app), "\n", 2)[0]
		if !strings.Contains(header, c.want) {
			t.Errorf("%+v: header %q, want %q", c.api, header, c.want)
		}
	}
}

// BenchmarkBestFlows30k matches a name over a 30,000-flow org (the work of
// `:flow <name>` once the listing is in; it runs off the update loop).
func BenchmarkBestFlows30k(b *testing.B) {
	flows := make([]flowMatch, 30000)
	for i := range flows {
		flows[i] = flowMatch{id: int64(800000 + i), name: "Partner Orders Feed " + strconv.Itoa(i) + " to BigQuery"}
	}
	b.ResetTimer()
	for b.Loop() {
		bestFlows(flows, "orders bigquery")
	}
}
