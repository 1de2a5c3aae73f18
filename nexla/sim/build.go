package sim

import (
	"fmt"
	"time"
)

var scenarioInfo = map[string][2]string{
	"credential_expired": {"Credential expired", "The HubSpot OAuth token behind the source credential expired; the probe answers 403 and every run fails at the source."},
	"transform_error":    {"Transform error", "A transform change makes 'amount' reject 'N/A' values; the derived nexset's runs fail or lose records."},
	"schema_mismatch":    {"Schema mismatch", "customer_id was retyped from string to integer in the nexset's schema while the CRM export still sends strings; schema validation fails at the detected nexset."},
	"rate_limited":       {"Rate limited", "The vendor API answers 429; Nexla rate-limited the source and runs read a fraction of the catalog."},
	"network_timeout":    {"Network timeouts", "The partner SFTP server times out mid-read; runs are partial. Transient: a re-run after activate recovers."},
	"flow_not_running":   {"Flow not running", "The flow was paused four days ago and nobody resumed it; no runs since."},
	"high_error_rate":    {"High error rate", "Four of every ten runs fail with varied errors (upstream 503s, parse errors, sink deadlocks)."},
	"stale_data":         {"Stale data", "The flow is ACTIVE but its schedule is stuck: the last run was 36 hours ago."},
	"permission_denied":  {"Permission denied", "The flow belongs to the finance team; you are only a collaborator, so pause/activate answer 403."},
	"resource_conflict":  {"Resource conflict", "The destination's file orders_2026.parquet already exists and its name duplicates another destination; writes answer 409."},
	"healthy":            {"Healthy", "All recent runs succeeded; credentials verify; the last run is within the schedule."},
}

// buildDemo creates the demo org at t0 (the sim clock start).
func (s *Sim) buildDemo(t0 time.Time) {
	o := s.org
	o.currentUser = userRiley
	o.users = []*user{
		{userRiley, "riley.chen@acme-retail.example", "Riley Chen"},
		{userPriya, "priya.natarajan@acme-retail.example", "Priya Natarajan"},
		{userMarcus, "marcus.okafor@acme-retail.example", "Marcus Okafor"},
		{userSofia, "sofia.alvarez@acme-retail.example", "Sofia Alvarez"},
	}
	o.teams = []*team{
		{11, "Data Platform", []int64{userRiley, userMarcus}},
		{12, "Finance Data", []int64{userPriya, userSofia}},
		{13, "Growth Analytics", []int64{userSofia, userRiley}},
	}
	for i, c := range demoCreds {
		created := t0.Add(-time.Duration(120-i*3) * 24 * time.Hour)
		cr := o.addCredential(&credential{
			name: c.name, description: "Shared " + c.ctype + " credential", ctype: c.ctype, host: c.host,
			ownerID: c.owner, created: created, updated: created, version: 1,
			verifiedStatus: "200 Ok", verifiedAt: t0.Add(-time.Duration(2+i) * time.Hour),
		})
		if c.owner != userRiley {
			cr.role = roleOperator
		}
		o.addAudit(resKey{kindCredential, cr.id}, "DataCredentials", "create", c.owner, created, map[string][2]any{"name": {nil, c.name}, "credentials_type": {nil, c.ctype}})
	}
	credIDs := func(i int) int64 { return int64(firstCredentialID + i) }
	var conflictName string
	for i, spec := range demoFlows {
		created := t0.Add(-time.Duration(90-i*2) * 24 * time.Hour)
		f := o.newFlow(spec.name, spec.scenario, spec.owner, spec.role, spec.every, created)
		f.baseRecs = spec.recs
		f.recBytes = 180 + int32(mix(uint64(s.opts.Seed), uint64(i))%400)
		f.projectID = 301 + int64(i%3)
		src := o.addSource(f, spec.name, spec.srcConn, credIDs(spec.srcCred), spec.srcFormat, spec.srcLoc)
		src.description = "Reads " + spec.srcLoc
		src.tags = []string{spec.srcConn, "demo"}
		det := o.addNexset(f, nil, spec.name+" - "+spec.detected, false, spec.schema)
		det.description = "Detected from " + spec.name
		feed := det
		if spec.derived != "" {
			feed = o.addNexset(f, det, spec.derived, true, spec.schema)
			feed.description = "Transformed for downstream use"
		}
		sk := o.addSink(f, feed, spec.sinkName, spec.sinkConn, credIDs(spec.sinkCred), spec.sinkFmt, spec.sinkLoc)
		sk.description = "Writes " + spec.sinkLoc
		if spec.sink2 != "" {
			o.addSink(f, feed, spec.sink2, "s3", credIDs(0), "JSON", "s3://acme-datalake-prod/app-events/")
		}
		if spec.name == "Clickstream Events" {
			conflictName = spec.sinkName
		}
		s.seedFlowAudit(f)
		s.applyScenario(f, t0, conflictName)
	}
	s.seedNotifications(t0)
	s.buildShapes(t0)
}

// seedFlowAudit writes the create history of a flow's resources.
func (s *Sim) seedFlowAudit(f *flow) {
	o := s.org
	o.addAudit(resKey{kindSource, f.src.id}, "DataSource", "create", f.ownerID, f.created, map[string][2]any{"name": {nil, f.src.name}, "status": {nil, statusInit}})
	o.addAudit(resKey{kindSource, f.src.id}, "DataSource", "update", f.ownerID, f.created.Add(10*time.Minute), map[string][2]any{"status": {statusInit, statusActive}})
	for _, n := range f.sets {
		ch := map[string][2]any{"name": {nil, n.name}}
		if n.transform {
			ch["transform"] = [2]any{nil, transformSpec(n.schema)}
		}
		o.addAudit(resKey{kindNexset, n.id}, "DataSet", "create", f.ownerID, f.created.Add(5*time.Minute), ch)
	}
	for _, sk := range f.sinks {
		o.addAudit(resKey{kindSink, sk.id}, "DataSink", "create", f.ownerID, f.created.Add(8*time.Minute), map[string][2]any{"name": {nil, sk.name}, "sink_config": {nil, map[string]any{"path": sk.location}}})
	}
}

// applyScenario sets the incident state, its audit trail and the run history.
func (s *Sim) applyScenario(f *flow, t0 time.Time, conflictName string) {
	o := s.org
	histFrom := t0.Add(-historyWindow)
	until := t0
	var sc Scenario
	if f.scenario != "" {
		sc = Scenario{Key: f.scenario, Title: scenarioInfo[f.scenario][0] + ": " + f.name, Cause: scenarioInfo[f.scenario][1],
			FlowID: f.originNode, SourceID: f.src.id, NexsetID: f.sets[len(f.sets)-1].id, SinkID: f.sinks[0].id, CredentialID: f.src.credID}
	}
	switch f.scenario {
	case "credential_expired":
		f.incident = t0.Add(-6*time.Hour - 20*time.Minute)
		c := o.credByID[f.src.credID]
		c.broken = true
		c.brokenMessage = "Access denied: OAuth token expired for " + c.host + " (invalid_grant: refresh token revoked)"
		c.verifiedStatus = "403 " + c.brokenMessage
		c.verifiedAt = time.Time{}
		c.version = 2
		c.updated = f.incident // the change is what makes every later run fail
		o.addAudit(resKey{kindCredential, c.id}, "DataCredentials", "update", userMarcus, c.updated,
			map[string][2]any{"credentials_version": {1, 2}, "credentials_enc": {"[FILTERED]", "[FILTERED]"}})
	case "transform_error":
		f.incident = t0.Add(-8 * time.Hour)
		f.failSet = f.sets[len(f.sets)-1]
		old := transformSpec(f.failSet.schema)
		o.addAudit(resKey{kindNexset, f.failSet.id}, "DataSet", "update", userSofia, f.incident,
			map[string][2]any{"transform": {old, transformSpecStrict(f.failSet.schema)}})
		sc.NexsetID = f.failSet.id
	case "schema_mismatch":
		f.incident = t0.Add(-5 * time.Hour)
		f.failSet = f.sets[0]
		o.addAudit(resKey{kindNexset, f.failSet.id}, "DataSet", "update", userMarcus, f.incident,
			map[string][2]any{"output_schema": {retypedSchema(f.failSet.schema, "customer_id", "string"), outputSchema(f.failSet.schema)}})
		sc.NexsetID = f.failSet.id
	case "rate_limited":
		f.incident = t0.Add(-10 * time.Hour)
		f.rateCapped = true
		f.src.status = statusRateLimited
	case "network_timeout":
		f.incident = t0.Add(-4*time.Hour - 30*time.Minute)
	case "flow_not_running":
		until = t0.Add(-4 * 24 * time.Hour)
		s.setFlowStatus(f, statusPaused)
		o.addAudit(resKey{kindSource, f.src.id}, "DataSource", "update", userPriya, until.Add(5*time.Minute), map[string][2]any{"status": {statusActive, statusPaused}})
	case "stale_data":
		until = t0.Add(-36 * time.Hour)
	case "resource_conflict":
		f.incident = t0.Add(-5*time.Hour - 10*time.Minute)
		f.conflict = true
		f.failSink = f.sinks[0]
		f.failSink.name = conflictName
		o.addAudit(resKey{kindSink, f.failSink.id}, "DataSink", "update", userRiley, f.incident.Add(-20*time.Minute),
			map[string][2]any{"sink_config": {map[string]any{"overwrite": true}, map[string]any{"overwrite": false}}})
	case "high_error_rate", "permission_denied":
		// the pattern / the access roles are the whole incident
	}
	if f.role != roleOwner {
		// Shared with the current user through an accessor entry.
		s.org.accessors[resKey{kindSource, f.src.id}] = []accessor{
			{kind: "USER", id: f.ownerID, roles: []string{roleOwner}, created: f.created},
			{kind: "USER", id: userRiley, roles: []string{f.role}, created: f.created.Add(24 * time.Hour)},
		}
	}
	s.seedHistory(f, histFrom, until)
	if f.scenario == "stale_data" {
		f.nextRun = time.Time{} // the schedule is stuck
	}
	if f.scenario != "" {
		s.scen = append(s.scen, sc)
	}
}

// setFlowStatus sets every resource of the flow to st.
func (s *Sim) setFlowStatus(f *flow, st string) {
	f.src.status = st
	for _, n := range f.sets {
		n.status = st
	}
	for _, sk := range f.sinks {
		sk.status = st
	}
}

// transformSpecStrict is the broken transform: amount must parse as decimal.
func transformSpecStrict(schema int) map[string]any {
	t := transformSpec(schema)
	t["transforms"] = append(t["transforms"].([]any), map[string]any{"operation": "nexla.validate", "spec": map[string]any{"amount": "decimal(required)", "on_error": "fail_record"}})
	return t
}

// seedNotifications raises what no run raises: the WARN of a flow that was
// paused or whose schedule stopped (there is no run to fail), and INFO
// notices of some healthy sources. Failures, partial runs and recoveries are
// raised by the runs themselves (notify_runs.go).
func (s *Sim) seedNotifications(t0 time.Time) {
	o := s.org
	for _, sc := range s.scen {
		f := o.flowByNode[sc.FlowID]
		switch sc.Key {
		case "flow_not_running":
			by := o.user(userPriya)
			o.addNotification("WARN", "SOURCE", f.src.id, f.ownerID, fmt.Sprintf("Data source %q was paused by %s; the flow has not run since", f.src.name, by.email),
				t0.Add(-4*24*time.Hour+6*time.Minute), false)
		case "stale_data":
			last := t0.Add(-36 * time.Hour)
			if n := len(f.runs); n > 0 {
				last = f.runs[n-1].end()
			}
			o.addNotification("WARN", "SOURCE", f.src.id, f.ownerID, fmt.Sprintf("Data source %q has not read new data since %s", f.src.name, last.Format("2006-01-02 15:04 UTC")),
				last.Add(24*time.Hour), false)
		}
	}
	for i, f := range o.flows {
		if f.scenario == "" && i%4 == 0 {
			o.addNotification("INFO", "SOURCE", f.src.id, f.ownerID, "Data source "+f.src.name+" finished ingesting new files", t0.Add(-time.Duration(i+2)*time.Hour), true)
		}
	}
}
