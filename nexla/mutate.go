package nexla

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// Recovery says how a mutating call reached its result.
type Recovery int

const (
	// Answered: the server's answer arrived; nothing was recovered.
	Answered Recovery = iota
	// ConfirmedByReread: the answer was lost; re-reading the resource showed
	// the change in place, so it was not sent again.
	ConfirmedByReread
	// Resent: the answer was lost and re-reading showed the change missing,
	// so it was sent once more.
	Resent
)

// Outcome is what a mutating call leaves for the user besides its result.
// Note is empty when the server simply answered; otherwise it says what was
// lost and how the client made sure (the TUI's toast and the CLI print it).
type Outcome struct {
	Recovery Recovery
	Note     string
}

// String is the note, ready to print after the action's own message.
func (o Outcome) String() string { return o.Note }

// mutation is one non-idempotent call and the read that tells whether it
// took effect.
type mutation struct {
	req request
	// what names the target for notes: "flow 5", "data source 7".
	what string
	// wanted is the state the call asks for, as read back: "PAUSED".
	wanted string
	// check re-reads the target: is the wanted state there? It fills the
	// call's result from what it read.
	check func(ctx context.Context) (bool, error)
}

// mutate sends m once. When the answer is lost after the server may have
// acted (502/503/504, a dropped connection, no answer in time) the call is
// never re-sent blindly: the target is re-read; in the wanted state -> done;
// not -> sent once more; the re-read failing -> KindOutcomeUnknown, saying
// what to check. out receives a 2xx JSON answer (or stays as check left it).
func (c *Client) mutate(ctx context.Context, m mutation, out any) (Outcome, error) {
	resp, reached, err := c.exchange(ctx, m.req)
	lost := lostAnswer(resp, reached, err)
	if lost == "" {
		return c.answered(ctx, m, resp, err, out, Outcome{})
	}
	c.log.Info("mutation answer lost: re-reading", "method", m.req.method, "path", m.req.path, "lost", lost)
	done, rerr := m.check(ctx)
	switch {
	case rerr != nil:
		return Outcome{}, c.outcomeUnknown(m, lost, rerr)
	case done:
		return Outcome{Recovery: ConfirmedByReread,
			Note: "applied; the answer was lost (" + lost + "), confirmed by re-reading " + m.what}, nil
	}
	resent := Outcome{Recovery: Resent, Note: "the answer was lost (" + lost + ") and re-reading showed " +
		m.what + " not yet " + m.wanted + ": sent once more"}
	resp, reached, err = c.exchange(ctx, m.req)
	lost2 := lostAnswer(resp, reached, err)
	if lost2 == "" {
		return c.answered(ctx, m, resp, err, out, resent)
	}
	done, rerr = m.check(ctx)
	switch {
	case rerr != nil:
		return Outcome{}, c.outcomeUnknown(m, lost+", then "+lost2, rerr)
	case done:
		resent.Note += "; that answer was lost too (" + lost2 + "), applied, confirmed by re-reading"
		return resent, nil
	}
	return Outcome{}, &APIError{Kind: KindServer, Method: m.req.method, Path: m.req.path,
		Message: "not applied: the answers to two attempts were lost (" + lost + ", " + lost2 + ") and re-reading shows " +
			m.what + " still not " + m.wanted + "; try again when the API recovers"}
}

// answered finishes a mutation whose answer arrived: an error status is the
// call's error; a 2xx is applied. A 2xx whose body cannot be read is still
// applied, so it is never reported as a failure (that would invite a second
// attempt): the result is re-read instead, and the note says so.
func (c *Client) answered(ctx context.Context, m mutation, resp *response, err error, out any, o Outcome) (Outcome, error) {
	if err != nil {
		return Outcome{}, err
	}
	if !resp.ok() {
		return Outcome{}, c.apiError(m.req, resp)
	}
	if out == nil || decodeJSONBody(resp.body, out) == nil {
		return o, nil
	}
	note := "applied (" + strconv.Itoa(resp.status) + "), but the answer was empty or unreadable: "
	if _, rerr := m.check(ctx); rerr != nil {
		note += "re-reading " + m.what + " failed too; reload to see its state"
	} else {
		note += m.what + " was re-read"
	}
	if o.Note != "" {
		o.Note += "; " + note
	} else {
		o.Note = note
	}
	return o, nil
}

// lostAnswer describes why a mutation's answer is lost after it may have
// been applied, or is "" when there is an answer (or the request never left).
func lostAnswer(resp *response, reached bool, err error) string {
	if err != nil {
		if !reached {
			return ""
		}
		if ae, ok := err.(*APIError); ok && ae.Message != "" {
			return ae.Message
		}
		return "no answer"
	}
	if resp.status >= 502 && resp.status <= 504 {
		return "HTTP " + strconv.Itoa(resp.status)
	}
	return ""
}

func (c *Client) outcomeUnknown(m mutation, lost string, rerr error) error {
	return &APIError{Kind: KindOutcomeUnknown, Method: m.req.method, Path: m.req.path, Err: rerr,
		Message: fmt.Sprintf("outcome unknown: the answer was lost (%s) and re-reading %s failed (%s); check whether %s is %s before trying again",
			lost, m.what, c.scrubbed(rerr.Error()), m.what, m.wanted)}
}

// reread GETs path into out for a mutation's check: a read that retries any
// 5xx, since giving up here turns a lost answer into an unknown outcome.
func (c *Client) reread(ctx context.Context, path string, out any) error {
	_, err := c.call(ctx, request{method: http.MethodGet, path: path, retry: true, insist: true}, out)
	return err
}

// decodeJSONBody reads a JSON answer into out. An empty body or a bare null
// is an error: it would decode as an empty list or org (never false calm).
func decodeJSONBody(body []byte, out any) error {
	b := bytes.TrimSpace(body)
	if len(b) == 0 || string(b) == "null" {
		return errEmptyAnswer
	}
	return json.Unmarshal(b, out)
}
