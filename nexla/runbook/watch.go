package runbook

import (
	"context"
	"sync"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// WatchStatus is one poll of a flow after it was activated: has a run newer
// than the baseline started, has it ended, and how did it go.
type WatchStatus struct {
	FlowStatus string
	Runtime    string
	// RunID is the run to follow: the flow's last_run_id while it is
	// PROCESSING (a run in progress is in the logs but not yet in the run
	// summaries), else the newest summarised run after the baseline.
	RunID int64
	Run   *Run // the newest summarised run after the baseline, nil until one appears
	Done  bool // that run has ended (the flow is no longer processing)
	// Since and SinceOK count the summarised runs after the baseline and
	// those of them that succeeded: the evidence behind "1 of 1 since the fix".
	Since, SinceOK int
}

// Succeeded reports a finished, error-free run.
func (w WatchStatus) Succeeded() bool { return w.Done && w.Run != nil && !w.Run.Outcome.Failed() }

// PollRun reads the flow's state and its resources' newest runs concurrently
// and reports the run with an id above after: in progress or, once it has
// ended and been summarised, with its counts. It only reads.
func PollRun(ctx context.Context, api nexla.API, flowID, after int64, resources []ResourceRef) (WatchStatus, error) {
	var (
		st   WatchStatus
		mu   sync.Mutex
		wg   sync.WaitGroup
		errs []error
		per  = map[resKey][]nexla.RunMetric{}
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		fr, err := api.GetFlow(ctx, flowID, nexla.FlowGetOptions{FlowsOnly: true})
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			errs = append(errs, err)
			return
		}
		if len(fr.Flows) > 0 {
			o := fr.Flows[0]
			st.FlowStatus, st.Runtime = o.Status, o.RuntimeStatus
			if o.RuntimeStatus == nexla.RuntimeProcessing && o.LastRunID > after {
				st.RunID = o.LastRunID
			}
		}
	}()
	for _, r := range resources {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runs, err := api.LatestRuns(ctx, r.RT, r.ID, 3)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
				return
			}
			per[resKey{r.RT, r.ID}] = runs
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		return st, errs[0]
	}
	runs := mergeRuns(per, nil, nil, 0)
	for _, r := range runs {
		if r.ID > after {
			st.Since++
			if !r.Outcome.Failed() {
				st.SinceOK++
			}
		}
	}
	if len(runs) > 0 && runs[0].ID > after && (st.RunID == 0 || runs[0].ID == st.RunID) {
		st.Run = &runs[0]
		st.RunID = runs[0].ID
		st.Done = st.Runtime != nexla.RuntimeProcessing
	}
	return st, nil
}
