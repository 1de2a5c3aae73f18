package cli

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/nexla-tui/nexla-tui/nexla/batch"
)

// bulkResult is one line of `pause|activate flow -o json`.
type bulkResult struct {
	FlowID int64  `json:"flow_id"`
	Name   string `json:"name"`
	Action string `json:"action"`
	// Result: applied, unchanged (already so, nothing sent), failed,
	// pending (not reached: interrupted), would_apply (dry run).
	Result string `json:"result"`
	// Note says how a lost answer was settled, or why nothing was sent.
	Note  string `json:"note,omitempty"`
	Error string `json:"error,omitempty"`
}

func bulkResults(action string, items []batch.Item, dryRun bool) []bulkResult {
	out := make([]bulkResult, 0, len(items))
	for _, it := range items {
		r := bulkResult{FlowID: it.ID, Name: it.Name, Action: action, Result: string(it.State), Note: it.Note, Error: it.Error}
		if dryRun && it.State == batch.Pending {
			r.Result = "would_apply"
		}
		out = append(out, r)
	}
	return out
}

// reportBulk prints the results and sets the exit status: 1 when a flow
// failed (or, outside a dry run, was not reached).
func reportBulk(g *Globals, action string, items []batch.Item, dryRun bool, output string) error {
	var err error
	if output == "json" {
		err = writeJSON(g.IO.Out, bulkResults(action, items, dryRun))
	} else {
		err = writeBulkTable(g.IO.Out, action, items, dryRun)
	}
	if err != nil {
		return &ExitError{Code: 2, Err: err}
	}
	for _, it := range items {
		if it.State == batch.Failed || (!dryRun && it.State == batch.Pending) {
			return &ExitError{Code: 1}
		}
	}
	return nil
}

// resultWord is the RESULT column: "would pause", "paused", "unchanged"...
func resultWord(action string, st batch.State, dryRun bool) string {
	past := "activated"
	if action == "pause" {
		past = "paused"
	}
	switch {
	case dryRun && st == batch.Pending:
		return "would " + action
	case st == batch.Applied:
		return past
	case st == batch.Pending:
		return "not reached"
	}
	return string(st)
}

func writeBulkTable(w io.Writer, action string, items []batch.Item, dryRun bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FLOW\tNAME\tRESULT\tDETAIL")
	for _, it := range items {
		detail := it.Error
		if detail == "" {
			detail = it.Note
		} else if it.Note != "" {
			detail += " (" + it.Note + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", strconv.FormatInt(it.ID, 10), cell(it.Name), resultWord(action, it.State, dryRun), cell(detail))
	}
	return tw.Flush()
}
