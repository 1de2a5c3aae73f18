package resources

import (
	"strconv"
	"strings"
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/theme"
	"github.com/nexla-tui/nexla-tui/ui/components"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// column is one column of a resource table and how it sorts.
type column struct {
	components.Column
	numeric bool // sort by key.n (ids, times as unix seconds) instead of key.s
}

// sortKey is a row's precomputed key for one column, so sorting 100,000 rows
// compares integers and pre-lowered strings only.
type sortKey struct {
	n int64
	s string
}

// record is one resource as the table shows it: cells, tones, sort keys and
// what the screen needs to act on it. Built off the UI goroutine, once per page.
type record struct {
	ID      int64
	Name    string
	Status  string
	FlowID  int64 // origin node id, for "open its flow"
	Cells   []string
	Tones   []components.Tone
	Keys    []sortKey
	Filter  string
	Mutable bool // sources, nexsets and destinations can be paused/activated
}

// family describes one resource type's table.
type family struct {
	Title   string
	Columns []column
}

func families(rt nexla.ResourceType) family {
	id := column{Column: components.Column{Title: "ID", Width: 7, Numeric: true}, numeric: true}
	name := column{Column: components.Column{Title: "NAME", MinWidth: 12}}
	status := column{Column: components.Column{Title: "STATUS", Width: 8}}
	conn := column{Column: components.Column{Title: "CONNECTOR", Width: 10}}
	owner := column{Column: components.Column{Title: "OWNER", Width: 12}}
	updated := column{Column: components.Column{Title: "UPDATED", Width: 8}, numeric: true}
	switch rt {
	case nexla.DataSources:
		return family{"Sources", []column{id, name, status, conn, owner, updated,
			{Column: components.Column{Title: "LAST RUN", Width: 8}, numeric: true},
			{Column: components.Column{Title: "CRED", Width: 6, Numeric: true}, numeric: true}}}
	case nexla.DataSets:
		return family{"Nexsets", []column{id, name, status, conn, owner, updated,
			{Column: components.Column{Title: "FROM", Width: 12}}}}
	case nexla.DataSinks:
		return family{"Destinations", []column{id, name, status, conn, owner, updated,
			{Column: components.Column{Title: "NEXSET", Width: 7, Numeric: true}, numeric: true},
			{Column: components.Column{Title: "CRED", Width: 6, Numeric: true}, numeric: true}}}
	}
	conn.Title = "TYPE"
	return family{"Credentials", []column{id, name, conn, owner, updated,
		{Column: components.Column{Title: "VERIFIED", Width: 14}}}}
}

// finish fills keys and the filter text from the cells; numeric columns take
// their key from nums (ids, unix times), which callers pass in column order.
func finish(r record, cols []column, nums [8]int64) record {
	r.Keys = make([]sortKey, len(cols))
	for i, c := range cols {
		if c.numeric {
			r.Keys[i].n = nums[i]
		} else if i < len(r.Cells) {
			r.Keys[i].s = strings.ToLower(r.Cells[i])
		}
	}
	r.Filter = strings.ToLower(strings.Join(r.Cells, " "))
	return r
}

func idText(id int64) string {
	if id == 0 {
		return "-"
	}
	return strconv.FormatInt(id, 10)
}

func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func statusTone(status string) components.Tone {
	return theme.StatusRole(status, "", 0)
}

func common(c nexla.Common) []string {
	return []string{
		strconv.FormatInt(c.ID, 10),
		viewkit.Clean(c.Name),
		viewkit.Or(viewkit.Clean(c.Status), "-"),
	}
}

func sourceRecord(s nexla.Source, cols []column, now time.Time) record {
	c := common(s.Common)
	lastRunAt := time.Time{}
	if len(s.RunIDs) > 0 {
		lastRunAt = s.RunIDs[0].CreatedAt.Time
		for _, r := range s.RunIDs {
			if r.CreatedAt.After(lastRunAt) {
				lastRunAt = r.CreatedAt.Time
			}
		}
	}
	r := record{ID: s.ID, Name: c[1], Status: c[2], FlowID: s.OriginNodeID, Mutable: true,
		Cells: append(c, viewkit.Or(viewkit.Clean(s.ConnectorLabel()), "-"), viewkit.Or(viewkit.Clean(s.OwnerName()), "-"),
			viewkit.Ago(now, s.UpdatedAt.Time), viewkit.Ago(now, lastRunAt), credPending),
		Tones: []components.Tone{components.ToneMuted, 0, statusTone(s.Status), 0, components.ToneMuted, components.ToneMuted, components.ToneMuted, components.ToneMuted},
	}
	return finish(r, cols, [8]int64{0: s.ID, 5: unix(s.UpdatedAt.Time), 6: unix(lastRunAt)})
}

func nexsetRecord(n nexla.Nexset, cols []column, now time.Time) record {
	c := common(n.Common)
	from := "-"
	switch {
	case n.ParentID() != 0:
		from = "nexset " + strconv.FormatInt(n.ParentID(), 10)
	case n.SourceID() != 0:
		from = "source " + strconv.FormatInt(n.SourceID(), 10)
	}
	r := record{ID: n.ID, Name: c[1], Status: c[2], FlowID: n.OriginNodeID, Mutable: true,
		Cells: append(c, viewkit.Or(viewkit.Clean(n.ConnectorType), "-"), viewkit.Or(viewkit.Clean(n.OwnerName()), "-"),
			viewkit.Ago(now, n.UpdatedAt.Time), from),
		Tones: []components.Tone{components.ToneMuted, 0, statusTone(n.Status), 0, components.ToneMuted, components.ToneMuted, components.ToneMuted},
	}
	return finish(r, cols, [8]int64{0: n.ID, 5: unix(n.UpdatedAt.Time)})
}

func destinationRecord(d nexla.Destination, cols []column, now time.Time) record {
	c := common(d.Common)
	r := record{ID: d.ID, Name: c[1], Status: c[2], FlowID: d.OriginNodeID, Mutable: true,
		Cells: append(c, viewkit.Or(viewkit.Clean(d.ConnectorLabel()), "-"), viewkit.Or(viewkit.Clean(d.OwnerName()), "-"),
			viewkit.Ago(now, d.UpdatedAt.Time), idText(d.NexsetID()), credPending),
		Tones: []components.Tone{components.ToneMuted, 0, statusTone(d.Status), 0, components.ToneMuted, components.ToneMuted, components.ToneMuted, components.ToneMuted},
	}
	return finish(r, cols, [8]int64{0: d.ID, 5: unix(d.UpdatedAt.Time), 6: d.NexsetID()})
}

func credentialRecord(cr nexla.Credential, cols []column, now time.Time) record {
	verified, tone := "not verified", components.ToneMuted
	if cr.VerifiedStatus != "" {
		verified, tone = viewkit.Clean(cr.VerifiedStatus), components.ToneError
		if cr.Verified() {
			verified, tone = "ok "+viewkit.Ago(now, cr.VerifiedAt.Time), components.ToneOK
			if cr.VerifiedAt.IsZero() {
				verified = "ok"
			}
		}
	}
	r := record{ID: cr.ID, Name: viewkit.Clean(cr.Name),
		Cells: []string{strconv.FormatInt(cr.ID, 10), viewkit.Clean(cr.Name), viewkit.Or(viewkit.Clean(cr.CredentialsType), "-"),
			viewkit.Or(viewkit.Clean(cr.OwnerName()), "-"), viewkit.Ago(now, cr.UpdatedAt.Time), verified},
		Tones: []components.Tone{components.ToneMuted, 0, 0, components.ToneMuted, components.ToneMuted, tone},
	}
	r = finish(r, cols, [8]int64{0: cr.ID, 4: unix(cr.UpdatedAt.Time)})
	// The rank alone: within it the server's order stays (the cell's text,
	// "ok 10h ago", would sort times as strings).
	r.Keys[verifiedColumn].n, r.Keys[verifiedColumn].s = verifiedRank(cr), ""
	return r
}

// verifiedColumn is the credentials table's VERIFIED column: the table
// sorts on it by default, failing credentials first.
const verifiedColumn = 5

// verifiedRank orders credentials failing first, then never verified,
// then verified.
func verifiedRank(cr nexla.Credential) int64 {
	switch {
	case cr.VerifiedStatus == "":
		return 1
	case cr.Verified():
		return 2
	}
	return 0
}
