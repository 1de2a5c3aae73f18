package nexla

import (
	"encoding/json"
	"strings"
	"time"
)

// DailyMetric is one day of GET /{rt}/{id}/metrics?aggregate=1.
type DailyMetric struct {
	Time    string `json:"time"` // "YYYY-MM-DD"
	Records int64  `json:"records"`
	Size    int64  `json:"size"`
	Errors  int64  `json:"errors"`
}

// RunMetric is one run of GET /{rt}/{id}/metrics/run_summary. Nexla's
// run_summary carries only counts; status and timing are derived by callers
// (nexla/runbook) from logs and run status.
type RunMetric struct {
	RunID       int64 `json:"runId"`
	LastWritten int64 `json:"lastWritten,omitempty"` // sinks with groupby=lastWritten, epoch ms
	DataSetID   int64 `json:"dataSetId,omitempty"`
	Records     int64 `json:"records"`
	Size        int64 `json:"size"`
	Errors      int64 `json:"errors"`
}

// PageMeta is the in-body pagination of metrics and logs; both camelCase and
// snake_case spellings occur.
type PageMeta struct {
	CurrentPage int `json:"currentPage"`
	PageCount   int `json:"pageCount"`
	TotalCount  int `json:"totalCount"`
}

// UnmarshalJSON accepts currentPage/current_page, pageCount/page_count/pages_count, totalCount/total_count.
func (m *PageMeta) UnmarshalJSON(b []byte) error {
	var raw map[string]json.Number
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil
	}
	pick := func(keys ...string) int {
		for _, k := range keys {
			if v, ok := raw[k]; ok {
				n, _ := v.Int64()
				return int(n)
			}
		}
		return 0
	}
	m.CurrentPage = pick("currentPage", "current_page")
	m.PageCount = pick("pageCount", "page_count", "pages_count", "total_pages")
	m.TotalCount = pick("totalCount", "total_count")
	return nil
}

// RunSummary is the body of run_summary.
type RunSummary struct {
	Runs []RunMetric
	Meta PageMeta
}

// LogEntry is one line of flow logs.
type LogEntry struct {
	Timestamp    int64  `json:"timestamp"` // epoch ms
	ResourceID   int64  `json:"resource_id"`
	ResourceType string `json:"resource_type"` // SOURCE | DATASET | SINK
	Log          string `json:"log"`
	LogType      string `json:"log_type"` // LOG | SUMMARY | EVENT
	Severity     string `json:"severity"` // INFO | WARNING | ERROR (also DEBUG, WARN)
	// RunID is the run the lines were asked for (the client sets it: the
	// server sends no per-entry run_id, contract §9 #9); 0 in a window of runs.
	RunID int64 `json:"run_id,omitempty"`
}

// FlowLogs is one page of flow logs.
type FlowLogs struct {
	Entries []LogEntry
	Meta    PageMeta
}

// ProbeResult is the outcome of GET /data_credentials/{id}/probe. An empty 200
// is a success; a failure carries the probe's status and message.
type ProbeResult struct {
	OK         bool
	HTTPStatus int
	Message    string
}

// ProbeTreeRequest is the body of POST /data_credentials/{id}/probe/tree.
type ProbeTreeRequest struct {
	Depth    int    `json:"depth"`
	Path     string `json:"path,omitempty"`
	Database string `json:"database,omitempty"`
	Table    string `json:"table,omitempty"`
}

// ProbeTree is the probe tree response; the tree is a nested object of names.
// The docs call the field "output", the SDK "object": both are read.
type ProbeTree struct {
	Status         string          `json:"-"`
	Message        string          `json:"message"`
	ConnectionType string          `json:"connection_type"`
	Tree           json.RawMessage `json:"-"`
}

// ProbeSampleRequest is the body of POST /data_credentials/{id}/probe/sample.
type ProbeSampleRequest struct {
	Path string `json:"path,omitempty"`
	// Extra holds connector config properties for non-file connectors.
	Extra map[string]any `json:"-"`
}

// ProbeSample is the probe sample response.
type ProbeSample struct {
	Status         string `json:"-"`
	Message        string `json:"message"`
	ConnectionType string `json:"connection_type"`
	Output         struct {
		ContentType string          `json:"contentType"`
		StatusCode  int             `json:"statusCode"`
		Response    json.RawMessage `json:"response"` // a string, or {"columns": [...], "data": [...]}
	} `json:"output"`
}

// SampleRecord is a record with its Nexla metadata.
type SampleRecord struct {
	RawMessage    json.RawMessage `json:"rawMessage"`
	NexlaMetaData json.RawMessage `json:"nexlaMetaData,omitempty"`
}

// Sample is one nexset sample: a flat record (Record), or for derived nexsets
// the input and output of the transform.
type Sample struct {
	Record SampleRecord
	Input  *SampleRecord
	Output *SampleRecord
}

// SampleOptions are the query of GET /data_sets/{id}/samples.
type SampleOptions struct {
	Count           int
	IncludeMetadata bool
	Live            bool
	OutputOnly      bool
}

// Accessor is one entry of an access-control list.
type Accessor struct {
	Type                string   `json:"type"` // USER | TEAM | ORG
	ID                  int64    `json:"id,omitempty"`
	Email               string   `json:"email,omitempty"`
	Name                string   `json:"name,omitempty"`
	EmailDomain         string   `json:"email_domain,omitempty"`
	ClientIdentifier    string   `json:"client_identifier,omitempty"`
	AccessorOrgID       int64    `json:"accessor_org_id,omitempty"`
	OrgID               int64    `json:"org_id,omitempty"`
	AccessRoles         []string `json:"access_roles"`
	AccessRoleExpiresAt Time     `json:"access_role_expires_at"`
	CreatedAt           Time     `json:"created_at"`
	UpdatedAt           Time     `json:"updated_at"`
}

// Who is what names an accessor to a person: email, team name, org domain
// or client identifier ("" when the server sent none).
func (a Accessor) Who() string {
	for _, s := range []string{a.Email, a.Name, a.EmailDomain, a.ClientIdentifier} {
		if s != "" {
			return s
		}
	}
	return ""
}

// AuditEntry is one audit-log entry.
type AuditEntry struct {
	ID               int64           `json:"id"`
	ItemType         string          `json:"item_type"`
	ItemID           int64           `json:"item_id"`
	Event            string          `json:"event"`
	OrgID            int64           `json:"org_id"`
	ImpersonatorID   json.RawMessage `json:"impersonator_id,omitempty"` // int per server, string per spec
	OwnerID          int64           `json:"owner_id"`
	OwnerEmail       string          `json:"owner_email"`
	RequestIP        string          `json:"request_ip"`
	RequestUserAgent string          `json:"request_user_agent"`
	RequestURL       string          `json:"request_url"`
	User             *struct {
		ID    int64  `json:"id"`
		Email string `json:"email"`
	} `json:"user,omitempty"`
	ResourceType  string                     `json:"resource_type,omitempty"`
	ResourceID    int64                      `json:"resource_id,omitempty"`
	ChangeSummary []string                   `json:"change_summary"`
	ObjectChanges map[string]json.RawMessage `json:"object_changes"` // field -> [before, after]
	CreatedAt     Time                       `json:"created_at"`
}

// Notification is one entry of GET /notifications.
type Notification struct {
	ID           int64    `json:"id"`
	Owner        *Owner   `json:"owner,omitempty"`
	Org          *OrgRef  `json:"org,omitempty"`
	AccessRoles  []string `json:"access_roles,omitempty"`
	Level        string   `json:"level"`
	ResourceID   int64    `json:"resource_id,omitempty"`
	ResourceType string   `json:"resource_type"`
	MessageID    int64    `json:"message_id"`
	Message      string   `json:"message"`
	ReadAt       Time     `json:"read_at"`
	CreatedAt    Time     `json:"created_at"`
	UpdatedAt    Time     `json:"updated_at"`
	TS           int64    `json:"ts"`
}

// OrgMembership is the caller's membership. Note the server's literal key "is_admin?".
type OrgMembership struct {
	Status     string `json:"status,omitempty"`
	IsAdmin    bool   `json:"is_admin?"`
	AccessRole string `json:"access_role,omitempty"`
	// APIKey is deliberately not decoded: it is a secret.
}

// User is the user object of /token and /users/current.
type User struct {
	ID             int64   `json:"id"`
	Email          string  `json:"email"`
	FullName       string  `json:"full_name"`
	Impersonated   bool    `json:"impersonated"`
	Status         string  `json:"status,omitempty"`
	DefaultOrg     *OrgRef `json:"default_org,omitempty"`
	OrgMemberships []struct {
		ID         int64  `json:"id"`
		Name       string `json:"name"`
		IsAdmin    bool   `json:"is_admin?"`
		AccessRole string `json:"access_role,omitempty"`
	} `json:"org_memberships,omitempty"`
}

// CurrentUser is GET /users/current: who the client is acting as.
type CurrentUser struct {
	User          User           `json:"user"`
	OrgMembership *OrgMembership `json:"org_membership,omitempty"`
	Org           *OrgRef        `json:"org,omitempty"`
}

// At is when the notification was raised: its ts (unix seconds), else its
// created_at; zero when the server sent neither.
func (n Notification) At() time.Time {
	if n.TS != 0 {
		return EpochToTime(n.TS)
	}
	return n.CreatedAt.Time
}

// Resource is the flow or resource the notification is about, for the
// kinds that have one (SOURCE, DATASET, SINK, DATA_FLOW); ok is false for
// the others (USER, ORG...) and when the id is missing.
func (n Notification) Resource() (rt ResourceType, id int64, ok bool) {
	switch strings.ToUpper(n.ResourceType) {
	case "SOURCE", "DATA_SOURCE":
		rt = DataSources
	case "DATASET", "SET", "DATA_SET":
		rt = DataSets
	case "SINK", "DATA_SINK":
		rt = DataSinks
	case "DATA_FLOW", "CUSTOM_DATA_FLOW", "FLOW":
		rt = Flows
	default:
		return "", 0, false
	}
	return rt, n.ResourceID, n.ResourceID > 0
}

// NotificationResourceType is the resource_type GET /notifications filters
// a family by (SOURCE, DATASET, SINK); "" for the others.
func NotificationResourceType(rt ResourceType) string {
	return map[ResourceType]string{DataSources: "SOURCE", DataSets: "DATASET", DataSinks: "SINK"}[rt]
}
