package sim

import (
	"net/http"
	"strconv"
	"time"
)

// injectFaults applies the configured faults to one request, in the order a
// real outage shows them: the connection drops, the request waits (latency,
// then a scheduled spike), a 429 (burst or scheduled storm), a 5xx. It
// returns false when it has answered (or dropped) already; a refused
// mutation is noted in the mutation record as not applied.
func (s *Sim) injectFaults(w http.ResponseWriter, r *http.Request) bool {
	s.faultMu.Lock()
	f := s.faults
	storm, spike := s.scheduledLocked(f, s.clock.tokenNow())
	drop := f.DropRate > 0 && s.rng.Float64() < f.DropRate
	var wait time.Duration
	if f.LatencyFixed > 0 || f.LatencyJitter > 0 {
		wait = f.LatencyFixed
		if f.LatencyJitter > 0 {
			wait += time.Duration(s.rng.Int64N(int64(f.LatencyJitter) + 1))
		}
	}
	burst := false
	if !drop && s.faults.Burst429 > 0 {
		s.faults.Burst429--
		burst = true
	}
	fail := !drop && !burst && !storm && f.ErrorRate > 0 && s.rng.Float64() < f.ErrorRate
	refusal := 0
	if !drop && !burst && !storm && !fail {
		refusal, _ = s.refusalLocked(r)
	}
	failStatus := []int{500, 502, 503, 504}[s.rng.IntN(4)]
	s.faultMu.Unlock()

	if drop {
		s.count("drop")
		noteAnswer(r, "dropped before applying")
		dropConnection(w, r)
		return false
	}
	if wait > 0 {
		s.count("latency")
	}
	if spike > 0 {
		s.count("latency_spike")
		wait += spike
	}
	if wait > 0 {
		select {
		case <-time.After(wait):
		case <-r.Context().Done():
			noteAnswer(r, "the client gave up during injected latency, before applying")
			return false
		}
	}
	if burst || storm {
		s.count("429")
		if storm {
			s.count("storm_429")
		}
		secs := int((f.RetryAfter + time.Second - 1) / time.Second)
		if f.RetryAfter == 0 {
			secs = 1
		}
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		noteAnswer(r, "429 (refused before applying)")
		writeMessage(w, http.StatusTooManyRequests, "Too many requests: rate limit exceeded, retry later")
		return false
	}
	if refusal != 0 {
		s.refuse(w, r, refusal)
		return false
	}
	if fail {
		s.count("5xx")
		msg := "Oops, something went wrong. Please try again later."
		if failStatus == http.StatusGatewayTimeout {
			msg = "Request did not complete due to a service timeout"
		}
		noteAnswer(r, strconv.Itoa(failStatus)+" (refused before applying)")
		writeMessage(w, failStatus, msg)
		return false
	}
	return true
}

// slowWriter stretches bodies over the configured SlowBody duration.
func (s *Sim) slowWriter(w http.ResponseWriter) http.ResponseWriter {
	s.faultMu.Lock()
	d := s.faults.SlowBody
	s.faultMu.Unlock()
	if d <= 0 {
		return w
	}
	return &slowBody{ResponseWriter: w, total: d, sim: s}
}

type slowBody struct {
	http.ResponseWriter
	total   time.Duration
	sim     *Sim
	counted bool
}

const slowChunks = 8

func (b *slowBody) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if !b.counted {
		b.counted = true
		b.sim.count("slow_body")
	}
	rc := http.NewResponseController(b.ResponseWriter)
	step := (len(p) + slowChunks - 1) / slowChunks
	written := 0
	for written < len(p) {
		end := min(written+step, len(p))
		n, err := b.ResponseWriter.Write(p[written:end])
		written += n
		if err != nil {
			return written, err
		}
		_ = rc.Flush()
		if written < len(p) {
			time.Sleep(b.total / slowChunks)
		}
	}
	return written, nil
}

func (b *slowBody) Unwrap() http.ResponseWriter { return b.ResponseWriter }
