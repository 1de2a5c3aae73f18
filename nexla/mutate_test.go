package nexla

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

// flowWithStatus is GET /flows/5: origin 5 (source 50) -> sink node 6 (sink 60).
func flowWithStatus(status string) string {
	return `{"flows":[{"id":5,"origin_node_id":5,"data_source_id":50,"status":"` + status + `",
	  "children":[{"id":6,"origin_node_id":5,"parent_node_id":5,"data_sink_id":60}]}],
	 "data_sources":[{"id":50,"status":"` + status + `"}],"data_sinks":[{"id":60,"status":"` + status + `"}]}`
}

// The answer was lost and the server had NOT applied the pause: the re-read
// shows it, so the pause is sent once more, and the note says so.
func TestLostAnswerNotAppliedIsSentOnceMore(t *testing.T) {
	s := newAPIServer(t)
	var puts atomic.Int32
	paused := atomic.Bool{}
	s.handle("PUT /flows/5/pause", func(w http.ResponseWriter, r *http.Request) {
		if puts.Add(1) == 1 {
			w.WriteHeader(http.StatusBadGateway) // the proxy lost it before the server
			return
		}
		paused.Store(true)
		jsonReply(200, flowWithStatus("PAUSED"))(w, r)
	})
	s.handle("GET /flows/5", func(w http.ResponseWriter, r *http.Request) {
		st := "ACTIVE"
		if paused.Load() {
			st = "PAUSED"
		}
		jsonReply(200, flowWithStatus(st))(w, r)
	})
	c, _ := newTestClient(t, s)
	fr, out, err := c.PauseFlow(context.Background(), 5, true)
	if err != nil || out.Recovery != Resent || !strings.Contains(out.Note, "not yet PAUSED: sent once more") {
		t.Fatalf("outcome %+v, err %v", out, err)
	}
	if puts.Load() != 2 || s.count("GET /flows/5") != 1 || fr.Flows[0].Status != StatusPaused {
		t.Fatalf("PUT %d times, GET %d times, flow %+v", puts.Load(), s.count("GET /flows/5"), fr)
	}
}

// Only part of the flow is paused (the sink is still active): not the wanted
// state, so the pause is sent again; both answers lost and still not paused:
// an error that says so, never a third attempt.
func TestTwoLostAnswersAndNotAppliedIsAnErrorNotAThirdAttempt(t *testing.T) {
	s := newAPIServer(t)
	s.handle("PUT /flows/5/pause", jsonReply(504, ""))
	s.handle("GET /flows/5", jsonReply(200, strings.Replace(flowWithStatus("PAUSED"), `{"id":60,"status":"PAUSED"}`, `{"id":60,"status":"ACTIVE"}`, 1)))
	c, _ := newTestClient(t, s, WithBreaker(100, 0))
	_, _, err := c.PauseFlow(context.Background(), 5, true)
	if KindOf(err) != KindServer || !strings.Contains(err.Error(), "not applied") || s.count("PUT /flows/5/pause") != 2 {
		t.Fatalf("err %v after %d PUTs", err, s.count("PUT /flows/5/pause"))
	}
}

// The re-read fails too: the outcome is unknown, and the error says what to
// check before trying again.
func TestLostAnswerAndFailedRereadIsAnUnknownOutcome(t *testing.T) {
	s := newAPIServer(t)
	s.handle("PUT /data_sources/7/activate", jsonReply(504, ""))
	s.handle("GET /data_sources/7", jsonReply(404, ""))
	c, _ := newTestClient(t, s, WithBreaker(100, 0))
	_, err := c.ActivateResource(context.Background(), DataSources, 7)
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	if !IsOutcomeUnknown(err) || s.count("PUT /data_sources/7/activate") != 1 ||
		!strings.Contains(msg, "PUT /data_sources/7/activate: outcome unknown: the answer was lost (HTTP 504)") ||
		!strings.Contains(msg, "check whether source 7 is ACTIVE before trying again") || s.count("GET /data_sources/7") != 1 {
		t.Fatalf("err %q after %d PUTs", msg, s.count("PUT /data_sources/7/activate"))
	}
}

// A 200 whose body is empty is still applied: never reported as a failure
// (which would invite a second activate), the result is re-read instead.
func TestAppliedMutationWithEmptyAnswerIsRereadNotFailed(t *testing.T) {
	s := newAPIServer(t)
	s.handle("PUT /flows/5/activate", jsonReply(200, ""))
	s.handle("GET /flows/5", jsonReply(200, flowWithStatus("ACTIVE")))
	c, _ := newTestClient(t, s)
	fr, out, err := c.ActivateFlow(context.Background(), 5, false)
	if err != nil || !strings.Contains(out.Note, "applied (200), but the answer was empty") || len(fr.Flows) != 1 ||
		s.count("PUT /flows/5/activate") != 1 {
		t.Fatalf("flow %+v, outcome %+v, err %v", fr, out, err)
	}
}

// A 429 without Retry-After gives no promise that the server did nothing
// useful to wait for: the mutation is not re-sent.
func TestMutation429WithoutRetryAfterIsNotResent(t *testing.T) {
	s := newAPIServer(t)
	s.handle("PUT /flows/5/pause", jsonReply(429, `{"message":"slow down"}`))
	c, _ := newTestClient(t, s)
	_, _, err := c.PauseFlow(context.Background(), 5, true)
	if KindOf(err) != KindRateLimit || s.count("PUT /flows/5/pause") != 1 {
		t.Fatalf("err %v after %d PUTs", err, s.count("PUT /flows/5/pause"))
	}
}

func TestFlowInStateSkipsOtherFlowsAndNeedsAStatus(t *testing.T) {
	fr := &FlowResponse{Flows: []FlowNode{{ID: 5, OriginNodeID: 5, Status: "PAUSED", Children: []FlowNode{
		{ID: 6, OriginNodeID: 5, DataSinkID: 60},
		{ID: 9, OriginNodeID: 9, SharedDataSetID: 70, Status: "ACTIVE"}, // another user's flow
	}}}, DataSinks: []Destination{{Common: Common{ID: 60, Status: "PAUSED"}}}}
	if ok, err := flowInState(fr, 6, true, StatusPaused); !ok || err != nil {
		t.Fatalf("whole flow paused: %v %v", ok, err)
	}
	fr.DataSinks[0].Status = "ACTIVE"
	if ok, _ := flowInState(fr, 5, true, StatusPaused); ok {
		t.Fatal("an active sink is not a paused flow")
	}
	if _, err := flowInState(fr, 77, false, StatusPaused); err == nil {
		t.Fatal("a node missing from the re-read settles nothing")
	}
	fr.Flows[0].Status = ""
	if _, err := flowInState(fr, 5, false, StatusPaused); err == nil {
		t.Fatal("a start node without status settles nothing")
	}
}
