package runbook

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla/safetext"
)

// Every string a renderer writes was sanitized when the report was built
// (steps and findings call clean on API text); the renderers add only their
// own fixed text, so reports are safe to print to a terminal.

// WriteMarkdown renders the report as Markdown (doctor's default output).
func WriteMarkdown(w io.Writer, r *Report) error {
	var b strings.Builder
	writeFindings(&b, r)
	writeSteps(&b, r)
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteFindingsMarkdown renders the report's head and findings as Markdown,
// without the steps: what the runbook screen copies to hand on.
func WriteFindingsMarkdown(w io.Writer, r *Report) error {
	var b strings.Builder
	writeFindings(&b, r)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeFindings(b *strings.Builder, r *Report) {
	fmt.Fprintf(b, "# Runbook: %s\n\n", r.Target)
	if r.Flow.ID != 0 {
		fmt.Fprintf(b, "Flow %q (id %d): %s, runtime %s. Generated %s UTC.\n\n", r.Flow.Name, r.Flow.ID, orUnknown(r.Flow.Status), orUnknown(r.Flow.RuntimeStatus), stamp(r.GeneratedAt))
	}
	b.WriteString("## Finding\n\n")
	if len(r.Findings) == 0 {
		b.WriteString("No conclusion: the flow could not be read.\n\n")
	}
	for i, f := range r.Findings {
		if i == 1 {
			b.WriteString("### Also found\n\n")
		}
		if i == 0 {
			fmt.Fprintf(b, "**%s** (%s, %s confidence): %s\n\n", f.Title(), f.Severity, f.Confidence, f.Sentence)
		} else {
			fmt.Fprintf(b, "- **%s** (%s, %s confidence): %s\n", f.Title(), f.Severity, f.Confidence, f.Sentence)
		}
		prefix := ""
		if i > 0 {
			prefix = "  "
		}
		for _, e := range f.Evidence {
			fmt.Fprintf(b, "%s- evidence: %s\n", prefix, e)
		}
		if f.Fix != "" {
			fmt.Fprintf(b, "%s- fix: %s\n", prefix, f.Fix)
		}
		b.WriteString("\n")
	}
}

func writeSteps(b *strings.Builder, r *Report) {
	b.WriteString("## Steps\n\n")
	for _, s := range r.Steps {
		fmt.Fprintf(b, "### %d. %s [%s]\n\n", s.ID, s.ID.Title(), s.State)
		if s.Summary != "" {
			fmt.Fprintf(b, "%s\n\n", s.Summary)
		}
		if len(s.Details) > 0 {
			b.WriteString("```\n")
			for _, d := range s.Details {
				b.WriteString(d + "\n")
			}
			b.WriteString("```\n\n")
		}
		for _, e := range s.Errors {
			fmt.Fprintf(b, "- call failed: %s\n", e)
		}
		if len(s.Errors) > 0 {
			b.WriteString("\n")
		}
	}
}

type jsonReport struct {
	Target      jsonTarget    `json:"target"`
	GeneratedAt string        `json:"generated_at"`
	Flow        jsonFlow      `json:"flow"`
	Healthy     bool          `json:"healthy"`
	Top         *jsonFinding  `json:"top_finding"`
	Findings    []jsonFinding `json:"findings"`
	Steps       []jsonStep    `json:"steps"`
	Runs        []jsonRun     `json:"runs"`
	ErrorRate   float64       `json:"error_rate"`
	// FailedRuns and PartialRuns of Runs, kept apart (a partial run moved
	// records, with errors); error_rate counts both.
	FailedRuns  int          `json:"failed_runs"`
	PartialRuns int          `json:"partial_runs"`
	Changes     []jsonChange `json:"changes"`
}

// jsonChange is one audit-log change in report order (Report.Changes), with
// its before/after rendered as diff lines: secrets are never in them.
type jsonChange struct {
	ResourceType string   `json:"resource_type"`
	ResourceID   int64    `json:"resource_id"`
	Resource     string   `json:"resource"`
	At           *string  `json:"at"`
	Event        string   `json:"event"`
	Fields       []string `json:"fields"`
	By           string   `json:"by"`
	Nearest      bool     `json:"nearest_before_failure"`
	Yours        bool     `json:"yours"`
	Diff         []string `json:"diff"`
}

type jsonTarget struct {
	Type string `json:"type"`
	ID   int64  `json:"id"`
}

type jsonFlow struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	Status        string `json:"status"`
	RuntimeStatus string `json:"runtime_status"`
	LastRunID     int64  `json:"last_run_id,omitempty"`
}

type jsonFinding struct {
	Cause      string   `json:"cause"`
	Title      string   `json:"title"`
	Sentence   string   `json:"sentence"`
	Evidence   []string `json:"evidence"`
	Fix        string   `json:"fix,omitempty"`
	Severity   string   `json:"severity"`
	Confidence string   `json:"confidence"`
}

type jsonStep struct {
	N       int      `json:"n"`
	Key     string   `json:"key"`
	Title   string   `json:"title"`
	State   State    `json:"state"`
	Summary string   `json:"summary"`
	Details []string `json:"details"`
	Errors  []string `json:"errors,omitempty"`
}

type jsonRun struct {
	ID          int64   `json:"run_id"`
	Started     *string `json:"started"`
	Ended       *string `json:"ended"`
	Records     int64   `json:"records"`
	Errors      int64   `json:"errors"`
	Size        int64   `json:"size"`
	DurationSec float64 `json:"duration_s"`
	Outcome     Outcome `json:"outcome"`
}

func isoOrNil(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

func toJSONFinding(f Finding) jsonFinding {
	ev := f.Evidence
	if ev == nil {
		ev = []string{}
	}
	return jsonFinding{Cause: f.Cause, Title: f.Title(), Sentence: f.Sentence, Evidence: ev, Fix: f.Fix, Severity: f.Severity.String(), Confidence: f.Confidence.String()}
}

// WriteJSON renders the report as indented JSON with a stable field order.
func WriteJSON(w io.Writer, r *Report) error {
	out := jsonReport{
		Target:      jsonTarget{Type: string(r.Target.RT), ID: r.Target.ID},
		GeneratedAt: r.GeneratedAt.UTC().Format(time.RFC3339),
		Flow:        jsonFlow{ID: r.Flow.ID, Name: r.Flow.Name, Status: r.Flow.Status, RuntimeStatus: r.Flow.RuntimeStatus, LastRunID: r.Flow.LastRunID},
		Healthy:     r.Healthy(),
		Findings:    []jsonFinding{},
		Runs:        []jsonRun{},
		ErrorRate:   r.Stats.ErrorRate,
		FailedRuns:  r.Stats.Failed - r.Stats.Partial,
		PartialRuns: r.Stats.Partial,
		Changes:     []jsonChange{},
	}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, toJSONFinding(f))
	}
	if len(out.Findings) > 0 {
		out.Top = &out.Findings[0]
	}
	for _, s := range r.Steps {
		d := s.Details
		if d == nil {
			d = []string{}
		}
		out.Steps = append(out.Steps, jsonStep{N: int(s.ID), Key: s.ID.Key(), Title: s.ID.Title(), State: s.State, Summary: s.Summary, Details: d, Errors: s.Errors})
	}
	for _, run := range r.Runs {
		out.Runs = append(out.Runs, jsonRun{ID: run.ID, Started: isoOrNil(run.Started), Ended: isoOrNil(run.Ended), Records: run.Records,
			Errors: run.Errors, Size: run.Size, DurationSec: run.Duration().Seconds(), Outcome: run.Outcome})
	}
	for _, c := range r.Changes {
		out.Changes = append(out.Changes, toJSONChange(c))
	}
	return safetext.WriteJSON(w, out)
}

func toJSONChange(c ConfigChange) jsonChange {
	fields := cleanAll(c.Fields)
	diff := c.Diff()
	if diff == nil {
		diff = []string{}
	}
	return jsonChange{ResourceType: string(c.Resource.RT), ResourceID: c.Resource.ID, Resource: lbl(c.Resource), At: isoOrNil(c.At),
		Event: clean(c.Event), Fields: fields, By: clean(c.By), Nearest: c.Nearest, Yours: c.Yours, Diff: diff}
}

type jsonHealth struct {
	FlowID     int64  `json:"flow_id"`
	Name       string `json:"name"`
	Status     string `json:"status"`
	Origin     string `json:"origin"`
	Healthy    bool   `json:"healthy"`
	Cause      string `json:"cause"`
	Title      string `json:"title"`
	Severity   string `json:"severity"`
	Confidence string `json:"confidence,omitempty"` // only for a rule's cause
	Runs       int    `json:"runs"`
	// Failed counts FAILED runs only and Partial PARTIAL ones (records
	// moved, with errors); WithErrors is both, what error_rate counts.
	Failed     int      `json:"failed_runs"`
	Partial    int      `json:"partial_runs"`
	WithErrors int      `json:"runs_with_errors"`
	ErrorRate  float64  `json:"error_rate"`
	LastRunID  int64    `json:"last_run_id,omitempty"`
	LastRun    *string  `json:"last_run"`
	Stale      bool     `json:"stale"`
	Credential string   `json:"credential"`
	Issues     []string `json:"issues"`
	Error      string   `json:"error,omitempty"`
}

// WriteHealthJSON renders the health overview as a JSON array.
func WriteHealthJSON(w io.Writer, rows []FlowHealth) error {
	// Row by row: the whole array as one document was 40 MB at 30,000 flows.
	return safetext.WriteJSONArray(w, len(rows), func(i int) any {
		h := &rows[i]
		is := h.Issues
		if is == nil {
			is = []string{}
		}
		conf := ""
		if h.Cause != CauseHealthy && h.Cause != CauseSomeFailedRuns {
			conf = h.Confidence.String()
		}
		return jsonHealth{FlowID: h.FlowID, Name: h.Name, Status: h.Status, Origin: lbl(h.Origin), Healthy: h.Healthy(),
			Cause: h.Cause, Title: CauseTitle(h.Cause), Severity: h.Severity.String(), Confidence: conf, Runs: h.Runs,
			Failed: h.Failed - h.Partial, Partial: h.Partial, WithErrors: h.Failed,
			ErrorRate: h.ErrorRate, LastRunID: h.LastRunID, LastRun: isoOrNil(h.LastRun), Stale: h.Stale, Credential: h.Credential,
			Issues: is, Error: h.Err}
	})
}

// HealthColumns are the table headings shared by `health -o table` and the screen.
var HealthColumns = []string{"FLOW", "NAME", "STATUS", "HEALTH", "ERR RATE", "RUNS", "LAST RUN", "CREDENTIAL", "ISSUE"}

// HealthCells renders one row's cells (sanitized) for a table.
func HealthCells(h FlowHealth, now time.Time) []string {
	issue := ""
	if len(h.Issues) > 0 {
		issue = CauseTitle(h.Cause) + ": " + h.Issues[0]
	} else if h.Err != "" {
		issue = "run summary unreadable: " + h.Err
	}
	last := "never"
	if !h.LastRun.IsZero() {
		last = ago(now, h.LastRun)
	} else if h.LastRunID != 0 {
		last = "run " + itoa(h.LastRunID)
	}
	return []string{itoa(h.FlowID), h.Name, h.Status, h.Word(), pct(h.ErrorRate), RunsCell(h), last, h.Credential, issue}
}

// RunsCell is the RUNS (screen: FAILED) cell: failed runs of the runs
// read, "4/10", with partial runs apart when there are any: "4+4p/10" is 4
// failed and 4 partial of 10, "5p/10" 5 partial, never "8/10" or "5/10"
// (7 cells at most for 10 runs).
func RunsCell(h FlowHealth) string {
	failed := h.Failed - h.Partial
	switch {
	case h.Partial == 0:
		return fmt.Sprintf("%d/%d", failed, h.Runs)
	case failed == 0:
		return fmt.Sprintf("%dp/%d", h.Partial, h.Runs)
	}
	return fmt.Sprintf("%d+%dp/%d", failed, h.Partial, h.Runs)
}

// WriteHealthTable renders the overview as a plain aligned table (no colour).
func WriteHealthTable(w io.Writer, rows []FlowHealth, now time.Time) error {
	cells := [][]string{HealthColumns}
	for _, h := range rows {
		cells = append(cells, HealthCells(h, now))
	}
	widths := make([]int, len(HealthColumns))
	for _, row := range cells {
		for i, c := range row[:len(row)-1] {
			if n := len([]rune(c)); n > widths[i] {
				widths[i] = min(n, 40)
			}
		}
	}
	var b strings.Builder
	for _, row := range cells {
		for i, c := range row {
			if i == len(row)-1 {
				b.WriteString(c)
				break
			}
			c = shorten(c, widths[i])
			b.WriteString(c + strings.Repeat(" ", widths[i]-len([]rune(c))+2))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
