package nexla

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"
)

func TestProbeRule(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
		ok     bool
		isErr  bool
		code   int
	}{
		{"empty 200 is success", 200, "", true, false, 200},
		{"json 200 ok", 200, `{"status":"ok","message":"Ok"}`, true, false, 200},
		{"200 carrying a failing status", 200, `{"status":500,"message":"connector timeout"}`, false, false, 500},
		{"403 passthrough", 403, `{"status":403,"message":"Access denied"}`, false, false, 403},
		{"401 passthrough (target rejected)", 401, `{"status":401,"message":"bad password"}`, false, false, 401},
		{"502 passthrough", 502, `{"status":502,"message":"upstream"}`, false, false, 502},
		{"404 empty: unknown credential", 404, "", false, true, 404},
		{"403 empty: our access denied", 403, "", false, true, 403},
		// The simulator's and Nexla's own throttling answer 429 with a JSON
		// message: that is our rate limit, not the credential failing.
		{"429 json: our rate limit", 429, `{"message":"Too many requests: rate limit exceeded, retry later"}`, false, true, 429},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newAPIServer(t)
			s.handle("GET /data_credentials/7/probe", jsonReply(tc.status, tc.body))
			c, _ := newTestClient(t, s, WithRetry(0, 0, 0))
			res, err := c.ProbeCredential(context.Background(), 7)
			if tc.isErr {
				if err == nil || StatusOf(err) != tc.code {
					t.Fatalf("want *APIError %d, got %+v %v", tc.code, res, err)
				}
				return
			}
			if err != nil || res.OK != tc.ok || res.HTTPStatus != tc.code {
				t.Fatalf("got %+v %v", res, err)
			}
			if s.count("POST /token") != 1 {
				t.Fatal("a probe's JSON 401 must not re-token")
			}
		})
	}
}

func TestProbeEmpty401IsOurSession(t *testing.T) {
	c, err := New(Settings{BaseURL: newAPIServer(t).URL, AccessToken: "expired-token-xyz"}, WithClock(newFakeClock()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ProbeCredential(context.Background(), 7); !IsAuth(err) {
		t.Fatalf("empty 401 should be an auth error, got %v", err)
	}
}

func TestProbeTreeAndSample(t *testing.T) {
	s := newAPIServer(t)
	var treeBody, sampleBody map[string]any
	s.handle("POST /data_credentials/7/probe/tree", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(b, &treeBody)
		if r.Header.Get("Content-Type") != "application/json" {
			w.WriteHeader(415)
			return
		}
		if treeBody["depth"] == 2.0 {
			_, _ = w.Write([]byte(`{"status":"ok","message":"Ok","connection_type":"s3","object":{"bucket":{"2026":{}}}}`))
			return
		}
		_, _ = w.Write([]byte(`{"status":"ok","message":"Ok","connection_type":"s3","output":{"events_v2":{"2015":{}}}}`))
	})
	s.handle("POST /data_credentials/7/probe/sample", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(b, &sampleBody)
		_, _ = w.Write([]byte(`{"status":"ok","message":"Ok","connection_type":"mysql","output":{"contentType":"application/json","statusCode":200,"response":{"columns":["a"],"data":[{"a":1}]}}}`))
	})
	c, _ := newTestClient(t, s)
	ctx := context.Background()
	tree, err := c.ProbeTree(ctx, 7, ProbeTreeRequest{Depth: 1, Path: "events_v2"})
	if err != nil || string(tree.Tree) != `{"events_v2":{"2015":{}}}` || tree.ConnectionType != "s3" || treeBody["path"] != "events_v2" {
		t.Fatalf("tree output: %+v %v %v", tree, err, treeBody)
	}
	tree, err = c.ProbeTree(ctx, 7, ProbeTreeRequest{Depth: 2})
	if err != nil || string(tree.Tree) != `{"bucket":{"2026":{}}}` {
		t.Fatalf("tree object: %+v %v", tree, err)
	}
	ps, err := c.ProbeSample(ctx, 7, ProbeSampleRequest{Path: "a/b.csv", Extra: map[string]any{"table": "t"}})
	if err != nil || ps.Output.StatusCode != 200 || sampleBody["path"] != "a/b.csv" || sampleBody["table"] != "t" {
		t.Fatalf("sample %+v %v %v", ps, err, sampleBody)
	}
}

func TestNexsetSampleForms(t *testing.T) {
	c, s := serveOne(t, "GET /data_sets/9/samples", `[
		{"rawMessage":{"id":1},"nexlaMetaData":{"runId":1657222941374,"sourceType":"GDRIVE"}},
		{"input":{"rawMessage":{"in":1},"nexlaMetaData":{"eof":false}},"output":{"rawMessage":{"out":1}}},
		{"plain":"record"},
		"not even an object"]`)
	got, err := c.NexsetSamples(context.Background(), 9, SampleOptions{Count: 5})
	if err != nil || len(got) != 4 {
		t.Fatalf("%v %v", got, err)
	}
	if string(got[0].Record.RawMessage) != `{"id":1}` || got[0].Input != nil || len(got[0].Record.NexlaMetaData) == 0 {
		t.Errorf("flat: %+v", got[0])
	}
	if got[1].Input == nil || string(got[1].Input.RawMessage) != `{"in":1}` || string(got[1].Output.RawMessage) != `{"out":1}` || string(got[1].Record.RawMessage) != `{"out":1}` {
		t.Errorf("input/output: %+v", got[1])
	}
	if string(got[2].Record.RawMessage) != `{"plain":"record"}` || string(got[3].Record.RawMessage) != `"not even an object"` {
		t.Errorf("bare: %+v %+v", got[2], got[3])
	}
	if q := s.lastReq["GET /data_sets/9/samples"].URL.Query(); q.Get("count") != "5" || q.Get("include_metadata") != "0" {
		t.Errorf("query %v", q)
	}
}

func TestAccessAuditNotificationsLimits(t *testing.T) {
	s := newAPIServer(t)
	accessors := `[{"type":"USER","id":5,"email":"u@x.io","accessor_org_id":3,"access_roles":["operator"],"access_role_expires_at":null,"created_at":"2026-01-01T00:00:00.000Z","updated_at":"2026-01-01T00:00:00.000Z"},{"type":"ROBOT","id":6,"access_roles":["new_role"]}]`
	var putBody map[string][]map[string]any
	s.handle("GET /flows/4/accessors", jsonReply(200, accessors))
	s.handle("PUT /data_sets/4/accessors", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(b, &putBody)
		_, _ = w.Write([]byte(`{"accessors":` + accessors + `}`))
	})
	s.handle("DELETE /data_sets/4/accessors", jsonReply(200, ""))
	s.handle("GET /data_sources/4/audit_log", jsonReply(200, `[{"id":1,"item_type":"DataSource","item_id":4,"event":"update","impersonator_id":12,"owner_id":1,"owner_email":"o@x.io","user":{"id":1,"email":"o@x.io"},"change_summary":["status"],"object_changes":{"status":["ACTIVE","PAUSED"]},"created_at":"2026-02-28T03:00:00.000Z"},{"id":2,"impersonator_id":"spec-says-string"}]`))
	s.handle("GET /notifications", jsonReply(200, `[{"id":1,"level":"ERROR","resource_id":4,"resource_type":"SOURCE","message_id":3,"message":"Source failed","read_at":null,"ts":1709261000,"owner":{"id":1,"full_name":"O","email":"o"}}]`))
	c, _ := newTestClient(t, s)
	ctx := context.Background()

	acc, err := c.Accessors(ctx, Flows, 4)
	if err != nil || len(acc) != 2 || acc[0].AccessorOrgID != 3 || acc[1].Type != "ROBOT" {
		t.Fatalf("accessors %+v %v", acc, err)
	}
	acc, _, err = c.AddAccessors(ctx, DataSets, 4, []Accessor{{Type: "user", Email: "new@x.io", AccessRoles: []string{"collaborator"}}})
	if err != nil || len(acc) != 2 {
		t.Fatalf("add %+v %v", acc, err)
	}
	sent := putBody["accessors"][0]
	if sent["type"] != "USER" || sent["email"] != "new@x.io" || sent["created_at"] != nil {
		t.Fatalf("PUT body %v", putBody)
	}
	if acc, _, err = c.RemoveAccessors(ctx, DataSets, 4, []Accessor{{Type: "TEAM", ID: 2}}); err != nil || len(acc) != 0 {
		t.Fatalf("remove %+v %v", acc, err)
	}
	audit, err := c.AuditLog(ctx, DataSources, 4, AuditOptions{ChangeFilter: "status"})
	if err != nil || len(audit) != 2 || string(audit[0].ObjectChanges["status"]) != `["ACTIVE","PAUSED"]` || string(audit[0].ImpersonatorID) != "12" {
		t.Fatalf("audit %+v %v", audit, err)
	}
	read := false
	ns, err := c.Notifications(ctx, NotificationOptions{Read: &read, Level: "ERROR"})
	if err != nil || len(ns) != 1 || ns[0].TS != 1709261000 || !ns[0].ReadAt.IsZero() {
		t.Fatalf("notifications %+v %v", ns, err)
	}
	if q := s.lastReq["GET /notifications"].URL.Query(); q.Get("read") != "0" || q.Get("level") != "ERROR" {
		t.Errorf("notification query %v", q)
	}
}
