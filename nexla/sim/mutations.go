package sim

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Mutation is one mutating request the simulator received (GET
// /__sim/mutations): whether it was applied and what became of its answer.
type Mutation struct {
	Seq    int64     `json:"seq"`
	Method string    `json:"method"`
	Path   string    `json:"path"`
	Time   time.Time `json:"time"` // sim clock
	// Status is what the API handler answered (0 when the request never
	// reached it: refused by a fault, dropped).
	Status  int    `json:"status"`
	Applied bool   `json:"applied"` // the handler answered 2xx
	Answer  string `json:"answer"`  // "delivered", "429 storm (refused)", "504 after applying", ...
}

// maxMutations bounds the record; the oldest entries go first.
const maxMutations = 10000

// mutationLog is the record; the zero value is ready.
type mutationLog struct {
	mu      sync.Mutex
	seq     int64
	entries []Mutation
}

func (l *mutationLog) add(m Mutation) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seq++
	m.Seq = l.seq
	if len(l.entries) == maxMutations {
		l.entries = append(l.entries[:0], l.entries[1:]...)
	}
	l.entries = append(l.entries, m)
}

// Mutations lists the recorded mutating requests with Seq > since, oldest
// first (the last 10,000 are kept).
func (s *Sim) Mutations(since int64) []Mutation {
	l := &s.drill.mutations
	l.mu.Lock()
	defer l.mu.Unlock()
	out := []Mutation{}
	for _, m := range l.entries {
		if m.Seq > since {
			out = append(out, m)
		}
	}
	return out
}

// ClearMutations empties the record (sequence numbers keep counting).
func (s *Sim) ClearMutations() {
	l := &s.drill.mutations
	l.mu.Lock()
	l.entries = nil
	l.mu.Unlock()
}

// mutationNote travels in a mutating request's context so the fault and
// drill code can say what they did with it.
type mutationNote struct {
	status  int
	applied bool
	answer  string
	// save stores the entry, once: before the first byte of the answer or
	// the drop reaches the client, so a client that reads the record right
	// after its call finds the call in it.
	once sync.Once
	save func(delivered int)
}

func (n *mutationNote) commit(delivered int) { n.once.Do(func() { n.save(delivered) }) }

type noteKey struct{}

func noteOf(r *http.Request) *mutationNote {
	n, _ := r.Context().Value(noteKey{}).(*mutationNote)
	return n
}

// noteAnswer records what a fault did to a mutating request (no-op for others).
func noteAnswer(r *http.Request, answer string) {
	if n := noteOf(r); n != nil {
		n.answer = answer
	}
}

// commitNote stores r's entry now (before a drop).
func commitNote(r *http.Request) {
	if n := noteOf(r); n != nil {
		n.commit(0)
	}
}

// recordMutations wraps the API: every mutating request ends up in the record.
func (s *Sim) recordMutations(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/__sim/") || !isMutation(r) {
			next.ServeHTTP(w, r)
			return
		}
		m := Mutation{Method: r.Method, Path: apiPath(r.URL.Path), Time: s.clock.now()}
		n := &mutationNote{}
		n.save = func(delivered int) {
			m.Status, m.Applied, m.Answer = n.status, n.applied, n.answer
			if m.Answer == "" {
				// Answered as it came: by the API (2xx = applied) or refused
				// before it (401, unknown route).
				m.Answer, m.Status = "delivered", delivered
				m.Applied = delivered >= 200 && delivered < 300
			}
			s.drill.mutations.add(m)
		}
		// Also on http.ErrAbortHandler (a drop without hijack), and when the
		// client went away during a stall.
		defer n.commit(0)
		sw := &statusWriter{ResponseWriter: w, note: n}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), noteKey{}, n)))
	})
}

// apiPath drops the /nexla-api prefix real deployments carry.
func apiPath(p string) string {
	if rest, ok := strings.CutPrefix(p, "/nexla-api"); ok && (rest == "" || rest[0] == '/') {
		return rest
	}
	return p
}

// serveAPI runs the API handler. For a mutating request matching a
// lose_answers rule, the handler runs into a buffer (the change is applied),
// then the answer is lost as the rule says; if the handler did not apply
// (non-2xx) its answer is delivered unchanged.
func (s *Sim) serveAPI(api http.Handler, w http.ResponseWriter, r *http.Request) {
	rule, lose := s.loseRule(r)
	if !lose {
		api.ServeHTTP(w, r)
		return
	}
	n := noteOf(r)
	buf := &bufferedWriter{header: http.Header{}}
	api.ServeHTTP(buf, r)
	if n != nil {
		n.status, n.applied = buf.status, buf.status >= 200 && buf.status < 300
	}
	if buf.status < 200 || buf.status >= 300 || !s.spendRule(rule) {
		buf.copyTo(w)
		return
	}
	s.count("lost_answer")
	switch rule.Mode {
	case Lose504:
		noteAnswer(r, "504 after applying")
		writeMessage(w, http.StatusGatewayTimeout, "Request did not complete due to a service timeout")
	case LoseDrop:
		noteAnswer(r, "dropped after applying")
		dropConnection(w, r)
	case LoseStall:
		d := rule.Stall
		if d <= 0 {
			d = DefaultStall
		}
		select {
		case <-time.After(d):
			noteAnswer(r, "stalled "+d.String()+" after applying, then delivered")
			buf.copyTo(w)
		case <-r.Context().Done():
			noteAnswer(r, "stalled after applying; the client gave up")
		}
	}
}

// dropConnection closes the client's connection without an answer.
func dropConnection(w http.ResponseWriter, r *http.Request) {
	commitNote(r)
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		_ = conn.Close()
		return
	}
	// No hijack (HTTP/2, a recorder): abort the handler, which resets the stream.
	panic(http.ErrAbortHandler)
}

// statusWriter stores the mutation's entry as its answer starts.
type statusWriter struct {
	http.ResponseWriter
	note *mutationNote
}

func (w *statusWriter) WriteHeader(code int) {
	w.note.commit(code)
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	w.note.commit(http.StatusOK)
	return w.ResponseWriter.Write(p)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// bufferedWriter holds an answer that may never be sent.
type bufferedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header { return b.header }

func (b *bufferedWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

func (b *bufferedWriter) copyTo(w http.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	if b.status == 0 {
		b.status = http.StatusOK
	}
	w.Header().Set("Content-Length", strconv.Itoa(b.body.Len()))
	w.WriteHeader(b.status)
	_, _ = w.Write(b.body.Bytes())
}
