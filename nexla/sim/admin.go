package sim

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"
)

// Admin endpoints live under /__sim/, a path no Nexla client uses. They need
// no token and never see injected faults, so a test can always reach them.
//
//	GET  /__sim/faults            current faults (JSON Faults, durations in ns)
//	PUT  /__sim/faults            replace faults; durations may be strings ("250ms")
//	GET  /__sim/counts            FaultCounts
//	POST /__sim/advance?d=1h      move the sim clock
//	GET  /__sim/now               {"now": "..."}
//	GET  /__sim/scenarios         Scenarios
//	GET  /__sim/flows/{id}/status {"id", "status"}
//	POST /__sim/tokens/expire     invalidate every token
func (s *Sim) adminRoutes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /__sim/faults", func(w http.ResponseWriter, r *http.Request) {
		s.faultMu.Lock()
		f := s.faults
		s.faultMu.Unlock()
		writeJSON(w, http.StatusOK, f)
	})
	mux.HandleFunc("PUT /__sim/faults", func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(io.LimitReader(r.Body, 1<<16))
		if err != nil {
			badParam(w, "cannot read body")
			return
		}
		f, err := decodeFaults(b)
		if err == nil {
			err = s.SetFaults(f)
		}
		if err != nil {
			badParam(w, "%v", err)
			return
		}
		writeJSON(w, http.StatusOK, f)
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

// decodeFaults reads a Faults JSON whose durations are nanoseconds or
// Go duration strings.
func decodeFaults(b []byte) (Faults, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return Faults{}, err
	}
	var f Faults
	dur := func(key string, into *time.Duration) error {
		v, ok := raw[key]
		if !ok {
			return nil
		}
		var s string
		if json.Unmarshal(v, &s) == nil {
			d, err := time.ParseDuration(s)
			if err != nil {
				return err
			}
			*into = d
			return nil
		}
		var n int64
		if err := json.Unmarshal(v, &n); err != nil {
			return err
		}
		*into = time.Duration(n)
		return nil
	}
	for key, into := range map[string]*time.Duration{"latency_fixed": &f.LatencyFixed, "latency_jitter": &f.LatencyJitter, "retry_after": &f.RetryAfter, "slow_body": &f.SlowBody} {
		if err := dur(key, into); err != nil {
			return Faults{}, err
		}
	}
	for key, into := range map[string]*float64{"error_rate": &f.ErrorRate, "drop_rate": &f.DropRate} {
		if v, ok := raw[key]; ok {
			if err := json.Unmarshal(v, into); err != nil {
				return Faults{}, err
			}
		}
	}
	for key, into := range map[string]*int{"burst_429": &f.Burst429, "metrics_status": &f.MetricsStatus} {
		if v, ok := raw[key]; ok {
			if err := json.Unmarshal(v, into); err != nil {
				return Faults{}, err
			}
		}
	}
	return f, nil
}
