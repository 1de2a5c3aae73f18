package sim_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/nexla-tui/nexla-tui/nexla/sim"
)

type auditBody struct {
	Event         string                       `json:"event"`
	ObjectChanges map[string][]json.RawMessage `json:"object_changes"`
}

// changeOf returns the [before, after] of field in the newest update entry
// of path's audit log that changed it.
func changeOf(t *testing.T, h *harness, path, field string) (before, after string) {
	t.Helper()
	var entries []auditBody
	h.getJSON(path, &entries)
	for _, e := range entries {
		if v, ok := e.ObjectChanges[field]; ok && e.Event == "update" && len(v) == 2 {
			return string(v[0]), string(v[1])
		}
	}
	t.Fatalf("%s: no update of %s in %d entries", path, field, len(entries))
	return "", ""
}

// The incident changes carry their real before and after values (§5.13):
// the transform change adds a nexla.validate step that makes amount a
// required decimal; the schema change turns customer_id from a string into
// an integer in an otherwise unchanged schema, and its "after" is the schema
// the nexset serves (so the logs' "expected integer but found string"
// follows from it); a credential update shows its
// version, and its secrets only as [FILTERED].
func TestAuditCarriesBeforeAndAfterValues(t *testing.T) {
	h := newHarness(t, sim.Options{Seed: 7})
	tr := h.scenario("transform_error")
	before, after := changeOf(t, h, fmt.Sprintf("/data_sets/%d/audit_log", tr.NexsetID), "transform")
	if strings.Contains(before, "nexla.validate") || !strings.Contains(after, `"operation":"nexla.validate"`) || !strings.Contains(after, `"amount":"decimal(required)"`) {
		t.Errorf("transform change:\nbefore %s\nafter  %s", before, after)
	}
	sc := h.scenario("schema_mismatch")
	before, after = changeOf(t, h, fmt.Sprintf("/data_sets/%d/audit_log", sc.NexsetID), "output_schema")
	var b, a struct {
		Properties map[string]struct {
			Type string `json:"type"`
		} `json:"properties"`
	}
	if json.Unmarshal([]byte(before), &b) != nil || json.Unmarshal([]byte(after), &a) != nil {
		t.Fatalf("schema values are not schemas:\n%s\n%s", before, after)
	}
	if b.Properties["customer_id"].Type != "string" || a.Properties["customer_id"].Type != "integer" || len(a.Properties) != len(b.Properties) || len(b.Properties) < 3 {
		t.Errorf("schema change: before %+v, after %+v", b.Properties, a.Properties)
	}
	var served struct {
		OutputSchema json.RawMessage `json:"output_schema"`
	}
	h.getJSON(fmt.Sprintf("/data_sets/%d", sc.NexsetID), &served)
	var got, want any
	if json.Unmarshal(served.OutputSchema, &got) != nil || json.Unmarshal([]byte(after), &want) != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("the nexset serves a schema other than the change's after:\n%s\n%s", served.OutputSchema, after)
	}
	ce := h.scenario("credential_expired")
	before, after = changeOf(t, h, fmt.Sprintf("/data_credentials/%d/audit_log", ce.CredentialID), "credentials_enc")
	if before != `"[FILTERED]"` || after != `"[FILTERED]"` {
		t.Errorf("credential secrets in the audit log: %s -> %s", before, after)
	}
	cu := h.scenario("credential_unreadable")
	before, after = changeOf(t, h, fmt.Sprintf("/data_sources/%d/audit_log", cu.SourceID), "data_credentials_id")
	if before == after || strings.Trim(after, "0123456789") != "" || after != fmt.Sprint(cu.CredentialID) {
		t.Errorf("credential swap: %s -> %s, want ids ending at credential %d", before, after, cu.CredentialID)
	}
}
