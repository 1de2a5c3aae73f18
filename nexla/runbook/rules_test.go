package runbook

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

var testNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// runAt is a run id (Nexla run ids are epoch ms of the run's start) hours before testNow.
func runAt(hoursAgo float64) int64 {
	return testNow.Add(-time.Duration(hoursAgo * float64(time.Hour))).UnixMilli()
}

// baseFacts is a flow source 11 (credential 100) -> nexset 21 -> derived
// nexset 22 -> sink 31, ACTIVE, whose last 10 hourly runs all succeeded.
func baseFacts() *Facts {
	f := NewFacts(Target{RT: nexla.Flows, ID: 1}, Options{Now: func() time.Time { return testNow }})
	fr := &nexla.FlowResponse{
		Flows: []nexla.FlowNode{{ID: 1, OriginNodeID: 1, DataSourceID: 11, Status: "ACTIVE", RuntimeStatus: "IDLE", Name: "orders",
			Children: []nexla.FlowNode{{ID: 2, DataSetID: 21, Children: []nexla.FlowNode{{ID: 3, DataSetID: 22,
				Children: []nexla.FlowNode{{ID: 4, DataSinkID: 31}}}}}}}},
		DataSources: []nexla.Source{{Common: nexla.Common{ID: 11, Name: "orders-s3", Status: "ACTIVE", AccessRoles: []string{"owner"}}, DataCredentialsID: 100}},
		DataSets: []nexla.Nexset{{Common: nexla.Common{ID: 21, Name: "orders raw", Status: "ACTIVE"}, DataSourceID: 11},
			{Common: nexla.Common{ID: 22, Name: "orders clean", Status: "ACTIVE"}, ParentDataSetID: 21}},
		DataSinks:       []nexla.Destination{{Common: nexla.Common{ID: 31, Name: "orders-pg", Status: "ACTIVE"}, DataSetID: 22}},
		DataCredentials: []nexla.Credential{{Common: nexla.Common{ID: 100, Name: "prod-s3"}, CredentialsType: "s3", VerifiedStatus: "200 Ok"}},
	}
	f.setFlow(fr)
	for i := 0; i < 10; i++ {
		id := runAt(float64(i) + 1)
		for _, k := range []resKey{{nexla.DataSources, 11}, {nexla.DataSets, 21}, {nexla.DataSets, 22}, {nexla.DataSinks, 31}} {
			f.RunMetrics[k] = append(f.RunMetrics[k], nexla.RunMetric{RunID: id, Records: 1000, Size: 50000})
		}
	}
	f.Probes[100] = ProbeOutcome{Credential: ResourceRef{RT: nexla.DataCredentials, ID: 100, Name: "prod-s3"}, OK: true}
	f.Done = true
	return f
}

// failRuns makes the newest n runs fail at resource k with the given records left.
func failRuns(f *Facts, k resKey, n int, records int64) {
	for i := 0; i < n; i++ {
		for kk, ms := range f.RunMetrics {
			if rtOrder(kk.RT) > rtOrder(k.RT) || kk == k {
				ms[i].Records = records
			}
		}
		f.RunMetrics[k][i].Errors = 40
	}
	f.FailedRunID = f.RunMetrics[k][0].RunID
	f.OKRunID = f.RunMetrics[k][n].RunID
}

func logLine(f *Facts, where, sev, text string) {
	f.FailedLogs = append(f.FailedLogs, nexla.LogEntry{Timestamp: f.FailedRunID + 1000, ResourceType: where, Severity: sev, Log: text, RunID: f.FailedRunID})
}

func audit(f *Facts, k resKey, hoursAgo float64, fields ...string) {
	ch := map[string]json.RawMessage{}
	for _, fl := range fields {
		ch[fl] = json.RawMessage(`["a","b"]`)
	}
	f.Audit[k] = append(f.Audit[k], nexla.AuditEntry{Event: "update", ObjectChanges: ch, OwnerEmail: "ops@example.com",
		CreatedAt: nexla.Time{Time: testNow.Add(-time.Duration(hoursAgo * float64(time.Hour)))}})
}

func TestRulesNameTheCause(t *testing.T) {
	src, ds, sink := resKey{nexla.DataSources, 11}, resKey{nexla.DataSets, 22}, resKey{nexla.DataSinks, 31}
	cases := []struct {
		cause    string
		setup    func(f *Facts)
		sentence string // must appear in the top sentence
		evidence string // must appear in some evidence line
	}{
		{CauseCredentialExpired, func(f *Facts) {
			failRuns(f, src, 5, 0)
			f.Probes[100] = ProbeOutcome{Credential: ResourceRef{RT: nexla.DataCredentials, ID: 100, Name: "prod-s3"}, HTTPStatus: 403, Message: "Access denied: token expired"}
			logLine(f, "SOURCE", "ERROR", "S3 GetObject failed: 403 Forbidden")
			audit(f, resKey{nexla.DataCredentials, 100}, 5.5, "credentials_enc")
		}, `credential "prod-s3" fails its probe: 403 Access denied`, "5 of the last 10 runs failed, all since it changed on 2026-11-22 06:30"},
		{CauseTransformError, func(f *Facts) {
			failRuns(f, ds, 4, 0)
			logLine(f, "DATASET", "ERROR", "Transform error in record 48213: field 'amount': cannot convert 'N/A' to decimal")
			audit(f, ds, 4.5, "transform")
		}, "a transform fails: Transform error in record 48213", "config change: 2026-11-22 07:30 nexset"},
		{CauseSchemaMismatch, func(f *Facts) {
			failRuns(f, ds, 3, 0)
			logLine(f, "DATASET", "ERROR", "Schema validation failed: field 'customer_id' expected integer but found string")
			audit(f, ds, 3.5, "output_schema")
		}, "records do not match the schema", "all since the schema changed"},
		{CauseRateLimited, func(f *Facts) {
			f.Origin.Status = "RATE_LIMITED"
			failRuns(f, src, 3, 0)
			logLine(f, "SOURCE", "ERROR", "429 Too Many Requests from api.example.com")
		}, `is RATE_LIMITED: 429 Too Many Requests`, "flow status RATE_LIMITED"},
		{CauseNetworkTimeout, func(f *Facts) {
			failRuns(f, src, 3, 600)
			logLine(f, "SOURCE", "ERROR", "Connection timed out after 30000 ms reading from db.internal:5432")
		}, "connections time out", "PARTIAL"},
		{CauseResourceConflict, func(f *Facts) {
			failRuns(f, sink, 3, 0)
			logLine(f, "SINK", "ERROR", "409 Conflict: object orders/2026-11-22.csv already exists")
			f.SameName[31] = []ResourceRef{{RT: nexla.DataSinks, ID: 32, Name: "orders-pg"}}
		}, "writes conflict", `shares its name with destination "orders-pg" (id 32)`},
		{CauseFlowNotRunning, func(f *Facts) {
			f.Origin.Status = "PAUSED"
			audit(f, src, 30, "status")
		}, `flow "orders" is PAUSED`, "flow status PAUSED"},
		{CauseStaleData, func(f *Facts) {
			f.Now = testNow.Add(40 * time.Hour)
		}, "is ACTIVE but its last run was 41 h ago (threshold 3h00m: 2 × the run history (1h00m) + 1h)", "without a run"},
		{CausePermissionDenied, func(f *Facts) {
			f.Index.Sources[11].AccessRoles = []string{"collaborator"}
		}, "you cannot pause or activate", "access_roles on source"},
		{CauseHighErrorRate, func(f *Facts) {
			failRuns(f, src, 1, 0)
			for _, i := range []int{3, 5, 7} {
				f.RunMetrics[src][i].Errors, f.RunMetrics[src][i].Records = 3, 0
			}
			logLine(f, "SOURCE", "ERROR", "unexpected end of stream")
			for _, e := range []string{"unexpected end of stream", "Connection timed out after 30000 ms", "disk full", "NullPointerException"} {
				f.WindowIssues = append(f.WindowIssues, nexla.LogEntry{Severity: "ERROR", Log: e, RunID: f.RunMetrics[src][len(f.WindowIssues)*2+1].RunID})
			}
		}, "4 of the last 10 runs failed (40%", "error rate 40%"},
	}
	for _, tc := range cases {
		t.Run(tc.cause, func(t *testing.T) {
			f := baseFacts()
			tc.setup(f)
			r := Analyze(f)
			top := r.Top()
			if tc.cause == CausePermissionDenied {
				// A note for the fix step: the flow stays healthy, the note follows.
				if !r.Healthy() || top.Cause != CauseHealthy || len(r.Findings) < 2 {
					t.Fatalf("a healthy flow the caller cannot operate: healthy=%v findings %+v", r.Healthy(), r.Findings)
				}
				top = r.Findings[1]
				if top.Severity != SeverityInfo {
					t.Errorf("the permission note is %s, want info", top.Severity)
				}
			}
			if top.Cause != tc.cause {
				t.Fatalf("top cause %q, want %q; findings: %+v", top.Cause, tc.cause, r.Findings)
			}
			if !strings.Contains(top.Sentence, tc.sentence) {
				t.Errorf("sentence %q lacks %q", top.Sentence, tc.sentence)
			}
			if !strings.Contains(strings.Join(top.Evidence, "\n"), tc.evidence) {
				t.Errorf("evidence lacks %q:\n%s", tc.evidence, strings.Join(top.Evidence, "\n"))
			}
		})
	}
}

func TestHealthyFlowGetsNoFalseAlarm(t *testing.T) {
	f := baseFacts()
	// A healthy run may still log warnings; they must not raise a finding.
	f.OKRunID = f.RunMetrics[resKey{nexla.DataSources, 11}][0].RunID
	f.OKLogs = []nexla.LogEntry{{Severity: "WARNING", Log: "retrying GET after timeout", ResourceType: "SOURCE"}}
	r := Analyze(f)
	if !r.Healthy() || len(r.Findings) != 1 {
		t.Fatalf("want only the healthy finding, got %+v", r.Findings)
	}
	top := r.Top()
	for _, want := range []string{"10 of the last 10 runs succeeded", "1 credential pass their probe"} {
		if !strings.Contains(strings.Join(top.Evidence, "|"), want) {
			t.Errorf("healthy evidence lacks %q: %v", want, top.Evidence)
		}
	}
	for _, s := range r.Steps {
		if s.State == StateFailing {
			t.Errorf("step %d is failing on a healthy flow: %s", s.ID, s.Summary)
		}
	}
}

func TestSpecificCauseOutranksErrorRate(t *testing.T) {
	f := baseFacts()
	failRuns(f, resKey{nexla.DataSets, 22}, 6, 0)
	logLine(f, "DATASET", "ERROR", "Transform error in record 7: field 'x': cannot convert 'N/A' to decimal")
	r := Analyze(f)
	if r.Top().Cause != CauseTransformError {
		t.Fatalf("top %q, want transform_error; all %+v", r.Top().Cause, r.Findings)
	}
	found := false
	for _, fd := range r.Findings[1:] {
		found = found || fd.Cause == CauseHighErrorRate
	}
	if !found {
		t.Fatalf("high error rate should still be listed: %+v", r.Findings)
	}
}

// Step 5 says whether the caller may rotate a credential that fails its
// probe, and the fix follows: a collaborator is told to ask the owner.
func TestFailedCredentialSaysWhetherYouMayRotateIt(t *testing.T) {
	for _, tc := range []struct {
		roles []string
		want  string
		ask   bool
	}{
		{[]string{"owner"}, "you may update credential \"prod-s3\" (id 100) to rotate it (roles: owner)", false},
		{[]string{"collaborator"}, "you may NOT update credential \"prod-s3\" (id 100) (roles: collaborator; owner or admin needed)", true},
		{nil, "unknown whether you may update", false},
	} {
		f := baseFacts()
		f.Index.Credentials[100].AccessRoles = tc.roles
		failRuns(f, resKey{nexla.DataSources, 11}, 4, 0)
		f.Probes[100] = ProbeOutcome{Credential: ResourceRef{RT: nexla.DataCredentials, ID: 100, Name: "prod-s3"}, HTTPStatus: 403, Message: "Access denied"}
		r := Analyze(f)
		if d := strings.Join(r.Step(StepDependencies).Details, "\n"); !strings.Contains(d, tc.want) {
			t.Errorf("roles %v: step 5 lacks %q:\n%s", tc.roles, tc.want, d)
		}
		if top := r.Top(); top.Cause != CauseCredentialExpired || strings.Contains(top.Fix, "ask the credential's owner") != tc.ask {
			t.Errorf("roles %v: top %s, fix %q", tc.roles, top.Cause, top.Fix)
		}
	}
	f := baseFacts() // a credential that passes its probe needs no access line
	if d := strings.Join(Analyze(f).Step(StepDependencies).Details, "\n"); strings.Contains(d, "update credential") {
		t.Errorf("access line for a healthy credential:\n%s", d)
	}
}

// The health overview follows the seed's threshold: one failed run in ten is
// shown, but it is not "High error rate" and the flow is not unhealthy;
// three in ten is.
func TestHealthRowRespectsErrorRateThreshold(t *testing.T) {
	f := baseFacts()
	failRuns(f, resKey{nexla.DataSets, 22}, 1, 0)
	h, _ := healthRow(f, nil, false)
	if h.Cause != CauseSomeFailedRuns || !h.Healthy() || len(h.Issues) != 1 || !strings.Contains(h.Issues[0], "below the 20% threshold") {
		t.Fatalf("1 of 10 failed: got cause %q healthy=%v issues %q", h.Cause, h.Healthy(), h.Issues)
	}
	f = baseFacts()
	failRuns(f, resKey{nexla.DataSets, 22}, 3, 0)
	h, _ = healthRow(f, nil, false)
	if h.Cause != CauseHighErrorRate || h.Healthy() {
		t.Fatalf("3 of 10 failed: got cause %q healthy=%v issues %q", h.Cause, h.Healthy(), h.Issues)
	}
}
