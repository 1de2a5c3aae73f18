package runbook

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// Normalisers, applied in order: the most specific shapes first so a UUID is
// not half-eaten by the hex or number rules.
var normalisers = []struct {
	re    *regexp.Regexp
	with  string
	mixed bool // replace only matches that mix digits and letters
}{
	{regexp.MustCompile(`(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`), "<uuid>", false},
	{regexp.MustCompile(`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?`), "<ts>", false},
	{regexp.MustCompile(`'[^']*'`), "'<v>'", false},
	{regexp.MustCompile(`"[^"]*"`), `"<v>"`, false},
	{regexp.MustCompile(`(?i)\b0x[0-9a-f]+\b`), "<hex>", false},
	{regexp.MustCompile(`\b[0-9a-fA-F]{8,}\b`), "<hex>", true},
	{regexp.MustCompile(`\d+(\.\d+)?`), "<n>", false},
}

// Normalize reduces a log line to its shape: ids, numbers, timestamps, hex
// strings, UUIDs and quoted values are replaced by placeholders, so two runs'
// lines compare equal when only those differ.
func Normalize(line string) string {
	s := strings.TrimSpace(line)
	for _, n := range normalisers {
		if n.mixed {
			s = n.re.ReplaceAllStringFunc(s, func(m string) string {
				if strings.IndexAny(m, "0123456789") < 0 || strings.IndexAny(m, "abcdefABCDEF") < 0 {
					return m // a plain word or a plain number
				}
				return n.with
			})
			continue
		}
		s = n.re.ReplaceAllString(s, n.with)
	}
	return strings.Join(strings.Fields(s), " ")
}

// DiffLine is a log line shape found only in the failed run.
type DiffLine struct {
	Pattern  string
	Example  string // first raw line of that shape
	Count    int
	Severity string
	Resource string // SOURCE | DATASET | SINK
}

// DiffLogs returns the shapes of lines of failed that never appear in ok,
// most frequent first (ties by first appearance).
func DiffLogs(failed, ok []nexla.LogEntry) []DiffLine {
	seen := make(map[string]bool, len(ok))
	for _, e := range ok {
		seen[Normalize(e.Log)] = true
	}
	idx := map[string]int{}
	var out []DiffLine
	for _, e := range failed {
		p := Normalize(e.Log)
		if seen[p] {
			continue
		}
		if i, ok := idx[p]; ok {
			out[i].Count++
			continue
		}
		idx[p] = len(out)
		out = append(out, DiffLine{Pattern: p, Example: e.Log, Count: 1, Severity: strings.ToUpper(e.Severity), Resource: e.ResourceType})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out
}

// ConfigChange is one audit entry of the flow's resources.
type ConfigChange struct {
	Resource ResourceRef
	At       time.Time
	Event    string
	Fields   []string // changed fields, sorted
	By       string   // the email the audit log names
	ByID     int64
	// Values are each field's [before, after] as the audit log recorded
	// them (object_changes); FieldDiff renders them.
	Values map[string][2]json.RawMessage
	// TooLong are the fields whose recorded [before, after] is too long to
	// decode and diff on the update loop (their size in bytes).
	TooLong map[string]int
	// Yours marks a change the caller made in this session, or a pause or
	// activate of theirs after the failures began: a response to the
	// incident, not a cause of it. Reports list them apart.
	Yours bool
	// Nearest marks the change nearest before the first failure (after the
	// last good run before it): the likeliest cause, listed first.
	Nearest bool
}

// Diff renders every changed field's before and after (see FieldDiff).
func (c ConfigChange) Diff() []string {
	var out []string
	for _, f := range c.Fields {
		if n, ok := c.TooLong[f]; ok {
			out = append(out, fmt.Sprintf("%s: changed (%d bytes before and after: too long to compare here; see the audit log)", clean(f), n))
			continue
		}
		v := c.Values[f]
		out = append(out, FieldDiff(f, v[0], v[1])...)
	}
	return out
}

// statusOnly: the change is a pause or an activate.
func (c ConfigChange) statusOnly() bool {
	return len(c.Fields) == 1 && c.Fields[0] == "status"
}

// configChanges lists audit entries (newest first) of every resource examined.
func configChanges(f *Facts) []ConfigChange {
	var out []ConfigChange
	for k, es := range f.Audit {
		ref := f.ref(k.RT, k.ID)
		if k.RT == nexla.DataCredentials {
			if c := f.Index.Credentials[k.ID]; c != nil {
				ref.Name = c.Name
			}
		}
		for _, e := range es {
			cc := ConfigChange{Resource: ref, At: e.CreatedAt.Time, Event: e.Event, Values: map[string][2]json.RawMessage{}}
			for field, raw := range e.ObjectChanges {
				if field == "updated_at" {
					continue
				}
				cc.Fields = append(cc.Fields, field)
				if len(raw) > 2*maxDiffValue {
					// A 10 MB name would be copied (and diffed) on every Analyze.
					if cc.TooLong == nil {
						cc.TooLong = map[string]int{}
					}
					cc.TooLong[field] = len(raw)
					continue
				}
				var pair []json.RawMessage
				if json.Unmarshal(raw, &pair) == nil && len(pair) == 2 {
					cc.Values[field] = [2]json.RawMessage{pair[0], pair[1]}
				}
			}
			sort.Strings(cc.Fields)
			if e.User != nil {
				cc.By, cc.ByID = e.User.Email, e.User.ID
			} else {
				cc.By, cc.ByID = e.OwnerEmail, e.OwnerID
			}
			out = append(out, cc)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.After(out[j].At)
		}
		return keyLess(resKey{out[i].Resource.RT, out[i].Resource.ID}, resKey{out[j].Resource.RT, out[j].Resource.ID})
	})
	return out
}

// changesBetween keeps changes after from (exclusive) and up to to
// (inclusive); a zero bound is open.
func changesBetween(all []ConfigChange, from, to time.Time) []ConfigChange {
	var out []ConfigChange
	for _, c := range all {
		if !from.IsZero() && !c.At.After(from) {
			continue
		}
		if !to.IsZero() && c.At.After(to) {
			continue
		}
		out = append(out, c)
	}
	return out
}
