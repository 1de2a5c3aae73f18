package sim

import (
	"strings"
	"time"
)

// JSON renderers for sources, nexsets, sinks and credentials, following the
// Rails jbuilder views (index = list item, _show = get / expand=1).

type obj = map[string]any

var connectorIDs = map[string]int64{
	"s3": 1, "gcs": 2, "postgres": 3, "mysql": 4, "snowflake": 5, "bigquery": 6, "rest": 7, "kafka": 8,
	"gdrive": 9, "sftp": 10, "azure_blb": 11, "dynamodb": 12,
}

var connectorNames = map[string]string{
	"s3": "Amazon S3", "gcs": "Google Cloud Storage", "postgres": "PostgreSQL", "mysql": "MySQL",
	"snowflake": "Snowflake", "bigquery": "Google BigQuery", "rest": "REST API", "kafka": "Apache Kafka",
	"gdrive": "Google Drive", "sftp": "SFTP", "azure_blb": "Azure Blob Storage", "dynamodb": "Amazon DynamoDB",
}

func connectionType(code string) string {
	switch code {
	case "s3", "gcs", "gdrive", "sftp", "azure_blb":
		return "file"
	case "postgres", "mysql", "snowflake", "bigquery":
		return "database"
	case "kafka":
		return "stream"
	case "dynamodb":
		return "nosql"
	}
	return "api"
}

// connectorsWithoutDescription have a null description, as some of the
// server's connectors do (the column is nullable).
var connectorsWithoutDescription = map[string]bool{"sftp": true, "dynamodb": true}

func connectorObj(code string) obj {
	var desc any = connectorNames[code] + " connector"
	if connectorsWithoutDescription[code] {
		desc = nil
	}
	return obj{"id": connectorIDs[code], "type": code, "connection_type": connectionType(code),
		"name": connectorNames[code], "description": desc, "nexset_api_compatible": true}
}

func (s *Sim) ownerObj(id int64) obj {
	u := s.org.user(id)
	return obj{"id": u.id, "full_name": u.fullName, "email": u.email}
}

func (s *Sim) orgObj() obj {
	o := s.org
	return obj{"id": o.id, "name": o.name, "email_domain": o.emailDomain, "client_identifier": o.clientID}
}

func tagsOf(t []string) []string {
	if t == nil {
		return []string{}
	}
	return t
}

// runIDs are the source's ≤5 most recent runs, newest first.
func runIDs(f *flow) []obj {
	out := []obj{}
	for i := len(f.runs) - 1; i >= 0 && len(out) < 5; i-- {
		out = append(out, obj{"id": f.runs[i].id, "created_at": isoTime(f.runs[i].start())})
	}
	return out
}

func lastRunID(f *flow) any {
	if len(f.runs) == 0 {
		return nil
	}
	return f.runs[len(f.runs)-1].id
}

func runtimeStatus(f *flow, now time.Time) string {
	if f.processing(now) {
		return "PROCESSING"
	}
	return "IDLE"
}

// commonObj is what every source, nexset and sink view starts with; role is
// the caller's (access_roles is caller-relative).
func (s *Sim) commonObj(b *base, uid int64, now time.Time) obj {
	f := b.flow
	return obj{
		"id": b.id, "origin_node_id": f.originNode, "flow_node_id": b.nodeID, "name": b.name,
		"description": b.description, "status": b.status, "runtime_status": runtimeStatus(f, now),
		"owner": s.ownerObj(f.ownerID), "org": s.orgObj(), "access_roles": rolesOf(s.roleOf(uid, f)),
		"tags": tagsOf(b.tags), "copied_from_id": nil, "managed": false, "flow_type": f.flowType,
		"created_at": isoTime(b.created), "updated_at": isoTime(b.updated),
	}
}

// sourceObj is the index view (show=false) or the show view of a source.
// The index view carries no data_credentials_id and no last_run_id (only
// run_ids); the show view carries the credential as an object, with the
// group id beside it (§9 rows 5 and 6).
func (s *Sim) sourceObj(src *source, show bool, uid int64, now time.Time) obj {
	f := src.flow
	o := s.commonObj(&src.base, uid, now)
	sets := []obj{}
	for _, n := range f.sets {
		if n.parent == nil {
			b := obj{"id": n.id, "owner_id": f.ownerID, "org_id": s.org.id, "name": n.name, "description": n.description,
				"created_at": isoTime(n.created), "updated_at": isoTime(n.updated)}
			if show {
				b["version"] = 1
			}
			sets = append(sets, b)
		}
	}
	o["ingest_method"] = "POLL"
	o["source_format"] = src.format
	o["code_container_id"] = nil
	o["source_type"] = src.connector
	o["connector_type"] = src.connector
	o["connector"] = connectorObj(src.connector)
	o["auto_generated"] = false
	o["data_sets"] = sets
	o["run_ids"] = runIDs(f)
	o["ingestion_mode"] = "full_ingestion"
	if show {
		o["last_run_id"] = lastRunID(f)
		o["parent_node_id"] = nil
		o["source_config"] = obj{"path": src.location, "start.cron": cronOf(f.schedule)}
		o["poll_schedule"] = cronOf(f.schedule) // a string: SDK v1.0.8 types it str
		o["adaptive_flow"] = false
		o["api_keys"] = []any{}
		o["data_credentials"] = s.credentialObj(s.org.credByID[src.credID], true, uid)
		o["data_credentials_group_id"] = groupID(src.group)
		o["flow_triggers"] = s.triggersOf(f, f.src.nodeID)
		o["linked_flows"] = []any{}
	}
	return o
}

func cronOf(d time.Duration) string {
	switch {
	case d < time.Hour:
		return "0 */" + itoa(int64(d/time.Minute)) + " * * * ?"
	case d < 24*time.Hour:
		return "0 0 */" + itoa(int64(d/time.Hour)) + " * * ?"
	}
	return "0 0 2 * * ?"
}

func (s *Sim) nexsetObj(n *nexset, show, expand bool, uid int64, now time.Time) obj {
	f := n.flow
	o := s.commonObj(&n.base, uid, now)
	src := f.feedSource()
	o["data_credentials_id"] = nil
	o["public"] = n.consumers != nil
	o["node_type"] = "data_set"
	parents := []obj{}
	parentIDs := []int64{}
	if n.parent == nil && f.src != nil {
		o["data_source_id"] = src.id
		o["data_source"] = obj{"id": src.id, "owner_id": f.ownerID, "org_id": s.org.id, "name": src.name, "description": src.description,
			"status": src.status, "runtime_status": runtimeStatus(f, now), "source_type": src.connector, "connector": connectorObj(src.connector), "vendor_id": nil}
		o["parent_data_set_id"] = nil
	} else {
		o["data_source_id"] = nil
		o["parent_data_set_id"] = n.parent.id
		parents = append(parents, obj{"id": n.parent.id, "owner_id": n.parent.flow.ownerID, "org_id": s.org.id, "name": n.parent.name, "description": n.parent.description})
		parentIDs = append(parentIDs, n.parent.id)
	}
	o["parent_data_sets"] = parents
	sinks := []obj{}
	sinkIDs := []int64{}
	for _, sk := range n.sinks {
		sinks = append(sinks, obj{"id": sk.id, "owner_id": f.ownerID, "org_id": s.org.id, "name": sk.name, "description": sk.description, "status": sk.status, "sink_type": sk.connector})
		sinkIDs = append(sinkIDs, sk.id)
	}
	o["data_sinks"] = sinks
	o["data_sink_ids"] = sinkIDs
	o["transform_id"] = nil
	if n.transform {
		o["transform_id"] = 60000 + n.id%100000
	}
	o["output_schema"] = outputSchema(n.schema)
	o["source_config"] = nil
	o["connector_type"] = src.connector
	o["connector"] = connectorObj(src.connector)
	if !show {
		return o
	}
	o["connector"] = connectorIDs[src.connector] // the show view sends the id only
	o["parent_node_id"] = nil
	switch {
	case f.shared != nil && n == f.sets[0]:
		// the origin of a shared-nexset flow
	case n.parent != nil:
		o["parent_node_id"] = n.parent.nodeID
	default:
		o["parent_node_id"] = f.src.nodeID
	}
	o["version"] = 1
	o["sample_service_id"] = nil
	o["source_path"] = src.location
	o["parent_data_set_ids"] = parentIDs
	o["has_custom_transform"] = n.transform
	o["output_schema_validation_enabled"] = f.scenario == "schema_mismatch"
	o["data_sample_id"] = nil
	o["sharers"] = obj{"sharers": []any{}, "external_sharers": []any{}}
	if expand {
		o["source_schema"] = outputSchema(n.schema)
		o["transform"] = nil
		if n.transform {
			t := transformSpec(n.schema)
			if f.scenario == "transform_error" && n == f.failSet {
				t = transformSpecStrict(n.schema)
			}
			o["transform"] = t
		}
		children := []obj{}
		for _, c := range n.children {
			children = append(children, obj{"id": c.id, "name": c.name, "description": c.description})
		}
		o["child_data_sets"] = children
	}
	return o
}

// sinkObj is the index or show view of a sink; like sources, only the show
// view names the credential.
func (s *Sim) sinkObj(sk *sink, show bool, uid int64, now time.Time) obj {
	f := sk.flow
	o := s.commonObj(&sk.base, uid, now)
	o["data_set_id"] = sk.set.id
	o["data_map_id"] = nil
	o["data_source_id"] = nil
	o["sink_format"] = strings.ToUpper(sk.format) // the server's DB enum: JSON, CSV, PARQUET ...
	o["sink_schedule"] = nil
	o["in_memory"] = false
	o["ingestion_mode"] = "full_ingestion"
	o["sink_type"] = sk.connector
	o["connector_type"] = sk.connector
	o["connector"] = connectorObj(sk.connector)
	o["data_set"] = obj{"id": sk.set.id, "owner_id": f.ownerID, "org_id": s.org.id, "name": sk.set.name, "description": sk.set.description,
		"status": sk.set.status, "copied_from_id": nil, "created_at": isoTime(sk.set.created), "updated_at": isoTime(sk.set.updated)}
	o["data_map"] = nil
	if show {
		o["parent_node_id"] = sk.set.nodeID
		o["sink_config"] = obj{"path": sk.location, "data_format": sk.format, "overwrite": !f.conflict}
		o["data_credentials"] = s.credentialObj(s.org.credByID[sk.credID], true, uid)
		o["data_credentials_group_id"] = nil
		o["flow_triggers"] = s.triggersOf(f, sk.nodeID)
	}
	return o
}

// credentialObj is the index or show view of a credential (never a secret).
func (s *Sim) credentialObj(c *credential, show bool, uid int64) obj {
	if c == nil {
		return nil
	}
	role := s.credRole(uid, c)
	o := obj{
		"id": c.id, "name": c.name, "description": c.description, "owner": s.ownerObj(c.ownerID), "org": s.orgObj(),
		"access_roles":        rolesOf(role),
		"credentials_version": itoa(int64(c.version)), "credentials_type": c.ctype,
		"connector": connectorObj(c.ctype), "verified_status": c.verifiedStatus, "verified_at": isoTime(c.verifiedAt),
		"copied_from_id": nil, "updated_at": isoTime(c.updated), "created_at": isoTime(c.created),
	}
	if show {
		o["managed"] = false
		o["api_keys"] = []any{}
		o["credentials_non_secure_data"] = obj{"host": c.host, "auth_type": authTypeOf(c.ctype)}
		o["tags"] = []string{}
	}
	return o
}

// rolesOf is an access_roles value: the caller's role, none when they have none.
func rolesOf(role string) []string {
	if role == "" {
		return []string{}
	}
	return []string{role}
}

func groupID(g *credGroup) any {
	if g == nil {
		return nil
	}
	return g.id
}

// feedSource is the source whose records reach the flow: its own, or for a
// shared-nexset flow the upstream flow's.
func (f *flow) feedSource() *source {
	if f.src != nil {
		return f.src
	}
	return f.shared.flow.src
}

func authTypeOf(code string) string {
	switch connectionType(code) {
	case "api":
		return "OAUTH2"
	case "database":
		return "PASSWORD"
	}
	return "KEY"
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
