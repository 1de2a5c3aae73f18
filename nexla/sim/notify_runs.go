package sim

import (
	"fmt"
	"time"
)

// Notifications are raised by the same runs the metrics and logs come from
// (contract §5.11): a failed run raises an ERROR at the resource that failed,
// a partial one a WARN, and the first clean run after either a RECOVERED at
// the resource that had failed. Each carries the run's first error line, so
// the alert, the logs and the run summary of one run agree. A notification is
// addressed to the flow's owner and dated when the run ended; one whose run
// has not ended yet by the sim clock is not shown (see notificationsWhere).

// maxNotifications bounds the stored list: a fast demo clock raises a few
// per simulated hour per failing flow; the oldest are dropped first.
const maxNotifications = 20000

// appendRun records run r of f and raises its notifications.
func (s *Sim) appendRun(f *flow, r run) {
	prev, hasPrev := run{}, len(f.runs) > 0
	if hasPrev {
		prev = f.runs[len(f.runs)-1]
	}
	f.runs = append(f.runs, r)
	s.raiseRunNotifications(f, r, prev, hasPrev)
}

func (s *Sim) raiseRunNotifications(f *flow, r, prev run, hasPrev bool) {
	o := s.org
	at := r.end()
	// What was raised before the simulator started is history: read when it
	// is more than a day old, as an on-call engineer would have left it.
	read := at.Before(s.opts.Start.Add(-24 * time.Hour))
	switch {
	case r.outcome == outcomeFailed && r.failRes != 0:
		rt, name := resTypeName(f, r.failKin, r.failRes)
		o.addNotification("ERROR", rt, r.failRes, f.ownerID,
			fmt.Sprintf("%s %q failed in run %d: %s", resTypeTitle(rt), name, r.id, f.failureText(r, 0)), at, read)
	case r.outcome == outcomePartial && r.failRes != 0:
		rt, name := resTypeName(f, r.failKin, r.failRes)
		o.addNotification("WARN", rt, r.failRes, f.ownerID,
			fmt.Sprintf("%s %q had %d errors in run %d: %s", resTypeTitle(rt), name, r.errors, r.id, f.failureText(r, 0)), at, read)
	case r.outcome == outcomeSuccess && hasPrev && prev.outcome != outcomeSuccess && prev.failRes != 0:
		rt, name := resTypeName(f, prev.failKin, prev.failRes)
		o.addNotification("RECOVERED", rt, prev.failRes, f.ownerID,
			fmt.Sprintf("%s %q recovered: run %d succeeded after run %d failed", resTypeTitle(rt), name, r.id, prev.id), at, read)
	}
	if n := len(o.notifications); n > maxNotifications {
		o.notifications = append(o.notifications[:0:0], o.notifications[n-maxNotifications/2:]...)
	}
}

// resTypeName is the notification resource_type and the name of a run's
// failing resource.
func resTypeName(f *flow, kind uint8, id int64) (string, string) {
	switch kind {
	case kindSource:
		if f.src != nil {
			return "SOURCE", f.src.name
		}
	case kindNexset:
		if n := findSet(f, id); n != nil {
			return "DATASET", n.name
		}
	case kindSink:
		for _, sk := range f.sinks {
			if sk.id == id {
				return "SINK", sk.name
			}
		}
	}
	return map[uint8]string{kindSource: "SOURCE", kindNexset: "DATASET", kindSink: "SINK"}[kind], f.name
}

func resTypeTitle(rt string) string {
	switch rt {
	case "SOURCE":
		return "Data source"
	case "DATASET":
		return "Nexset"
	case "SINK":
		return "Destination"
	}
	return "Resource"
}
