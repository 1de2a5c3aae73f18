package runbook

import (
	"strings"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// People. Advice that says "ask the owner" leaves the engineer to find out
// who that is at 3 a.m.; the flow read already names them. Names come from
// the flows side-load users[] and the owner objects of resources; the audit
// log gives only an email (user {id, email}), which is shown as it is.

// person is what the API said about one user.
type person struct {
	name, email string
}

// label is "Priya Natarajan (priya.natarajan@acme.example)", or whichever
// half is known; "" when neither is.
func (p person) label() string {
	switch {
	case p.name != "" && p.email != "":
		return clean(p.name) + " (" + clean(p.email) + ")"
	case p.name != "":
		return clean(p.name)
	}
	return clean(p.email)
}

// people indexes every user the flow response and the caller's identity name.
func (f *Facts) people() map[int64]person {
	out := map[int64]person{}
	add := func(id int64, name, email string) {
		if id == 0 {
			return
		}
		p := out[id]
		if p.name == "" {
			p.name = strings.TrimSpace(name)
		}
		if p.email == "" {
			p.email = strings.TrimSpace(email)
		}
		out[id] = p
	}
	if f.Flow != nil {
		for _, u := range f.Flow.Users {
			add(u.ID, u.Name, u.Email)
		}
	}
	owner := func(c nexla.Common) {
		if c.Owner != nil {
			add(c.Owner.ID, c.Owner.FullName, c.Owner.Email)
		}
	}
	for _, s := range f.Index.Sources {
		owner(s.Common)
	}
	for _, n := range f.Index.Nexsets {
		owner(n.Common)
	}
	for _, d := range f.Index.Destinations {
		owner(d.Common)
	}
	for _, c := range f.Index.Credentials {
		owner(c.Common)
	}
	for _, n := range f.Nexsets {
		if n != nil {
			owner(n.Common)
		}
	}
	if f.Me != nil {
		add(f.Me.User.ID, f.Me.User.FullName, f.Me.User.Email)
	}
	return out
}

// ownerOf is the owner id of a resource of the flow (0 when not said).
func (f *Facts) ownerOf(rt nexla.ResourceType, id int64) int64 {
	var c *nexla.Common
	switch rt {
	case nexla.DataSources:
		if s := f.Index.Sources[id]; s != nil {
			c = &s.Common
		}
	case nexla.DataSets:
		if s := f.Index.Nexsets[id]; s != nil {
			c = &s.Common
		}
	case nexla.DataSinks:
		if s := f.Index.Destinations[id]; s != nil {
			c = &s.Common
		}
	case nexla.DataCredentials:
		if s := f.Index.Credentials[id]; s != nil {
			c = &s.Common
		}
	}
	if c == nil {
		return 0
	}
	if c.OwnerID != 0 {
		return c.OwnerID
	}
	if c.Owner != nil {
		return c.Owner.ID
	}
	return 0
}
