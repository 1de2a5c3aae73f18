// Package runbook walks the seven-step troubleshooting runbook for a flow or
// one of its resources: it collects facts from the Nexla API concurrently,
// derives the step states and the findings (one rule per "Common issues" row),
// computes org-wide health, and renders reports. It imports nothing of the UI
// so the runbook screen, the health screen and the headless commands share it.
package runbook

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Target is what the runbook was opened on: a flow (RT Flows, ID = any node
// id of the flow) or a source, nexset or destination.
type Target struct {
	RT nexla.ResourceType
	ID int64
}

// ParseTarget reads "<flow|source|nexset|destination> <id>" as typed on the
// command line. Credentials have no flow, so they are refused.
func ParseTarget(kind, id string) (Target, error) {
	rt, ok := nexla.ParseResourceType(strings.ToLower(strings.TrimSpace(kind)))
	if !ok || rt == nexla.DataCredentials {
		return Target{}, fmt.Errorf("unknown resource kind %q: use flow, source, nexset or destination", kind)
	}
	n, err := strconv.ParseInt(strings.TrimSpace(id), 10, 64)
	if err != nil || n <= 0 {
		return Target{}, fmt.Errorf("invalid id %q: expected a positive integer", id)
	}
	return Target{RT: rt, ID: n}, nil
}

func (t Target) String() string { return fmt.Sprintf("%s %d", t.RT.Singular(), t.ID) }

// StepID numbers the seven steps of the seed's runbook.
type StepID int

// The steps, in the order the seed's runbook walks them.
const (
	StepFailurePoint StepID = iota + 1
	StepRunMetrics
	StepLogs
	StepRunDiff
	StepDependencies
	StepConfig
	StepFixVerify
)

// AllSteps lists the steps in order.
var AllSteps = [...]StepID{StepFailurePoint, StepRunMetrics, StepLogs, StepRunDiff, StepDependencies, StepConfig, StepFixVerify}

// Title is the step's heading.
func (s StepID) Title() string {
	switch s {
	case StepFailurePoint:
		return "Failure point"
	case StepRunMetrics:
		return "Run metrics"
	case StepLogs:
		return "Logs of the failed run"
	case StepRunDiff:
		return "Failed vs successful run"
	case StepDependencies:
		return "Dependencies"
	case StepConfig:
		return "Configuration"
	case StepFixVerify:
		return "Fix and verify"
	}
	return "step " + strconv.Itoa(int(s))
}

// Key is a stable machine name for JSON.
func (s StepID) Key() string {
	return [...]string{"", "failure_point", "run_metrics", "logs", "run_diff", "dependencies", "config", "fix_verify"}[s]
}

// State is a step's state.
type State string

// Step states. Pending means nothing has been asked yet.
const (
	StatePending State = "pending"
	StateRunning State = "running"
	StateOK      State = "ok"
	StateWarning State = "warning"
	StateFailing State = "failing"
	StateSkipped State = "skipped"
)

// Step is one filled-in runbook step.
type Step struct {
	ID      StepID
	State   State
	Summary string   // one line
	Details []string // lines of detail, sanitized
	Errors  []string // failed calls of this step, sanitized
}

// Severity ranks findings.
type Severity int

// Severities, lowest first.
const (
	SeverityInfo Severity = iota
	SeverityWarning
	SeverityCritical
)

func (s Severity) String() string {
	return [...]string{"info", "warning", "critical"}[s]
}

// Confidence says how much evidence backs a finding.
type Confidence int

// Confidences, lowest first.
const (
	ConfidenceLow Confidence = iota
	ConfidenceMedium
	ConfidenceHigh
)

func (c Confidence) String() string { return [...]string{"low", "medium", "high"}[c] }

// Cause keys: one per row of the seed's "Common issues" table, plus healthy.
const (
	CauseCredentialExpired = "credential_expired"
	CauseTransformError    = "transform_error"
	CauseSchemaMismatch    = "schema_mismatch"
	CauseRateLimited       = "rate_limited"
	CauseNetworkTimeout    = "network_timeout"
	CauseResourceConflict  = "resource_conflict"
	CauseFlowNotRunning    = "flow_not_running"
	CauseHighErrorRate     = "high_error_rate"
	CauseStaleData         = "stale_data"
	CausePermissionDenied  = "permission_denied"
	// CauseUpstreamFailing: the flow that starts or feeds this one fails,
	// so this one does not run (or runs on what the failing one gives it).
	CauseUpstreamFailing = "upstream_failing"
	// CauseSlowRun: a run took longer than the SLA's max run duration (or
	// one still going has).
	CauseSlowRun = "slow_run"
	// CauseUnknown: no rule fired, but the run metrics could not be read,
	// so the flow cannot be called healthy (never false calm).
	CauseUnknown = "unknown"
	CauseHealthy = "healthy"
	// CauseSomeFailedRuns is the health overview's label for failures below
	// the high-error-rate threshold: worth seeing, not worth an alarm.
	CauseSomeFailedRuns = "some_failed_runs"
)

// causeTitles are the human names of the cause keys: screens and Markdown
// show these, JSON keeps the keys.
var causeTitles = map[string]string{
	CauseCredentialExpired: "Credential expired",
	CauseTransformError:    "Transform error",
	CauseSchemaMismatch:    "Schema mismatch",
	CauseRateLimited:       "Rate limited",
	CauseNetworkTimeout:    "Network timeout",
	CauseResourceConflict:  "Resource conflict",
	CauseFlowNotRunning:    "Flow not running",
	CauseHighErrorRate:     "High error rate",
	CauseStaleData:         "Stale data",
	CausePermissionDenied:  "Permission denied",
	CauseUpstreamFailing:   "Upstream flow failing",
	CauseSlowRun:           "Run over its SLA",
	CauseUnknown:           "Health unknown",
	CauseHealthy:           "Healthy",
	CauseSomeFailedRuns:    "Some runs failed",
}

// CauseTitle is the human title of a cause key ("Credential expired"); an
// unknown key is shown as it is, with underscores as spaces.
func CauseTitle(cause string) string {
	if t, ok := causeTitles[cause]; ok {
		return t
	}
	t := strings.ReplaceAll(cause, "_", " ")
	if t == "" {
		return ""
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

// Finding is one conclusion with the evidence behind it.
type Finding struct {
	Cause      string
	Sentence   string
	Evidence   []string
	Fix        string // the seed's "Solution" column, made concrete
	Severity   Severity
	Confidence Confidence
}

// Title is the finding's human title ("Credential expired").
func (f Finding) Title() string { return CauseTitle(f.Cause) }

// Report is the runbook's result at one moment: complete once Done.
type Report struct {
	Target      Target
	GeneratedAt time.Time
	Flow        FlowSummary
	Steps       [len(AllSteps)]Step
	Findings    []Finding // best first; never empty once Done
	Runs        []Run     // latest first
	// Changes are the audit-log changes of the flow's resources in report
	// order: the one nearest before the first failure, the others newest
	// first, then the caller's own (ConfigChange.Yours).
	Changes []ConfigChange
	Daily   []DailyPoint
	Stats   RunStats
	// Unread names the run metrics that could not be read ("" when all
	// were): without them no verdict can be "healthy".
	Unread string
	Done   bool
}

// Healthy is the report's verdict (see Verdict): doctor's exit status.
func (r *Report) Healthy() bool {
	if len(r.Findings) == 0 {
		return false
	}
	return Verdict(r.Findings[0].Severity, r.Unread == "")
}

// Top returns the top finding, or a zero Finding.
func (r *Report) Top() Finding {
	if len(r.Findings) == 0 {
		return Finding{}
	}
	return r.Findings[0]
}

// Step returns the step by id.
func (r *Report) Step(id StepID) Step { return r.Steps[id-1] }

// FlowSummary names the flow the target belongs to.
type FlowSummary struct {
	ID            int64
	Name          string
	Status        string
	RuntimeStatus string
	LastRunID     int64
}
