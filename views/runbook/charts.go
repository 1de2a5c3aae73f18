package runbook

import (
	"fmt"
	"slices"
	"strings"

	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// charts are the records and errors per run and per day, oldest on the left.
func (s *Screen) charts(w int) []string {
	runs := s.report.Runs
	if len(runs) == 0 {
		return nil
	}
	rec, errs, marks := make([]int64, len(runs)), make([]int64, len(runs)), make([]rune, len(runs))
	for i, r := range runs {
		j := len(runs) - 1 - i
		rec[j], errs[j] = r.Records, r.Errors
		switch r.Outcome {
		case rb.OutcomeFailed:
			marks[j] = 'F'
		case rb.OutcomePartial:
			marks[j] = 'P'
		default:
			marks[j] = '.'
		}
	}
	out := []string{
		fmt.Sprintf("records/run  %s", components.Sparkline(rec)),
		fmt.Sprintf("errors/run   %s", components.Sparkline(errs)),
		fmt.Sprintf("outcome      %s  (. ok, P partial, F failed; oldest left)", string(marks)),
	}
	out = append(out, "")
	return append(out, dailyBars(s.report.Daily, w)...)
}

// dailyBars draws one line per day: a records bar and an errors bar, each
// scaled to its own maximum over the window, with the numbers after them.
func dailyBars(days []rb.DailyPoint, w int) []string {
	if len(days) == 0 {
		return nil
	}
	var topRec, topErr int64
	for _, d := range days {
		topRec, topErr = max(topRec, d.Records), max(topErr, d.Errors)
	}
	// "MM-DD " + records bar + " " + errors bar + " %9d rec %7d err"
	barW := max((w-6-1-22)/2, 4)
	out := []string{fmt.Sprintf("%-5s %-*s %-*s %9s %11s", "day", barW, "records", barW, "errors", "records", "errors")}
	for _, d := range days {
		day := viewkit.Clean(d.Day)
		if len(day) == len("2006-01-02") {
			day = day[5:]
		}
		out = append(out, fmt.Sprintf("%-5s %s %s %9d %11d", day, bar(d.Records, topRec, barW), bar(d.Errors, topErr, barW), d.Records, d.Errors))
	}
	return append(out, "")
}

// bar is v/top of width cells in eighths, padded to width.
func bar(v, top int64, width int) string {
	eighths := 0
	if top > 0 && v > 0 {
		eighths = max(int(v*int64(width*8)/top), 1)
	}
	full, part := eighths/8, eighths%8
	b := strings.Repeat("█", full)
	if part > 0 {
		b += string(partialBlocks[part])
		full++
	}
	return b + strings.Repeat(" ", width-full)
}

var partialBlocks = []rune(" ▏▎▍▌▋▊▉")

// runTable is the last runs as a table that fits w: the run id and size
// give way below 80 cells (the id is in steps 1, 3 and 4). Each row names
// its run (enter opens its logs); marked rows (to compare) carry a *.
// Start times are in the screen's zone, named in the header.
func (s *Screen) runTable(w int) []paneLine {
	wide := w >= 80
	loc := s.d.Location
	zone := "started"
	if len(s.report.Runs) > 0 {
		if name, _ := s.report.Runs[0].Started.In(loc).Zone(); name != "" {
			zone = "started " + name
		}
	}
	head := fmt.Sprintf("  %-11s %8s %7s %7s  %s", zone, "records", "errors", "time", "outcome")
	if wide {
		head = fmt.Sprintf("  %-14s ", "run") + head[2:] + fmt.Sprintf(" %10s", "size")
	}
	out := []paneLine{{text: head}}
	for _, r := range s.report.Runs {
		started := "-"
		if !r.Started.IsZero() {
			started = r.Started.In(loc).Format("01-02 15:04")
		}
		line := fmt.Sprintf("%-11s %8d %7d %7s  %-7s", started, r.Records, r.Errors, rb.Dur(r.Duration()), r.Outcome)
		if wide {
			line = fmt.Sprintf("%-14d ", r.ID) + line + fmt.Sprintf(" %10s", rb.Bytes(r.Size))
		}
		mark := "  "
		if slices.Contains(s.marks, r.ID) {
			mark = "* "
		}
		line = mark + line
		out = append(out, paneLine{text: line, mentions: []rb.Mention{{Kind: rb.MentionRun, Start: 2, End: len(line), ID: r.ID}}})
	}
	return out
}
