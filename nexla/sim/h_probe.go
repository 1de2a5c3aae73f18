package sim

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// probeTarget finds the credential a probe path names, with s.mu held.
// ok=false means the answer was written: a 404 for an unknown credential, a
// 403 with no body for one the caller may not read (the controller's
// authorize!, data_credentials_controller.rb:106-107), or for a broken one
// the probed system's refusal passed through as the server does (403
// {"status", "message"}), recorded in verified_status when record.
func (s *Sim) probeTarget(w http.ResponseWriter, r *http.Request, id int64, record bool) (*credential, bool) {
	c := s.org.credByID[id]
	if !found(w, c != nil) || !visible(w, s.credRole(callerOf(r), c)) {
		return nil, false
	}
	if c.broken {
		if record {
			c.verifiedStatus = "403 " + c.brokenMessage
			c.verifiedAt = time.Time{}
		}
		writeJSON(w, http.StatusForbidden, obj{"status": 403, "message": c.brokenMessage})
		return nil, false
	}
	return c, true
}

// handleProbe is GET /data_credentials/{id}/probe: an empty 200 when the
// credential works (probe_authenticate's head :ok), else the probe's status
// with {"status", "message"}. Either way verified_status is updated.
func (s *Sim) handleProbe(w http.ResponseWriter, r *http.Request, id int64) {
	if _, ok := flags(w, r.URL.Query(), "async"); !ok {
		return
	}
	now := s.clock.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.probeTarget(w, r, id, true)
	if !ok {
		return
	}
	c.verifiedStatus = "200 Ok"
	c.verifiedAt = now
	writeEmpty(w, http.StatusOK)
}

// readBody decodes an optional JSON body; ok=false means a 400 was written.
func readBody(w http.ResponseWriter, r *http.Request, into any) bool {
	b, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		badParam(w, "Cannot read request body")
		return false
	}
	if len(strings.TrimSpace(string(b))) == 0 {
		return true
	}
	if err := json.Unmarshal(b, into); err != nil {
		badParam(w, "Cannot parse JSON request body")
		return false
	}
	return true
}

func (s *Sim) handleProbeTree(w http.ResponseWriter, r *http.Request, id int64) {
	var req struct {
		Depth    *int   `json:"depth"`
		Path     string `json:"path"`
		Database string `json:"database"`
		Table    string `json:"table"`
	}
	if !readBody(w, r, &req) {
		return
	}
	if req.Depth == nil || *req.Depth < 0 {
		badParam(w, "'depth' is required and must be a non-negative integer")
		return
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.probeTarget(w, r, id, false)
	if !ok {
		return
	}
	// The docs and the spec call the tree "output" (SDK v1.0.8's model wants
	// "object": the SDK's bug, docs/decisions.md).
	writeJSON(w, http.StatusOK, obj{"status": "ok", "message": "Ok", "connection_type": c.ctype, "output": probeTree(c, *req.Depth)})
}

func probeTree(c *credential, depth int) obj {
	var names []string
	switch connectionType(c.ctype) {
	case "file":
		names = []string{"exports", "raw", "staging"}
	case "database":
		names = []string{"analytics", "public", "finance"}
	case "stream":
		names = []string{"web.clickstream", "app.events", "pricing.changes"}
	default:
		names = []string{"v1", "v2"}
	}
	var build func(level int, prefix string) obj
	build = func(level int, prefix string) obj {
		out := obj{}
		if level >= depth {
			return out
		}
		for i, n := range names {
			key := n
			if level > 0 {
				key = fmt.Sprintf("%s_%d", prefix, 2024+i)
			}
			out[key] = build(level+1, n)
		}
		return out
	}
	return build(0, "")
}

func (s *Sim) handleProbeSample(w http.ResponseWriter, r *http.Request, id int64) {
	var req map[string]any
	if !readBody(w, r, &req) {
		return
	}
	now := s.clock.now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.probeTarget(w, r, id, false)
	if !ok {
		return
	}
	var response any
	contentType := "application/json"
	switch connectionType(c.ctype) {
	case "database":
		cols := []string{"order_id", "customer_id", "amount", "currency", "status", "created_at"}
		var rows []obj
		for i := 0; i < 3; i++ {
			rows = append(rows, obj(sampleRecord(0, c.id, i, now)))
		}
		response = obj{"columns": cols, "data": rows}
	case "file":
		contentType = "text/csv"
		response = "order_id,customer_id,amount,currency\n480001,1001,19.99,USD\n480002,1002,N/A,EUR\n"
	default:
		b, _ := json.Marshal([]any{sampleRecord(0, c.id, 0, now), sampleRecord(0, c.id, 1, now)})
		response = string(b)
	}
	writeJSON(w, http.StatusOK, obj{"status": "ok", "message": "Ok", "connection_type": c.ctype,
		"output": obj{"contentType": contentType, "statusCode": 200, "response": response}})
}

// handleSamples is GET /data_sets/{id}/samples: flat {rawMessage,
// nexlaMetaData} items, {input, output} pairs for transformed nexsets, or bare
// records for live samples without metadata.
func (s *Sim) handleSamples(w http.ResponseWriter, r *http.Request, id int64) {
	q := r.URL.Query()
	fl, ok := flags(w, q, "live", "output_only")
	if !ok {
		return
	}
	withMeta, hasMeta, err := truthy(q, "include_metadata")
	if err != nil {
		badParam(w, "%v", err)
		return
	}
	if !hasMeta {
		withMeta = true // the server's default
	}
	count, _, err := intParam(q, "count", -1<<31)
	if err != nil {
		badParam(w, "%v", err)
		return
	}
	if count <= 0 || count > 20 {
		count = 20 // the sample cache holds at most 20
	}
	now := s.clock.now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	n := s.org.setByID[id]
	if !found(w, n != nil) || !visible(w, s.roleOf(callerOf(r), n.flow)) {
		return
	}
	f := n.flow
	src := f.feedSource()
	var lastRun int64
	if done := f.completedRuns(now); len(done) > 0 {
		lastRun = done[len(done)-1].id
	}
	meta := func(i int, resType string, resID int64) obj {
		return obj{"sourceType": strings.ToUpper(src.connector), "ingestTime": now.UnixMilli() - int64(i)*1000,
			"sourceOffset": 1000 + i, "sourceKey": src.location, "topic": fmt.Sprintf("dataset-%d-source-%d", n.id, src.id),
			"resourceType": resType, "resourceId": resID, "trackerId": obj{"source": obj{"id": src.id}}, "eof": false,
			"lastModified": now.UnixMilli() - 3600000, "runId": lastRun, "tags": obj{}, "flow_type": f.flowType}
	}
	broken := f.scenario == "transform_error" && n == f.failSet
	out := make([]any, 0, count)
	for i := 0; i < int(count); i++ {
		rec := sampleRecord(n.schema, n.id, i, now)
		if fl["live"] && !withMeta {
			out = append(out, rec)
			continue
		}
		if n.parent == nil || fl["output_only"] {
			out = append(out, obj{"rawMessage": rec, "nexlaMetaData": meta(i, "SOURCE", src.id)})
			continue
		}
		in := sampleRecord(n.schema, n.parent.id, i, now)
		outRec := map[string]any{}
		for k, v := range in {
			outRec[k] = v
		}
		if broken && i%3 == 1 {
			in["amount"] = "N/A"
			outRec["amount"] = nil
			outRec["_nexla_error"] = "field 'amount': cannot convert 'N/A' to decimal"
		}
		out = append(out, obj{"input": obj{"rawMessage": in, "nexlaMetaData": meta(i, "DATASET", n.parent.id)},
			"output": obj{"rawMessage": outRec, "nexlaMetaData": meta(i, "DATASET", n.id)}})
	}
	writeJSON(w, http.StatusOK, out)
}
