package sim

import (
	"fmt"
	"net/http"
	"path"
	"slices"
	"strconv"
)

// Refusal is a drill that fails chosen requests before the API sees them:
// "the pause of flow 800123 answers 500" while every other call works, so a
// bulk change can be tested with exactly one item failing. Nothing is
// applied; the mutation record notes the refusal.
type Refusal struct {
	Status int    `json:"status"` // 400..599
	Method string `json:"method"` // "" = any method
	Path   string `json:"path"`   // path.Match pattern such as /flows/800123/pause; "" = any path
	Count  int    `json:"count"`  // refuse only the next Count matching requests; 0 = no limit
}

func validateRefusals(rs []Refusal) error {
	for i, r := range rs {
		switch {
		case r.Status < 400 || r.Status > 599:
			return fmt.Errorf("refuse[%d]: status %d: want 400..599", i, r.Status)
		case r.Count < 0:
			return fmt.Errorf("refuse[%d]: count must not be negative", i)
		}
		if _, err := path.Match(r.Path, ""); err != nil {
			return fmt.Errorf("refuse[%d]: path pattern %q: %v", i, r.Path, err)
		}
	}
	return nil
}

func (rf Refusal) matches(r *http.Request) bool { return requestMatches(r, rf.Method, rf.Path) }

// refusalLocked picks and spends the refusal for r, if any. It runs with
// faultMu held; the slice is replaced, never written in place (GET
// /__sim/faults may be reading a copy's backing array).
func (s *Sim) refusalLocked(r *http.Request) (int, bool) {
	for i, rf := range s.faults.Refuse {
		if !rf.matches(r) {
			continue
		}
		if rf.Count > 0 {
			rules := slices.Clone(s.faults.Refuse)
			if rules[i].Count--; rules[i].Count == 0 {
				rules = slices.Delete(rules, i, i+1)
			}
			s.faults.Refuse = rules
		}
		return rf.Status, true
	}
	return 0, false
}

// refuse answers a refused request as the server's error handler would.
func (s *Sim) refuse(w http.ResponseWriter, r *http.Request, status int) {
	s.count("refused")
	noteAnswer(r, strconv.Itoa(status)+" (refused before applying)")
	msg := http.StatusText(status)
	if status >= 500 {
		msg = "Oops, something went wrong. Please try again later."
	}
	writeMessage(w, status, msg)
}
