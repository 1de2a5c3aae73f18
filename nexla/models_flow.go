package nexla

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// FlowNode is one node of a flow tree. The server emits only the id key that
// matches the node's resource (data_source_id, data_set_id or data_sink_id);
// the spec and the SDK list all three. All are optional here.
type FlowNode struct {
	ID                 int64  `json:"id"`
	ParentNodeID       int64  `json:"parent_node_id,omitempty"`
	OriginNodeID       int64  `json:"origin_node_id"`
	DataSourceID       int64  `json:"data_source_id,omitempty"`
	DataSetID          int64  `json:"data_set_id,omitempty"`
	DataSinkID         int64  `json:"data_sink_id,omitempty"`
	SharedDataSetID    int64  `json:"shared_data_set_id,omitempty"`
	SharedOriginNodeID int64  `json:"shared_origin_node_id,omitempty"`
	RuntimeStatus      string `json:"runtime_status,omitempty"`
	NodeType           string `json:"node_type,omitempty"`

	// Origin nodes only.
	Status        string  `json:"status,omitempty"`
	ProjectID     int64   `json:"project_id,omitempty"`
	FlowType      string  `json:"flow_type,omitempty"`
	Name          string  `json:"name,omitempty"`
	Description   string  `json:"description,omitempty"`
	Managed       bool    `json:"managed,omitempty"`
	IngestionMode string  `json:"ingestion_mode,omitempty"`
	LastRunID     int64   `json:"last_run_id,omitempty"`
	LinkedFlows   []int64 `json:"linked_flows,omitempty"`
	// FlowTriggers say which flows start this one (or which this one starts).
	FlowTriggers []FlowTrigger `json:"flow_triggers,omitempty"`

	Children []FlowNode `json:"children,omitempty"`
}

// Resource says which resource the node stands for. Nodes whose resource key
// is missing fall back on node_type with a zero id.
func (n FlowNode) Resource() (ResourceType, int64) {
	switch {
	case n.DataSourceID != 0:
		return DataSources, n.DataSourceID
	case n.DataSetID != 0:
		return DataSets, n.DataSetID
	case n.SharedDataSetID != 0:
		return DataSets, n.SharedDataSetID
	case n.DataSinkID != 0:
		return DataSinks, n.DataSinkID
	}
	switch n.NodeType {
	case "data_source", "api_server", "query_prompt":
		return DataSources, 0
	case "data_sink", "llm_processor":
		return DataSinks, 0
	}
	return DataSets, 0
}

// Walk visits the node and its descendants depth first; fn returns false to prune.
func (n *FlowNode) Walk(depth int, fn func(node *FlowNode, depth int) bool) {
	if !fn(n, depth) {
		return
	}
	for i := range n.Children {
		n.Children[i].Walk(depth+1, fn)
	}
}

// FlowTrigger is one element of a node's flow_triggers: the flow whose
// origin is TriggeringOriginNodeID starts the flow whose origin is
// TriggeredOriginNodeID when the triggering event happens.
type FlowTrigger struct {
	TriggeringOriginNodeID int64  `json:"triggering_origin_node_id"`
	TriggeredOriginNodeID  int64  `json:"triggered_origin_node_id"`
	TriggeringFlowNodeID   int64  `json:"triggering_flow_node_id,omitempty"`
	TriggeringEventType    string `json:"triggering_event_type,omitempty"`
	TriggeredEventType     string `json:"triggered_event_type,omitempty"`
	TriggeringResourceType string `json:"triggering_resource_type,omitempty"`
	TriggeringResourceID   int64  `json:"triggering_resource_id,omitempty"`
	TriggeredResourceType  string `json:"triggered_resource_type,omitempty"`
	TriggeredResourceID    int64  `json:"triggered_resource_id,omitempty"`
}

// SharedDataSet is one element of the flows side-load shared_data_sets[]: a
// nexset another user shares, which a flow of the caller may originate from.
type SharedDataSet struct {
	ID         int64  `json:"id"`
	OwnerID    int64  `json:"owner_id,omitempty"`
	FlowNodeID int64  `json:"flow_node_id,omitempty"`
	Name       string `json:"name"`
	Status     string `json:"status,omitempty"`
}

// FlowRunMetric is one element of the include_run_metrics "metrics" array.
type FlowRunMetric struct {
	OriginNodeID  int64 `json:"origin_node_id"`
	Records       int64 `json:"records"`
	Size          int64 `json:"size"`
	Errors        int64 `json:"errors"`
	ReportingDate Time  `json:"reporting_date"`
	RunID         int64 `json:"run_id"`
}

// FlowRunMetrics is the "metrics" value of an include_run_metrics answer: a
// passthrough of the metrics service whose shape only the spec documents
// (contract §9 #4). It decodes leniently: any other shape (an object, a
// string, an element with a field of the wrong type) leaves Runs empty and
// sets Unreadable, and never fails the flows around it.
type FlowRunMetrics struct {
	Runs []FlowRunMetric
	// Unreadable: "metrics" was present but not the documented array, so
	// the runs' counts are unknown (not zero).
	Unreadable bool
}

// UnmarshalJSON never fails: an unexpected shape marks the metrics unreadable.
func (m *FlowRunMetrics) UnmarshalJSON(b []byte) error {
	*m = FlowRunMetrics{}
	b = bytes.TrimSpace(b)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		return nil
	}
	if b[0] != '[' || json.Unmarshal(b, &m.Runs) != nil {
		*m = FlowRunMetrics{Unreadable: true}
	}
	return nil
}

// MarshalJSON writes the runs back as the server's array (the raw view).
func (m FlowRunMetrics) MarshalJSON() ([]byte, error) {
	if m.Runs == nil {
		return []byte("null"), nil
	}
	return json.Marshal(m.Runs)
}

// FlowResponse is the body of GET /flows, GET /flows/{id}, GET /{rt}/{id}/flow
// and flow activate/pause: the trees plus side-loaded resources.
type FlowResponse struct {
	Status          any            `json:"status,omitempty"`
	Metrics         FlowRunMetrics `json:"metrics"`
	Flows           []FlowNode     `json:"flows"`
	TriggeredFlows  []FlowNode     `json:"triggered_flows,omitempty"`
	TriggeringFlows []FlowNode     `json:"triggering_flows,omitempty"`
	LinkedFlows     []FlowNode     `json:"linked_flows,omitempty"`
	DataSources     []Source       `json:"data_sources,omitempty"`
	DataSets        []Nexset       `json:"data_sets,omitempty"`
	DataSinks       []Destination  `json:"data_sinks,omitempty"`
	DataCredentials []Credential   `json:"data_credentials,omitempty"`
	Users           []struct {
		ID    int64  `json:"id"`
		Email string `json:"email"`
		Name  string `json:"name"`
	} `json:"users,omitempty"`

	// DataCredentialsGroups are the groups sources and sinks authenticate through.
	DataCredentialsGroups []CredentialsGroup `json:"data_credentials_groups,omitempty"`
	// SharedDataSets are the shared nexsets flows of this response originate from.
	SharedDataSets []SharedDataSet `json:"shared_data_sets,omitempty"`
}

// FlowIndex resolves the side-loaded arrays by id. Build it once per response.
type FlowIndex struct {
	Sources      map[int64]*Source
	Nexsets      map[int64]*Nexset
	Destinations map[int64]*Destination
	Credentials  map[int64]*Credential
	Groups       map[int64]*CredentialsGroup
}

// Index builds lookup maps over the side-loaded arrays.
func (f *FlowResponse) Index() FlowIndex {
	ix := FlowIndex{
		Sources:      make(map[int64]*Source, len(f.DataSources)),
		Nexsets:      make(map[int64]*Nexset, len(f.DataSets)),
		Destinations: make(map[int64]*Destination, len(f.DataSinks)),
		Credentials:  make(map[int64]*Credential, len(f.DataCredentials)),
		Groups:       make(map[int64]*CredentialsGroup, len(f.DataCredentialsGroups)),
	}
	for i := range f.DataCredentialsGroups {
		ix.Groups[f.DataCredentialsGroups[i].ID] = &f.DataCredentialsGroups[i]
	}
	for i := range f.DataSources {
		ix.Sources[f.DataSources[i].ID] = &f.DataSources[i]
	}
	for i := range f.DataSets {
		ix.Nexsets[f.DataSets[i].ID] = &f.DataSets[i]
	}
	for i := range f.DataSinks {
		ix.Destinations[f.DataSinks[i].ID] = &f.DataSinks[i]
	}
	for i := range f.DataCredentials {
		ix.Credentials[f.DataCredentials[i].ID] = &f.DataCredentials[i]
	}
	return ix
}

// NodeStatus is a node's status: origin nodes carry it, others take it from
// their side-loaded resource.
func (ix FlowIndex) NodeStatus(n FlowNode) string {
	if n.Status != "" {
		return n.Status
	}
	switch rt, id := n.Resource(); rt {
	case DataSources:
		if s := ix.Sources[id]; s != nil {
			return s.Status
		}
	case DataSets:
		if s := ix.Nexsets[id]; s != nil {
			return s.Status
		}
	case DataSinks:
		if s := ix.Destinations[id]; s != nil {
			return s.Status
		}
	}
	return ""
}

// FlowName is the name of the flow whose origin node is origin: the origin
// node carries the flow's own name (contract §9 #10); an unnamed flow goes
// by its origin resource. Every view names a flow this way.
func (ix FlowIndex) FlowName(origin FlowNode) string {
	if origin.Name != "" {
		return origin.Name
	}
	return ix.NodeName(origin)
}

// NodeName is the name of the node's resource, else the node's own name.
func (ix FlowIndex) NodeName(n FlowNode) string {
	switch rt, id := n.Resource(); rt {
	case DataSources:
		if s := ix.Sources[id]; s != nil {
			return s.Name
		}
	case DataSets:
		if s := ix.Nexsets[id]; s != nil {
			return s.Name
		}
	case DataSinks:
		if s := ix.Destinations[id]; s != nil {
			return s.Name
		}
	}
	return n.Name
}

// FlowCredential is the credential a source or destination of a flow uses,
// read from the flows side-load (list views of sources and destinations
// carry none, contract §9 #5): CredentialID, else GroupID when it
// authenticates through a credentials group; both 0 when it uses none.
type FlowCredential struct {
	CredentialID int64
	GroupID      int64
}

// Label is "12", "group 7" or "-".
func (fc FlowCredential) Label() string {
	switch {
	case fc.CredentialID != 0:
		return strconv.FormatInt(fc.CredentialID, 10)
	case fc.GroupID != 0:
		return "group " + strconv.FormatInt(fc.GroupID, 10)
	}
	return "-"
}

// Credentials maps every side-loaded source and destination to the
// credential it uses, keyed by resource type and id.
func (f *FlowResponse) Credentials() map[ResourceType]map[int64]FlowCredential {
	out := map[ResourceType]map[int64]FlowCredential{
		DataSources: make(map[int64]FlowCredential, len(f.DataSources)),
		DataSinks:   make(map[int64]FlowCredential, len(f.DataSinks)),
	}
	for i := range f.DataSources {
		s := &f.DataSources[i]
		out[DataSources][s.ID] = FlowCredential{CredentialID: s.CredentialID(), GroupID: s.DataCredentialsGroupID}
	}
	for i := range f.DataSinks {
		d := &f.DataSinks[i]
		out[DataSinks][d.ID] = FlowCredential{CredentialID: d.CredentialID(), GroupID: d.DataCredentialsGroupID}
	}
	return out
}
