package cli

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
)

func decodeNotificationRows(t *testing.T, out string) []notificationRow {
	t.Helper()
	var rows []notificationRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	return rows
}

// notifications, newest first, filtered by level and by a window measured
// on the server's clock; a resource's own with --resource.
func TestNotificationsCommand(t *testing.T) {
	e := doctorEnv(t)
	code, out, errOut := runCLI("notifications", "--since", "0", "-o", "json")
	all := decodeNotificationRows(t, out)
	if code != 0 || len(all) < 10 {
		t.Fatalf("code %d, %d notifications: %s", code, len(all), errOut)
	}
	for i := 1; i < len(all); i++ {
		if all[i].TS > all[i-1].TS {
			t.Fatalf("not newest first at %d: %d after %d", i, all[i].TS, all[i-1].TS)
		}
	}
	_, out, _ = runCLI("notifications", "--level", "ERROR", "--since", "0", "-o", "json")
	errs := decodeNotificationRows(t, out)
	wantErrs := 0
	for _, n := range all {
		if n.Level == "ERROR" {
			wantErrs++
		}
	}
	if len(errs) != wantErrs || wantErrs == 0 {
		t.Errorf("--level ERROR: %d, want %d", len(errs), wantErrs)
	}
	for _, n := range errs {
		if n.Level != "ERROR" {
			t.Errorf("--level ERROR printed %+v", n)
		}
	}
	_, out, _ = runCLI("notifications", "--since", "1h", "-o", "json")
	hour := decodeNotificationRows(t, out)
	cutoff := doctorNow.Add(-time.Hour).Unix()
	wantHour := 0
	for _, n := range all {
		if n.TS >= cutoff {
			wantHour++
		}
	}
	if len(hour) != wantHour || wantHour == 0 || wantHour == len(all) {
		t.Errorf("--since 1h: %d, want %d of %d", len(hour), wantHour, len(all))
	}
	sc := e.Scenario(t, "credential_expired")
	code, out, _ = runCLI("notifications", "--resource", "source:"+strconv.FormatInt(sc.SourceID, 10), "--level", "error")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || !strings.HasPrefix(lines[0], "TIME (UTC)") || len(lines) < 2 {
		t.Fatalf("table:\n%s", out)
	}
	for _, l := range lines[1:] {
		if !strings.Contains(l, "ERROR") || !strings.Contains(l, "SOURCE "+strconv.FormatInt(sc.SourceID, 10)) || !strings.Contains(l, "OAuth token expired") {
			t.Errorf("row of another resource or level: %s", l)
		}
	}
}

func TestNotificationsUsageErrors(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, args := range [][]string{
		{"notifications", "extra"}, {"notifications", "--level", "LOUD"}, {"notifications", "--since", "-1h"},
		{"notifications", "--resource", "credential:5"}, {"notifications", "--resource", "source"}, {"notifications", "--resource", "source:x"},
	} {
		if code, out, errOut := runCLI(args...); code != 2 || out != "" || !strings.Contains(errOut, "nexla-tui:") {
			t.Errorf("%v: code %d, out %q, err %q", args, code, out, errOut)
		}
	}
}
