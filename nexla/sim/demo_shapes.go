package sim

import "time"

// The shapes a real org has that the 30 hand-written flows lack (§9 rows 2,
// 6, 11, 12, 14): a flow that never ran, a flow that originates from a shared
// nexset, a triggered flow, a source behind a credentials group and a
// credential the caller may not read. They come after the demo flows, so the
// older flows keep their ids; docs/scenarios.md describes each.

var shapeInfo = map[string][2]string{
	"never_run":                {"Never run", "The flow was created two hours ago and never activated: status INIT, no runs, last_run_id null."},
	"source_outage":            {"Source outage", "The partner's orders API answers 503 since seven hours ago; every run fails at the source. Its nexset is shared with and its sink triggers other flows."},
	"shared_upstream_failing":  {"Shared nexset upstream failing", "The flow originates from the shared nexset of Partner Orders Feed, whose runs fail at the source: no data has reached it for seven hours."},
	"trigger_upstream_failing": {"Triggering flow failing", "The flow runs when Partner Orders Feed finishes writing; that flow fails at the source, so this one has not run for seven hours."},
	"credential_group_failing": {"Credentials group failing", "The source authenticates through a credentials group; the group's credential fails its probe (password authentication failed) and every run fails at the source."},
	"credential_unreadable":    {"Credential not readable", "The flow is shared with you as operator, but its source credential belongs to Marcus and is not shared: its probe answers 403 with an empty body. Runs fail at the source: connection refused."},
}

const firstGroupID = 4001

// buildShapes adds the flows above to the demo org at t0.
func (s *Sim) buildShapes(t0 time.Time) {
	o := s.org
	cred := func(name, ctype, host string, owner int64, daysAgo int) *credential {
		created := t0.Add(-time.Duration(daysAgo) * 24 * time.Hour)
		c := o.addCredential(&credential{name: name, description: "Shared " + ctype + " credential", ctype: ctype, host: host,
			ownerID: owner, created: created, updated: created, version: 1, verifiedStatus: "200 Ok", verifiedAt: t0.Add(-3 * time.Hour)})
		o.addAudit(resKey{kindCredential, c.id}, "DataCredentials", "create", owner, created, map[string][2]any{"name": {nil, name}, "credentials_type": {nil, ctype}})
		return c
	}
	demoCred := func(i int) int64 { return int64(firstCredentialID + i) }

	// (a) never run.
	f := s.shapeFlow("never_run", "Supplier Onboarding", userRiley, roleOwner, t0.Add(-2*time.Hour), 1500)
	o.addSource(f, f.name, "s3", demoCred(0), "CSV", "s3://acme-datalake-prod/suppliers/onboarding/")
	s.plainTail(f, "onboarding (detected)", "Suppliers to Snowflake", "snowflake", demoCred(4), "JSON", "ANALYTICS.PUBLIC.SUPPLIERS", 3)
	s.setFlowStatus(f, statusInit)
	s.finishShape(f, t0, time.Time{})
	f.nextRun = time.Time{} // never activated: nothing runs

	// (b, c) the failing upstream: its nexset is shared, its sink triggers.
	api := cred("partner-orders-api", "rest", "api.partner-orders.example", userRiley, 40)
	up := s.shapeFlow("source_outage", "Partner Orders Feed", userRiley, roleOwner, t0.Add(-40*24*time.Hour), 9000)
	up.incident = t0.Add(-7 * time.Hour)
	o.addSource(up, up.name, "rest", api.id, "JSON", "https://api.partner-orders.example/v1/orders")
	shared, upSink := s.plainTail(up, "orders (detected)", "Partner Orders to Postgres", "postgres", demoCred(2), "JSON", "ops.partner_orders", 0)
	s.finishShape(up, t0, t0)

	// (b) originates from the shared nexset; owned by Sofia, operated by the caller.
	c := s.shapeFlow("shared_upstream_failing", "Partner Orders Analytics", userSofia, roleOperator, t0.Add(-20*24*time.Hour), 9000)
	c.shared = shared
	c.follows = up
	view := o.addNexset(c, nil, "Partner Orders - analytics view", true, 0)
	view.parent = shared // derived from the shared nexset, across flows: not one of its children here
	view.description = "Derived from the shared nexset " + shared.name
	shared.consumers = append(shared.consumers, c)
	sk := o.addSink(c, view, "Partner Orders to BigQuery", "bigquery", demoCred(5), "JSON", "marketing.partner_orders")
	sk.description = "Writes " + sk.location
	s.finishShape(c, t0, time.Time{})

	// (c) triggered by the upstream's sink write.
	tr := s.shapeFlow("trigger_upstream_failing", "Partner Orders Reconciliation", userRiley, roleOwner, t0.Add(-30*24*time.Hour), 9000)
	o.addSource(tr, tr.name, "postgres", demoCred(2), "JSON", "ops.partner_orders")
	s.plainTail(tr, "partner_orders (detected)", "Reconciliation to Snowflake", "snowflake", demoCred(4), "JSON", "FINANCE.PUBLIC.PARTNER_RECON", 1)
	tr.follows, tr.trigger = up, &flowTrigger{sink: upSink}
	up.triggers = append(up.triggers, tr)
	s.finishShape(tr, t0, time.Time{})

	// (d) a source behind a credentials group whose credential fails.
	member := cred("mysql-warehouse-primary", "mysql", "warehouse-primary.db.internal", userRiley, 60)
	member.broken = true
	member.brokenMessage = "Access denied: password authentication failed for user \"etl_reader\" on " + member.host
	member.verifiedStatus, member.verifiedAt = "403 "+member.brokenMessage, time.Time{}
	group := &credGroup{id: firstGroupID, name: "warehouse-db-pool", description: "Warehouse replicas for ETL reads", ctype: "mysql",
		ownerID: userRiley, credIDs: []int64{member.id}, created: member.created}
	o.groups = append(o.groups, group)
	g := s.shapeFlow("credential_group_failing", "Warehouse Telemetry", userRiley, roleOwner, t0.Add(-45*24*time.Hour), 21000)
	g.incident = t0.Add(-3 * time.Hour)
	src := o.addSource(g, g.name, "mysql", 0, "JSON", "telemetry.readings")
	src.group = group
	s.plainTail(g, "readings (detected)", "Telemetry to GCS", "gcs", demoCred(1), "JSON", "gs://acme-analytics/telemetry/", 2)
	s.finishShape(g, t0, t0)

	// (e) a credential the caller may not read.
	hr := cred("postgres-hr-analytics", "postgres", "hr-analytics.db.internal", userMarcus, 50)
	hr.role = "" // Marcus's, not shared: the caller may not read it
	e := s.shapeFlow("credential_unreadable", "HR Headcount Sync", userMarcus, roleOperator, t0.Add(-50*24*time.Hour), 700)
	e.incident = t0.Add(-2 * time.Hour)
	hrSrc := o.addSource(e, e.name, "postgres", hr.id, "JSON", "hr.headcount")
	s.plainTail(e, "headcount (detected)", "Headcount to Snowflake", "snowflake", demoCred(4), "JSON", "HR.PUBLIC.HEADCOUNT", 3)
	s.finishShape(e, t0, t0)
	// How it came to be: Marcus moved the source from the shared postgres
	// credential onto his own. The audit log names the credentials by id:
	// a swap never shows a secret.
	o.addAudit(resKey{kindSource, hrSrc.id}, "DataSource", "update", userMarcus, e.incident.Add(-10*time.Minute),
		map[string][2]any{"data_credentials_id": {demoCred(2), hr.id}})

	s.addCollaborator()
}

// addCollaborator shares one failing flow with the user who owns nothing
// (the "collaborator" identity), through an accessor entry.
func (s *Sim) addCollaborator() {
	o := s.org
	o.users = append(o.users, &user{userJordan, "jordan.kim@acme-retail.example", "Jordan Kim"})
	for _, f := range o.flows {
		if f.scenario != collaboratorScenario {
			continue
		}
		f.guests = map[int64]string{userJordan: roleCollaborator}
		key := resKey{kindSource, f.src.id}
		list, ok := o.accessors[key]
		if !ok {
			list = s.defaultAccessors(accessTargetInfo{key: key, owner: f.ownerID, flow: f})
		}
		o.accessors[key] = append(list, accessor{kind: "USER", id: userJordan, roles: []string{roleCollaborator}, created: f.created.Add(48 * time.Hour)})
		return
	}
}

// shapeFlow starts one of the flows above.
func (s *Sim) shapeFlow(scenario, name string, owner int64, role string, created time.Time, recs int32) *flow {
	f := s.org.newFlow(name, scenario, owner, role, time.Hour, created)
	f.baseRecs = recs
	f.recBytes = 180 + int32(mix(uint64(s.opts.Seed), uint64(len(s.org.flows)))%400)
	f.projectID = 301 + int64(len(s.org.flows)%3)
	return f
}

// plainTail adds a detected nexset and a sink to a flow with a source.
func (s *Sim) plainTail(f *flow, detected, sinkName, conn string, credID int64, format, loc string, schema int) (*nexset, *sink) {
	o := s.org
	f.src.description = "Reads " + f.src.location
	f.src.tags = []string{f.src.connector, "demo"}
	det := o.addNexset(f, nil, f.name+" - "+detected, false, schema)
	det.description = "Detected from " + f.name
	sk := o.addSink(f, det, sinkName, conn, credID, format, loc)
	sk.description = "Writes " + loc
	return det, sk
}

// finishShape seeds the audit trail, the accessors, the run history up to
// until (zero: no history of its own) and the scenario entry.
func (s *Sim) finishShape(f *flow, t0, until time.Time) {
	o := s.org
	if f.src != nil {
		s.seedFlowAudit(f)
	} else {
		for _, n := range f.sets {
			o.addAudit(resKey{kindNexset, n.id}, "DataSet", "create", f.ownerID, f.created, map[string][2]any{"name": {nil, n.name}})
		}
		for _, sk := range f.sinks {
			o.addAudit(resKey{kindSink, sk.id}, "DataSink", "create", f.ownerID, f.created.Add(8*time.Minute), map[string][2]any{"name": {nil, sk.name}})
		}
	}
	if f.role != roleOwner {
		k, b := f.origin()
		o.accessors[resKey{k, b.id}] = []accessor{
			{kind: "USER", id: f.ownerID, roles: []string{roleOwner}, created: f.created},
			{kind: "USER", id: userRiley, roles: []string{f.role}, created: f.created.Add(24 * time.Hour)},
		}
	}
	if !until.IsZero() {
		s.seedHistory(f, t0.Add(-historyWindow), until)
	}
	if f.follows != nil {
		s.follow(f, t0)
	}
	sc := Scenario{Key: f.scenario, Title: shapeInfo[f.scenario][0] + ": " + f.name, Cause: shapeInfo[f.scenario][1],
		FlowID: f.originNode, NexsetID: f.sets[len(f.sets)-1].id, SinkID: f.sinks[0].id, CredentialID: f.sinks[0].credID}
	if f.src != nil {
		sc.SourceID = f.src.id
		sc.CredentialID = f.src.credID
		if g := f.src.group; g != nil {
			sc.CredentialID = g.credIDs[0]
		}
	}
	s.scen = append(s.scen, sc)
}
