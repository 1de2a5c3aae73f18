package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// Admin endpoints live under /__sim/, a path no Nexla client uses. They need
// no token and never see injected faults, so a test can always reach them.
//
//	GET    /__sim/faults            current faults (JSON Faults, durations in ns)
//	PUT    /__sim/faults            replace all faults; durations may be strings ("250ms")
//	PATCH  /__sim/faults            change only the fields given (nested objects merge;
//	                                a list such as lose_answers is replaced whole)
//	GET    /__sim/mutations?since=N mutating requests received after seq N, oldest first
//	DELETE /__sim/mutations         empty the mutation record
//	GET    /__sim/counts            FaultCounts
//	POST   /__sim/advance?d=1h      move the sim clock
//	GET    /__sim/now               {"now": "..."}
//	GET    /__sim/scenarios         Scenarios
//	GET    /__sim/flows/{id}/status {"id", "status"}
//	POST   /__sim/tokens/expire     invalidate every token
func (s *Sim) adminRoutes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /__sim/faults", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.currentFaults())
	})
	setFaults := func(patch bool) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			b, err := io.ReadAll(io.LimitReader(r.Body, 1<<16))
			if err != nil {
				badParam(w, "cannot read body")
				return
			}
			// One patch at a time: two concurrent PATCHes must not each
			// start from the same old faults and drop the other's change.
			s.adminMu.Lock()
			defer s.adminMu.Unlock()
			base := Faults{}
			if patch {
				base = s.currentFaults()
			}
			f, err := decodeFaults(b, base)
			if err == nil {
				err = s.SetFaults(f)
			}
			if err != nil {
				badParam(w, "%v", err)
				return
			}
			writeJSON(w, http.StatusOK, f)
		}
	}
	mux.HandleFunc("PUT /__sim/faults", setFaults(false))
	mux.HandleFunc("PATCH /__sim/faults", setFaults(true))
	mux.HandleFunc("GET /__sim/mutations", func(w http.ResponseWriter, r *http.Request) {
		var since int64
		if v := r.URL.Query().Get("since"); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				badParam(w, "since must be a sequence number (0 or more)")
				return
			}
			since = n
		}
		writeJSON(w, http.StatusOK, obj{"mutations": s.Mutations(since)})
	})
	mux.HandleFunc("DELETE /__sim/mutations", func(w http.ResponseWriter, r *http.Request) {
		s.ClearMutations()
		writeEmpty(w, http.StatusOK)
	})
	mux.HandleFunc("GET /__sim/counts", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.FaultCounts())
	})
	mux.HandleFunc("POST /__sim/advance", func(w http.ResponseWriter, r *http.Request) {
		d, err := time.ParseDuration(r.URL.Query().Get("d"))
		if err != nil || d <= 0 {
			badParam(w, "d must be a positive duration such as 90s or 1h")
			return
		}
		s.Advance(d)
		writeJSON(w, http.StatusOK, obj{"now": isoTime(s.Now())})
	})
	mux.HandleFunc("GET /__sim/now", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, obj{"now": isoTime(s.Now())})
	})
	mux.HandleFunc("GET /__sim/scenarios", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, s.Scenarios())
	})
	mux.HandleFunc("GET /__sim/flows/{id}/status", func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		st := ""
		if err == nil {
			st = s.FlowStatus(id)
		}
		if st == "" {
			writeEmpty(w, http.StatusNotFound)
			return
		}
		writeJSON(w, http.StatusOK, obj{"id": id, "status": st})
	})
	mux.HandleFunc("POST /__sim/tokens/expire", func(w http.ResponseWriter, r *http.Request) {
		s.ExpireTokens()
		writeEmpty(w, http.StatusOK)
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern == "" {
			writeEmpty(w, http.StatusNotFound)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// currentFaults is a copy of the faults that shares no memory with them.
func (s *Sim) currentFaults() Faults {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	f := s.faults
	f.LoseAnswers = slices.Clone(f.LoseAnswers)
	f.Refuse = slices.Clone(f.Refuse)
	return f
}

// durationKeys are the Faults fields (at any depth) that hold durations.
var durationKeys = map[string]bool{"latency_fixed": true, "latency_jitter": true, "retry_after": true,
	"slow_body": true, "every": true, "for": true, "start": true, "delay": true, "stall": true}

// decodeFaults reads a Faults JSON onto base: the fields given replace
// base's, nested objects merge, the rest of base stays (PUT passes zero
// Faults, PATCH the current ones). Durations are nanoseconds or Go duration
// strings ("250ms"); an unknown field is an error, not silently ignored.
func decodeFaults(b []byte, base Faults) (Faults, error) {
	var raw any
	if err := json.Unmarshal(b, &raw); err != nil {
		return Faults{}, err
	}
	if _, ok := raw.(map[string]any); !ok {
		return Faults{}, errors.New("faults must be a JSON object")
	}
	if err := normalizeDurations(raw); err != nil {
		return Faults{}, err
	}
	norm, err := json.Marshal(raw)
	if err != nil {
		return Faults{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(norm))
	dec.DisallowUnknownFields()
	f := base
	if err := dec.Decode(&f); err != nil {
		return Faults{}, err
	}
	return f, nil
}

// normalizeDurations turns duration strings into nanoseconds in place.
func normalizeDurations(v any) error {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if str, ok := val.(string); ok && durationKeys[k] {
				d, err := time.ParseDuration(str)
				if err != nil {
					return fmt.Errorf("%s: %v", k, err)
				}
				t[k] = int64(d)
				continue
			}
			if err := normalizeDurations(val); err != nil {
				return err
			}
		}
	case []any:
		for _, e := range t {
			if err := normalizeDurations(e); err != nil {
				return err
			}
		}
	}
	return nil
}
