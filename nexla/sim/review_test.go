package sim_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

// A page number so large that (page-1)*per_page overflows int64 must read as
// "past the end" (an empty page), not crash the handler or wrap around.
func TestHugePageNumbersAnswerEmptyPages(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 1})
	sc := h.scenario("high_error_rate")
	const huge = "9223372036854775807"
	for _, path := range []string{
		"/data_sources?access_role=all&per_page=3&page=" + huge,
		"/notifications?per_page=2&page=" + huge,
		fmt.Sprintf("/data_sources/%d/audit_log?per_page=2&page=%s", sc.SourceID, huge),
		fmt.Sprintf("/data_sources/%d/metrics/run_summary?size=2&page=%s", sc.SourceID, huge),
		fmt.Sprintf("/flows/%d/logs?per_page=2&page=%s", sc.FlowID, huge),
		fmt.Sprintf("/flows/%d/metrics?from=2026-01-01&groupby=runId&per_page=2&page=%s", sc.FlowID, huge),
	} {
		resp, body := h.call(http.MethodGet, path, "")
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d %s", path, resp.StatusCode, body)
		}
	}
	var page []map[string]any
	h.getJSON("/data_sources?access_role=all&per_page=3&page="+huge, &page)
	if len(page) != 0 {
		t.Errorf("page %s holds %d sources, want none", huge, len(page))
	}
}
