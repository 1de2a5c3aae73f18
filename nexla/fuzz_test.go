package nexla

import (
	"encoding/json"
	"testing"
)

// FuzzDecoders feeds arbitrary bytes to every tolerant decoder: none may
// panic, whatever a server (or a proxy in front of it) sends. Seeds live in
// testdata/fuzz/FuzzDecoders.
func FuzzDecoders(f *testing.F) {
	f.Add([]byte(flowBody))
	f.Add([]byte(`{"data":{"1":{"data_sources":[]}},"meta":{"pageCount":"x"}}`))
	f.Add([]byte(`[{"input":{"rawMessage":1},"output":null},"x",{"rawMessage":{}}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = decodeSample(b)
		_, _ = decodeLogs("GET", "/x", b)
		var al accessorList
		_ = json.Unmarshal(b, &al)
		var fr FlowResponse
		_ = json.Unmarshal(b, &fr)
		var src []Source
		_ = json.Unmarshal(b, &src)
		var ns Nexset
		_ = json.Unmarshal(b, &ns)
		var tm Time
		_ = tm.UnmarshalJSON(b)
		var pm PageMeta
		_ = pm.UnmarshalJSON(b)
		var ref IDRef
		_ = ref.UnmarshalJSON(b)
		var cu CurrentUser
		_ = json.Unmarshal(b, &cu)
		c := &Client{auth: newAuthState("k", ""), clock: realClock{}}
		_ = c.apiError(request{method: "GET", path: "/x"}, &response{status: 400, body: b})
	})
}
