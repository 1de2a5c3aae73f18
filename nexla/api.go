package nexla

import (
	"context"
	"time"
)

// API is what the UI, the runbook and the headless commands depend on. *Client
// implements it over HTTP; tests of screens may use a fake. Every call takes a
// context and honours its cancellation. Mutating calls return ErrReadOnly
// before any I/O when the client is read-only.
type API interface {
	// Identity and health.
	WhoAmI(ctx context.Context) (*CurrentUser, error)
	ReadOnly() bool
	BaseURL() string

	// Flows.
	ListFlows(ctx context.Context, opts FlowListOptions) (*FlowResponse, error)
	GetFlow(ctx context.Context, nodeID int64, opts FlowGetOptions) (*FlowResponse, error)
	GetFlowByResource(ctx context.Context, rt ResourceType, id int64, opts FlowGetOptions) (*FlowResponse, error)
	// Mutations are never re-sent blindly when their answer is lost: the
	// target is re-read and the Outcome says what happened (see mutate.go).
	ActivateFlow(ctx context.Context, nodeID int64, all bool) (*FlowResponse, Outcome, error)
	PauseFlow(ctx context.Context, nodeID int64, all bool) (*FlowResponse, Outcome, error)

	// Resources. List* fetch every page (concurrently once the total is known);
	// *Pages stream pages in order as they arrive, for progressive screens.
	ListSources(ctx context.Context, opts ListOptions) ([]Source, error)
	SourcePages(ctx context.Context, opts ListOptions) <-chan Page[Source]
	GetSource(ctx context.Context, id int64, expand bool) (*Source, error)
	ListNexsets(ctx context.Context, opts ListOptions) ([]Nexset, error)
	NexsetPages(ctx context.Context, opts ListOptions) <-chan Page[Nexset]
	GetNexset(ctx context.Context, id int64, expand bool) (*Nexset, error)
	ListDestinations(ctx context.Context, opts ListOptions) ([]Destination, error)
	DestinationPages(ctx context.Context, opts ListOptions) <-chan Page[Destination]
	GetDestination(ctx context.Context, id int64, expand bool) (*Destination, error)
	ListCredentials(ctx context.Context, opts ListOptions) ([]Credential, error)
	CredentialPages(ctx context.Context, opts ListOptions) <-chan Page[Credential]
	GetCredential(ctx context.Context, id int64, expand bool) (*Credential, error)

	// Resource-level activate/pause (PUT /{rt}/{id}/activate|pause): only that
	// resource changes.
	ActivateResource(ctx context.Context, rt ResourceType, id int64) (Outcome, error)
	PauseResource(ctx context.Context, rt ResourceType, id int64) (Outcome, error)

	// Metrics and logs (rt is data_sources, data_sets or data_sinks).
	DailyMetrics(ctx context.Context, rt ResourceType, id int64, from, to time.Time) ([]DailyMetric, error)
	RunSummary(ctx context.Context, rt ResourceType, id int64, opts RunSummaryOptions) (*RunSummary, error)
	// LatestRuns is the newest n runs of run_summary, newest first, whatever
	// the server's page order.
	LatestRuns(ctx context.Context, rt ResourceType, id int64, n int) ([]RunMetric, error)
	FlowLogs(ctx context.Context, rt ResourceType, id int64, opts LogOptions) (*FlowLogs, error)
	FlowLogsByFlow(ctx context.Context, flowID int64, opts LogOptions) (*FlowLogs, error)

	// Credentials probes and samples.
	ProbeCredential(ctx context.Context, id int64) (*ProbeResult, error)
	ProbeTree(ctx context.Context, id int64, req ProbeTreeRequest) (*ProbeTree, error)
	ProbeSample(ctx context.Context, id int64, req ProbeSampleRequest) (*ProbeSample, error)
	NexsetSamples(ctx context.Context, id int64, opts SampleOptions) ([]Sample, error)

	// Access control, audit, notifications.
	Accessors(ctx context.Context, rt ResourceType, id int64) ([]Accessor, error)
	AddAccessors(ctx context.Context, rt ResourceType, id int64, acc []Accessor) ([]Accessor, Outcome, error)
	RemoveAccessors(ctx context.Context, rt ResourceType, id int64, acc []Accessor) ([]Accessor, Outcome, error)
	AuditLog(ctx context.Context, rt ResourceType, id int64, opts AuditOptions) ([]AuditEntry, error)
	Notifications(ctx context.Context, opts NotificationOptions) ([]Notification, error)
}

// Page is one page delivered by a *Pages stream. Pages arrive in order. The
// last value on the channel has Done set (with Err when the listing failed);
// the channel is then closed. Cancel ctx to stop early.
type Page[T any] struct {
	Items  []T
	Number int // 1-based
	Loaded int // items delivered so far, this page included
	Total  int // from X-Total-Count; 0 when unknown
	Done   bool
	Err    error
}

// ListOptions filter and page resource lists.
type ListOptions struct {
	PerPage    int    // default 100
	AccessRole string // owner|collaborator|operator|admin|all; "" = the client's (WithAccessRole)
	Name       string // substring (LIKE %x%)
	Status     string
	Type       string // credentials_type, source_type or sink_type by family
	Expand     bool
	// Concurrency bounds parallel page fetches once the total is known (default 6).
	Concurrency int
	// Limit stops after this many items (0 = all).
	Limit int
	// Extra query parameters, passed through unchanged.
	Extra map[string]string
}

// FlowListOptions are the query of GET /flows.
type FlowListOptions struct {
	FlowsOnly bool
	// IncludeRunMetrics adds the "metrics" array, but the server then drops
	// never-run and shared-nexset flows and fails the whole answer when its
	// metrics service fails (contract §9 #2-3): never list flows with it.
	IncludeRunMetrics bool
	AccessRole        string // "" = the client's (WithAccessRole)
	Page, PerPage     int    // 0 = all flows
}

// FlowGetOptions are the query of single-flow reads.
type FlowGetOptions struct {
	FlowsOnly         bool
	IncludeRunMetrics bool
}

// RunSummaryOptions are the query of run_summary.
type RunSummaryOptions struct {
	GroupBy string // runId (default) | lastWritten (sinks)
	OrderBy string // runId (default) | lastWritten
	Page    int
	Size    int
}

// LogOptions are the query of flow logs. From/To are sent as epoch seconds
// or milliseconds, whichever this session has seen the server read (the
// unit is disputed, contract §9 #8; see Client.FlowLogsByFlow).
type LogOptions struct {
	RunID    int64
	From, To time.Time
	Severity string
	Page     int
	PerPage  int
	// RunEnded says RunID is known to have run (run_summary lists it): an
	// empty first page then means from/to were read in the other unit, and
	// the read is repeated once in it.
	RunEnded bool
}

// AuditOptions are the query of audit logs. Page 0 reads every page (newest
// first, concurrently once the total is known, up to Limit entries when
// Limit > 0); Page n > 0 reads that page alone. PerPage defaults to 100.
type AuditOptions struct {
	From, To     time.Time
	EventFilter  string
	ChangeFilter string
	Page         int
	PerPage      int
	Limit        int
}

// NotificationOptions are the query of GET /notifications. Page, PerPage
// and Limit work as in AuditOptions.
type NotificationOptions struct {
	Read         *bool
	Level        string
	ResourceType string
	ResourceID   int64
	From, To     time.Time
	Page         int
	PerPage      int
	Limit        int
}
