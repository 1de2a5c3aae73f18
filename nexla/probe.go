package nexla

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
)

// ProbeCredential is GET /data_credentials/{id}/probe: does the credential
// still open its system?
//
// The rule that separates a failed probe from a failed call:
//   - 2xx: the probe ran. An empty body is success; a JSON body whose
//     "status" is a number >= 400 is a failure (ProbeController variant).
//   - non-2xx WITH a JSON object body carrying "status" or "message": the
//     server passes the probed system's answer through (e.g. 403 {"status":
//     403, "message": "Access denied"}), so this is a ProbeResult with
//     OK=false and no error. A 401 of that shape does not re-token either.
//   - non-2xx with an empty or non-JSON body (our session's 401, a 404 for an
//     unknown credential, a proxy's 502 page): an *APIError, as for any call.
//   - 429, whatever its body: the API throttling us (retried like any call),
//     never evidence against the credential.
func (c *Client) ProbeCredential(ctx context.Context, id int64) (*ProbeResult, error) {
	path := pathf("/data_credentials/%d/probe", id)
	if err := checkID(http.MethodGet, path, id); err != nil {
		return nil, err
	}
	r := request{method: http.MethodGet, path: path, retry: true, probe: true}
	resp, err := c.send(ctx, r)
	if err != nil {
		return nil, err
	}
	body := bytes.TrimSpace(resp.body)
	var pb struct {
		Status  json.RawMessage `json:"status"`
		Message json.RawMessage `json:"message"`
		Error   json.RawMessage `json:"error"`
	}
	isJSON := len(body) > 0 && body[0] == '{' && json.Unmarshal(body, &pb) == nil
	res := &ProbeResult{OK: resp.ok(), HTTPStatus: resp.status}
	if isJSON {
		res.Message = clip(c.scrubbed(firstText(pb.Message, pb.Error)), 500)
		if n, err := strconv.Atoi(rawText(pb.Status)); err == nil && n >= 400 {
			res.OK, res.HTTPStatus = false, n
		}
	}
	if resp.ok() {
		if res.OK && res.Message == "" {
			res.Message = "credential probe succeeded"
		}
		return res, nil
	}
	passthrough := resp.status != http.StatusTooManyRequests
	if passthrough && isJSON && (len(pb.Status) > 0 || len(pb.Message) > 0 || len(pb.Error) > 0) {
		return res, nil
	}
	return nil, c.apiError(r, resp)
}

// probeEnvelope is the answer of probe/tree and probe/sample.
type probeEnvelope struct {
	Status         json.RawMessage `json:"status"`
	Message        string          `json:"message"`
	ConnectionType string          `json:"connection_type"`
	Output         json.RawMessage `json:"output"`
	Object         json.RawMessage `json:"object"`
}

// probePost runs a probe POST. It reads, never changes, so a read-only
// client allows it; it is not retried (it is not one of the idempotent verbs
// the retry policy covers). Non-2xx answers are *APIErrors carrying the
// probed system's message.
func (c *Client) probePost(ctx context.Context, id int64, what string, body any) (*probeEnvelope, error) {
	path := pathf("/data_credentials/%d/probe/%s", id, what)
	if err := checkID(http.MethodPost, path, id); err != nil {
		return nil, err
	}
	var pe probeEnvelope
	if _, err := c.call(ctx, request{method: http.MethodPost, path: path, body: body, probe: true}, &pe); err != nil {
		return nil, err
	}
	return &pe, nil
}

// ProbeTree is POST /data_credentials/{id}/probe/tree: the storage structure
// (buckets/paths or databases/tables) as a nested object of names. The docs
// call the field "output", the SDK "object": both are read.
func (c *Client) ProbeTree(ctx context.Context, id int64, req ProbeTreeRequest) (*ProbeTree, error) {
	if req.Depth <= 0 {
		req.Depth = 1
	}
	pe, err := c.probePost(ctx, id, "tree", req)
	if err != nil {
		return nil, err
	}
	tree := pe.Output
	if len(bytes.TrimSpace(tree)) == 0 || string(bytes.TrimSpace(tree)) == "null" {
		tree = pe.Object
	}
	return &ProbeTree{Status: rawText(pe.Status), Message: pe.Message, ConnectionType: pe.ConnectionType, Tree: tree}, nil
}

// ProbeSample is POST /data_credentials/{id}/probe/sample: a preview of a
// file (Path) or of what a connector config (Extra) would read.
func (c *Client) ProbeSample(ctx context.Context, id int64, req ProbeSampleRequest) (*ProbeSample, error) {
	body := make(map[string]any, len(req.Extra)+1)
	for k, v := range req.Extra {
		body[k] = v
	}
	if req.Path != "" {
		body["path"] = req.Path
	}
	pe, err := c.probePost(ctx, id, "sample", body)
	if err != nil {
		return nil, err
	}
	ps := &ProbeSample{Status: rawText(pe.Status), Message: pe.Message, ConnectionType: pe.ConnectionType}
	if len(bytes.TrimSpace(pe.Output)) > 0 {
		_ = json.Unmarshal(pe.Output, &ps.Output) // a non-object output leaves it empty
	}
	return ps, nil
}

// NexsetSamples is GET /data_sets/{id}/samples. Three body shapes are read:
// [{rawMessage, nexlaMetaData}], [{input: {...}, output: {...}}] for derived
// nexsets (Record is then the output), and bare records (live, no metadata).
func (c *Client) NexsetSamples(ctx context.Context, id int64, o SampleOptions) ([]Sample, error) {
	path := pathf("/data_sets/%d/samples", id)
	if err := checkID(http.MethodGet, path, id); err != nil {
		return nil, err
	}
	q := url.Values{}
	setPositive(q, "count", o.Count)
	// include_metadata defaults to true on the server: always say what we want.
	q.Set("include_metadata", boolParam(o.IncludeMetadata))
	if o.Live {
		q.Set("live", "1")
	}
	if o.OutputOnly {
		q.Set("output_only", "1")
	}
	return getEach(ctx, c, path, q, decodeSample)
}

func boolParam(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// decodeSample classifies one sample element (see NexsetSamples).
func decodeSample(raw json.RawMessage) Sample {
	raw = bytes.TrimSpace(raw)
	var probe struct {
		Input      json.RawMessage `json:"input"`
		Output     json.RawMessage `json:"output"`
		RawMessage json.RawMessage `json:"rawMessage"`
		Meta       json.RawMessage `json:"nexlaMetaData"`
	}
	if len(raw) == 0 || raw[0] != '{' || json.Unmarshal(raw, &probe) != nil {
		return Sample{Record: SampleRecord{RawMessage: append(json.RawMessage(nil), raw...)}}
	}
	if probe.Input != nil || probe.Output != nil {
		s := Sample{Input: sampleRecord(probe.Input), Output: sampleRecord(probe.Output)}
		if s.Output != nil {
			s.Record = *s.Output
		} else if s.Input != nil {
			s.Record = *s.Input
		}
		return s
	}
	if probe.RawMessage != nil {
		return Sample{Record: SampleRecord{RawMessage: probe.RawMessage, NexlaMetaData: probe.Meta}}
	}
	return Sample{Record: SampleRecord{RawMessage: append(json.RawMessage(nil), raw...)}}
}

// sampleRecord reads {rawMessage, nexlaMetaData}, or a bare record.
func sampleRecord(raw json.RawMessage) *SampleRecord {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var r SampleRecord
	if raw[0] == '{' && json.Unmarshal(raw, &r) == nil && r.RawMessage != nil {
		return &r
	}
	return &SampleRecord{RawMessage: raw}
}
