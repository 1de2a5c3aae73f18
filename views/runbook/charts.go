package runbook

import (
	"fmt"

	rb "github.com/nexla-tui/nexla-tui/nexla/runbook"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

var sparkRunes = []rune("▁▂▃▄▅▆▇█")

// sparkline draws values (oldest first) as one block per value, scaled to the max.
func sparkline(vals []int64) string {
	var top int64
	for _, v := range vals {
		top = max(top, v)
	}
	out := make([]rune, len(vals))
	for i, v := range vals {
		switch {
		case v <= 0:
			out[i] = ' '
		case top == 0:
			out[i] = sparkRunes[0]
		default:
			out[i] = sparkRunes[int(v*int64(len(sparkRunes)-1)/top)]
		}
	}
	return string(out)
}

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
		fmt.Sprintf("records/run  %s", sparkline(rec)),
		fmt.Sprintf("errors/run   %s", sparkline(errs)),
		fmt.Sprintf("outcome      %s  (. ok, P partial, F failed; oldest left)", string(marks)),
	}
	if d := s.report.Daily; len(d) > 0 {
		rec, errs := make([]int64, len(d)), make([]int64, len(d))
		for i, p := range d {
			rec[i], errs[i] = p.Records, p.Errors
		}
		out = append(out, fmt.Sprintf("records/day  %s  (%s .. %s)", sparkline(rec), viewkit.Clean(d[0].Day), viewkit.Clean(d[len(d)-1].Day)),
			fmt.Sprintf("errors/day   %s", sparkline(errs)))
	}
	return append(out, "")
}
