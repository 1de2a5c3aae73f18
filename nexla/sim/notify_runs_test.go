package sim_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

type noteBody struct {
	ID           int64  `json:"id"`
	Level        string `json:"level"`
	ResourceType string `json:"resource_type"`
	ResourceID   int64  `json:"resource_id"`
	Message      string `json:"message"`
	TS           int64  `json:"ts"`
	CreatedAt    string `json:"created_at"`
	ReadAt       any    `json:"read_at"`
	Owner        struct {
		Email string `json:"email"`
	} `json:"owner"`
}

// The credential_expired flow's failed runs each raise an ERROR at its
// source that quotes the run's own error line, dated when the run ended: the
// alert, the run summary and the logs of one run agree.
func TestNotificationsComeFromTheRuns(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 7})
	sc := h.scenario("credential_expired")
	var notes []noteBody
	h.getJSON(fmt.Sprintf("/notifications?resource_type=SOURCE&resource_id=%d&level=ERROR&per_page=100", sc.SourceID), &notes)
	var runs struct {
		Metrics struct {
			Data []runRow `json:"data"`
		} `json:"metrics"`
	}
	h.getJSON(fmt.Sprintf("/data_sources/%d/metrics/run_summary?size=200", sc.SourceID), &runs)
	failed := map[int64]bool{}
	for _, r := range runs.Metrics.Data {
		if r.Records == 0 && r.Errors > 0 {
			failed[r.RunID] = true
		}
	}
	if len(failed) == 0 || len(notes) != len(failed) {
		t.Fatalf("%d ERROR notifications for %d failed runs of the source", len(notes), len(failed))
	}
	for i, n := range notes {
		if i > 0 && n.TS > notes[i-1].TS {
			t.Errorf("not newest first: %d after %d", n.TS, notes[i-1].TS)
		}
		var runID int64
		if _, err := fmt.Sscanf(n.Message[strings.Index(n.Message, "run "):], "run %d", &runID); err != nil || !failed[runID] {
			t.Errorf("notification %d names run %d, not a failed run: %q", n.ID, runID, n.Message)
		}
		if !strings.Contains(n.Message, "OAuth token expired") || n.ResourceType != "SOURCE" || n.ResourceID != sc.SourceID {
			t.Errorf("notification %d: %+v", n.ID, n)
		}
		created, err := time.Parse(time.RFC3339, n.CreatedAt)
		if err != nil || created.Unix() != n.TS || n.TS <= runID/1000 {
			t.Errorf("notification %d: ts %d, created_at %q, run started %d: ts must be the run's end", n.ID, n.TS, n.CreatedAt, runID/1000)
		}
	}
}

// A transient failure that recovers raises RECOVERED at the resource that
// failed, and a partial run a WARN.
func TestNotificationsRecoveredAndWarn(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 7})
	var rec []noteBody
	h.getJSON("/notifications?level=RECOVERED&per_page=500", &rec)
	if len(rec) == 0 || !strings.Contains(rec[0].Message, "recovered: run ") {
		t.Fatalf("no RECOVERED notification from the high-error-rate flow's runs: %+v", rec)
	}
	net := h.scenario("network_timeout")
	var warns []noteBody
	h.getJSON(fmt.Sprintf("/notifications?level=WARN&resource_type=SOURCE&resource_id=%d", net.SourceID), &warns)
	if len(warns) == 0 || !strings.Contains(warns[0].Message, "timed out") {
		t.Fatalf("partial runs of the network_timeout flow raised no WARN: %+v", warns)
	}
}

// A run still going at the sim clock has not raised anything yet; once the
// clock passes its end, its notification appears, unread.
func TestNotificationOfARunAppearsWhenItEnds(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 7, TokenLifetime: 24 * time.Hour})
	sc := h.scenario("credential_expired")
	path := fmt.Sprintf("/notifications?resource_type=SOURCE&resource_id=%d&level=ERROR&per_page=500", sc.SourceID)
	var before []noteBody
	h.getJSON(path, &before)
	h.Sim.Advance(3 * time.Hour)
	var after []noteBody
	h.getJSON(path, &after)
	if len(after) <= len(before) {
		t.Fatalf("3 more hours of an hourly failing flow raised nothing: %d -> %d", len(before), len(after))
	}
	if after[0].ReadAt != nil {
		t.Errorf("a new notification is already read: %+v", after[0])
	}
	if now := h.Sim.Now().Unix(); after[0].TS > now {
		t.Errorf("a notification from the future: ts %d, sim clock %d", after[0].TS, now)
	}
}

// The filters of §5.11: level, read, from/to in unix seconds (ms accepted),
// 400 on a non-numeric bound, paging, sort order.
func TestNotificationFilters(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 7})
	var all []noteBody
	h.getJSON("/notifications?per_page=1000", &all)
	if len(all) < 10 {
		t.Fatalf("only %d notifications", len(all))
	}
	levels := map[string]int{}
	for _, n := range all {
		levels[n.Level]++
	}
	for _, l := range []string{"ERROR", "WARN", "INFO", "RECOVERED"} {
		if levels[l] == 0 {
			t.Errorf("no %s notification in the demo org: %v", l, levels)
		}
	}
	from := testStart.Add(-2 * time.Hour).Unix()
	var recent []noteBody
	h.getJSON(fmt.Sprintf("/notifications?from=%d&per_page=1000", from), &recent)
	var recentMs []noteBody
	h.getJSON(fmt.Sprintf("/notifications?from=%d&per_page=1000", from*1000), &recentMs)
	want := 0
	for _, n := range all {
		if n.TS >= from {
			want++
		}
	}
	if len(recent) != want || len(recentMs) != want || want == 0 {
		t.Errorf("from=%d: %d (seconds), %d (ms), want %d", from, len(recent), len(recentMs), want)
	}
	var unread []noteBody
	h.getJSON("/notifications?read=0&per_page=1000", &unread)
	for _, n := range unread {
		if n.ReadAt != nil {
			t.Errorf("read=0 returned a read notification %d", n.ID)
		}
	}
	var asc []noteBody
	h.getJSON("/notifications?sort_order=asc&per_page=2", &asc)
	if len(asc) != 2 || asc[0].TS > asc[1].TS || asc[0].TS != all[len(all)-1].TS {
		t.Errorf("sort_order=asc: %+v", asc)
	}
	for _, bad := range []string{"/notifications?from=yesterday", "/notifications?to=1h", "/notifications?level=LOUD", "/notifications?sort_by=mood"} {
		if resp, body := h.call(http.MethodGet, bad, ""); resp.StatusCode != 400 {
			t.Errorf("%s: %d %s, want 400", bad, resp.StatusCode, body)
		}
	}
}

// The Date header is the server's clock: the sim clock, not the machine's.
func TestDateHeaderIsTheSimClock(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 7})
	resp, _ := h.call(http.MethodGet, "/notifications/count", "")
	d, err := http.ParseTime(resp.Header.Get("Date"))
	if err != nil || !d.Equal(h.Sim.Now().Truncate(time.Second)) {
		t.Fatalf("Date %q (%v), sim clock %s", resp.Header.Get("Date"), err, h.Sim.Now())
	}
}
