package nexla

import "encoding/json"

// ResourceType is a path segment naming a resource family.
type ResourceType string

// Resource families of the API. Only the first three carry flows, metrics and logs.
const (
	DataSources     ResourceType = "data_sources"
	DataSets        ResourceType = "data_sets"
	DataSinks       ResourceType = "data_sinks"
	DataCredentials ResourceType = "data_credentials"
	Flows           ResourceType = "flows"
)

// Valid reports whether rt is one of the families the client knows.
func (rt ResourceType) Valid() bool {
	switch rt {
	case DataSources, DataSets, DataSinks, DataCredentials, Flows:
		return true
	}
	return false
}

// HasFlow reports whether resources of this family sit in flows (and so have
// flow metrics, logs and a flow to jump to).
func (rt ResourceType) HasFlow() bool {
	return rt == DataSources || rt == DataSets || rt == DataSinks
}

// Singular is the human name: "source", "nexset", "destination", "credential", "flow".
func (rt ResourceType) Singular() string {
	switch rt {
	case DataSources:
		return "source"
	case DataSets:
		return "nexset"
	case DataSinks:
		return "destination"
	case DataCredentials:
		return "credential"
	case Flows:
		return "flow"
	}
	return string(rt)
}

// ParseResourceType accepts the path segment or a human alias
// ("source", "sources", "nexset", "set", "destination", "sink", "credential", "flow").
func ParseResourceType(s string) (ResourceType, bool) {
	switch s {
	case "data_sources", "source", "sources", "src":
		return DataSources, true
	case "data_sets", "nexset", "nexsets", "set", "sets", "dataset", "datasets":
		return DataSets, true
	case "data_sinks", "destination", "destinations", "sink", "sinks", "dest":
		return DataSinks, true
	case "data_credentials", "credential", "credentials", "cred", "creds":
		return DataCredentials, true
	case "flows", "flow":
		return Flows, true
	}
	return "", false
}

// Status values the server stores. Unknown values from newer servers are kept
// as they come (Status is a string), never rejected.
const (
	StatusInit        = "INIT"
	StatusPaused      = "PAUSED"
	StatusActive      = "ACTIVE"
	StatusRateLimited = "RATE_LIMITED"

	RuntimeIdle       = "IDLE"
	RuntimeProcessing = "PROCESSING"
)

// Owner is the brief user object embedded in resources.
type Owner struct {
	ID       int64  `json:"id"`
	FullName string `json:"full_name"`
	Email    string `json:"email"`
}

// OrgRef is the brief org object embedded in resources.
type OrgRef struct {
	ID               int64  `json:"id"`
	Name             string `json:"name"`
	EmailDomain      string `json:"email_domain,omitempty"`
	ClientIdentifier string `json:"client_identifier,omitempty"`
}

// Connector describes the connector of a source, sink or credential. The
// nexset show view sends "connector" as an integer id instead: see Nexset.
type Connector struct {
	ID                  int64  `json:"id"`
	Type                string `json:"type"`
	ConnectionType      string `json:"connection_type"`
	Name                string `json:"name"`
	Description         string `json:"description"`
	NexsetAPICompatible bool   `json:"nexset_api_compatible"`
}

// RunInfo is one entry of a source's run_ids.
type RunInfo struct {
	ID        int64 `json:"id"`
	CreatedAt Time  `json:"created_at"`
}

// Common holds the fields every browsable resource shares.
type Common struct {
	ID            int64    `json:"id"`
	Name          string   `json:"name"`
	Description   string   `json:"description"`
	Status        string   `json:"status"`
	RuntimeStatus string   `json:"runtime_status"`
	Owner         *Owner   `json:"owner,omitempty"`
	OwnerID       int64    `json:"owner_id,omitempty"`
	Org           *OrgRef  `json:"org,omitempty"`
	OrgID         int64    `json:"org_id,omitempty"`
	AccessRoles   []string `json:"access_roles,omitempty"`
	Tags          []string `json:"tags,omitempty"`
	FlowNodeID    int64    `json:"flow_node_id,omitempty"`
	OriginNodeID  int64    `json:"origin_node_id,omitempty"`
	ParentNodeID  int64    `json:"parent_node_id,omitempty"`
	FlowType      string   `json:"flow_type,omitempty"`
	CopiedFromID  int64    `json:"copied_from_id,omitempty"`
	CreatedAt     Time     `json:"created_at"`
	UpdatedAt     Time     `json:"updated_at"`

	// Raw is the JSON the server sent for this object. Only single-object
	// calls (Get*) fill it, for the detail view's raw toggle; lists leave it
	// nil to keep 100,000 rows small.
	Raw json.RawMessage `json:"-"`
}

// OwnerName is the best human label for the owner.
func (c Common) OwnerName() string {
	if c.Owner == nil {
		return ""
	}
	if c.Owner.FullName != "" {
		return c.Owner.FullName
	}
	return c.Owner.Email
}

// Brief is the small {id, name, ...} object that resources embed for related ones.
type Brief struct {
	ID          int64  `json:"id"`
	OwnerID     int64  `json:"owner_id,omitempty"`
	OrgID       int64  `json:"org_id,omitempty"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Status      string `json:"status,omitempty"`
	SinkType    string `json:"sink_type,omitempty"`
	SourceType  string `json:"source_type,omitempty"`
}
