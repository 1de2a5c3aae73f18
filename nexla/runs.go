package nexla

import (
	"context"
	"net/http"
	"slices"
)

// maxRunPagesWalked bounds the walk LatestRuns makes when the server reports
// no totals: with pages oldest-first the newest runs are on the last page,
// which only reading on finds.
const maxRunPagesWalked = 20

// LatestRuns returns the newest n runs of a resource's run_summary, newest
// first. The direction of run_summary's pages is undocumented (contract §9
// #7: "ordered by runId"), so page 1 may hold the oldest runs: it reads page
// 1 (size n), and when there are more pages and page 1 is not already
// newest-first, the last page too (and the one before when the last is
// short), then sorts what it read by run id. One call when everything fits
// on one page or the server pages newest-first; two or three otherwise.
// Every caller that says "N of the last 10" uses this, so they agree.
func (c *Client) LatestRuns(ctx context.Context, rt ResourceType, id int64, n int) ([]RunMetric, error) {
	path := pathf("/%s/%d/metrics/run_summary", rt, id)
	if n <= 0 {
		return nil, inputError(http.MethodGet, path, "the number of runs must be positive, not %d", n)
	}
	sized := func(p, size int) (*RunSummary, error) {
		return c.RunSummary(ctx, rt, id, RunSummaryOptions{OrderBy: "runId", Page: p, Size: size})
	}
	page := func(p int) (*RunSummary, error) { return sized(p, n) }
	first, err := page(1)
	if err != nil {
		return nil, err
	}
	read := first.Runs
	if !newestFirst(first.Runs) {
		if tail, ok, err := tailRuns(first, n, sized); err != nil || ok {
			if err != nil {
				return nil, err
			}
			return newestRuns(append(read, tail...), n), nil
		}
		more, err := c.lastRunPages(first, n, page)
		if err != nil {
			return nil, err
		}
		read = append(read, more...)
	}
	return newestRuns(read, n), nil
}

// tailRuns reads the newest n of total runs in one call when page 1 was full
// and not newest-first: page 2 at size total-n holds rows total-n..total-1,
// exactly the newest n when total >= 2n. A server that caps the page size
// answers another number of rows; then ok is false and the caller reads the
// last pages at size n instead (one call more, never a wrong answer).
func tailRuns(first *RunSummary, n int, sized func(page, size int) (*RunSummary, error)) (tail []RunMetric, ok bool, err error) {
	total := first.Meta.TotalCount
	if len(first.Runs) < n || total < 2*n {
		return nil, false, nil
	}
	rs, err := sized(2, total-n)
	if err != nil {
		return nil, false, err
	}
	if len(rs.Runs) != n {
		return nil, false, nil
	}
	return rs.Runs, true, nil
}

// lastRunPages reads the page(s) holding the newest runs when page 1 may
// hold the oldest: the last page, and the one before when the last is short.
func (c *Client) lastRunPages(first *RunSummary, n int, page func(int) (*RunSummary, error)) ([]RunMetric, error) {
	size := max(n, len(first.Runs)) // the server may send more than asked
	if len(first.Runs) < size {
		return nil, nil // page 1 is short: it is the only page
	}
	last := 0
	switch {
	case first.Meta.TotalCount > 0:
		last = (first.Meta.TotalCount + size - 1) / size
	case first.Meta.PageCount > 0:
		last = first.Meta.PageCount
	}
	if last == 0 {
		return walkRunPages(page, size)
	}
	if last <= 1 {
		return nil, nil
	}
	lp, err := page(last)
	if err != nil {
		return nil, err
	}
	out := lp.Runs
	if len(lp.Runs) < size && last-1 > 1 {
		prev, err := page(last - 1)
		if err != nil {
			return nil, err
		}
		out = append(out, prev.Runs...)
	}
	return out, nil
}

// walkRunPages reads on from page 2 until a short page (no totals to jump
// to the last one), keeping the last two pages read.
func walkRunPages(page func(int) (*RunSummary, error), size int) ([]RunMetric, error) {
	var prev, cur []RunMetric
	for p := 2; p <= maxRunPagesWalked; p++ {
		rs, err := page(p)
		if err != nil {
			return nil, err
		}
		prev, cur = cur, rs.Runs
		if len(rs.Runs) < size {
			break
		}
	}
	return append(prev, cur...), nil
}

// newestFirst reports whether runs are strictly newest-first (two rows at
// least: one row says nothing about the order).
func newestFirst(runs []RunMetric) bool {
	if len(runs) < 2 {
		return false
	}
	for i := 1; i < len(runs); i++ {
		if runs[i].RunID >= runs[i-1].RunID {
			return false
		}
	}
	return true
}

// newestRuns sorts runs by id, newest first, drops repeats (pages read twice
// overlap) and keeps n.
func newestRuns(runs []RunMetric, n int) []RunMetric {
	out := slices.Clone(runs)
	slices.SortStableFunc(out, func(a, b RunMetric) int {
		switch {
		case a.RunID > b.RunID:
			return -1
		case a.RunID < b.RunID:
			return 1
		}
		return 0
	})
	out = slices.CompactFunc(out, func(a, b RunMetric) bool { return a.RunID == b.RunID && a == b })
	if len(out) > n {
		out = out[:n]
	}
	if out == nil {
		out = []RunMetric{}
	}
	return out
}
