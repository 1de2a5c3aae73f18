package runbook

import (
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// A line names resources in either rendering, runs by "run N" or by a run
// id of the report, and a change by its time: each at its place.
func TestMentionsFindWhatALineNames(t *testing.T) {
	at := time.Date(2026, 11, 22, 2, 40, 0, 0, time.UTC)
	cred := ResourceRef{RT: nexla.DataCredentials, ID: 3011, Name: "hubspot-crm-oauth"}
	r := &Report{Runs: []Run{{ID: 1795334516553}}, Changes: []ConfigChange{{Resource: cred, At: at, Event: "update"}}}
	line := `change: 2026-11-22 02:40 credential "hubspot-crm-oauth" (id 3011) update (x) by a; run 1795312916553 and 1795334516553, nexset 100006`
	got := r.Mentions(line)
	want := []struct {
		kind MentionKind
		text string
		id   int64
	}{
		{MentionChange, "2026-11-22 02:40", 3011},
		{MentionResource, `credential "hubspot-crm-oauth" (id 3011`, 3011},
		{MentionRun, "run 1795312916553", 1795312916553},
		{MentionRun, "1795334516553", 1795334516553},
		{MentionResource, "nexset 100006", 100006},
	}
	if len(got) != len(want) {
		t.Fatalf("mentions %+v", got)
	}
	for i, w := range want {
		m := got[i]
		if m.Kind != w.kind || line[m.Start:m.End] != w.text || m.ID != w.id {
			t.Errorf("mention %d: %+v %q, want %v %q %d", i, m, line[m.Start:m.End], w.kind, w.text, w.id)
		}
	}
	if got := r.Mentions("no ids 12 here"); len(got) != 0 {
		t.Fatalf("mentions in a plain line: %+v", got)
	}
}

// The permission finding's phrases name the flow's accessors; without a
// flow there is nothing to open.
func TestMentionsFindTheAccessorsPhrase(t *testing.T) {
	r := &Report{Flow: FlowSummary{ID: 800021}}
	line := "who can grant it (owners and admins of the flow): owner priya@acme.example"
	got := r.Mentions(line)
	if len(got) != 1 || got[0].Kind != MentionAccess || got[0].ID != 800021 || got[0].RT != nexla.Flows ||
		line[got[0].Start:got[0].End] != phraseWhoCanGrant {
		t.Fatalf("mentions %+v", got)
	}
	if got := (&Report{}).Mentions(line); len(got) != 0 {
		t.Fatalf("no flow, yet %+v", got)
	}
}
