package nexla

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// WhoAmI is GET /users/current: who the client acts as, in which org.
func (c *Client) WhoAmI(ctx context.Context) (*CurrentUser, error) {
	var cu CurrentUser
	if _, err := c.get(ctx, "/users/current", nil, &cu); err != nil {
		return nil, err
	}
	return &cu, nil
}

// accessorTarget validates a resource family that has accessors.
func accessorsPath(method string, rt ResourceType, id int64) (string, error) {
	path := pathf("/%s/%d/accessors", rt, id)
	if !rt.Valid() {
		return path, inputError(method, path, "unknown resource type %q", string(rt))
	}
	return path, checkID(method, path, id)
}

// Accessors is GET /{rt}/{id}/accessors (for flows the origin node's list).
// An empty 200 is an error, not an empty list.
func (c *Client) Accessors(ctx context.Context, rt ResourceType, id int64) ([]Accessor, error) {
	path, err := accessorsPath(http.MethodGet, rt, id)
	if err != nil {
		return nil, err
	}
	var list accessorList
	if _, err := c.get(ctx, path, nil, &list); err != nil {
		return nil, err
	}
	return []Accessor(list), nil
}

// AddAccessors is PUT /{rt}/{id}/accessors (add or merge roles). A lost
// answer is settled by re-reading the list (see Outcome).
func (c *Client) AddAccessors(ctx context.Context, rt ResourceType, id int64, acc []Accessor) ([]Accessor, Outcome, error) {
	return c.changeAccessors(ctx, http.MethodPut, rt, id, acc)
}

// RemoveAccessors is DELETE /{rt}/{id}/accessors with the listed entries. An
// empty list is refused here: the server reads it as "remove everyone".
func (c *Client) RemoveAccessors(ctx context.Context, rt ResourceType, id int64, acc []Accessor) ([]Accessor, Outcome, error) {
	return c.changeAccessors(ctx, http.MethodDelete, rt, id, acc)
}

func (c *Client) changeAccessors(ctx context.Context, method string, rt ResourceType, id int64, acc []Accessor) ([]Accessor, Outcome, error) {
	if c.readOnly {
		return nil, Outcome{}, ErrReadOnly
	}
	path, err := accessorsPath(method, rt, id)
	if err != nil {
		return nil, Outcome{}, err
	}
	if len(acc) == 0 {
		return nil, Outcome{}, inputError(method, path, "no accessors given (an empty list would change everyone's access)")
	}
	body := make([]map[string]any, 0, len(acc))
	for _, a := range acc {
		m, err := accessorBody(a)
		if err != nil {
			return nil, Outcome{}, inputError(method, path, "%v", err)
		}
		body = append(body, m)
	}
	var list accessorList
	m := mutation{
		req:    request{method: method, path: path, body: map[string]any{"accessors": body}, mutating: true},
		what:   "the accessors of " + rt.Singular() + " " + strconv.FormatInt(id, 10),
		wanted: "changed as asked",
		check: func(ctx context.Context) (bool, error) {
			if err := c.reread(ctx, pathf("/%s/%d/accessors", rt, id), &list); err != nil {
				return false, err
			}
			return accessorsInPlace(method, list, acc), nil
		},
	}
	o, err := c.mutate(ctx, m, &list)
	if err != nil {
		return nil, Outcome{}, err
	}
	return []Accessor(list), o, nil
}

// accessorBody keeps only the identifying keys the server reads per type.
func accessorBody(a Accessor) (map[string]any, error) {
	t := strings.ToUpper(a.Type)
	m := map[string]any{"type": t}
	if len(a.AccessRoles) > 0 {
		m["access_roles"] = a.AccessRoles
	}
	switch {
	case a.ID != 0:
		m["id"] = a.ID
	case t == "USER" && a.Email != "":
		m["email"] = a.Email
	case t == "TEAM" && a.Name != "":
		m["name"] = a.Name
	case t == "ORG" && a.ClientIdentifier != "":
		m["client_identifier"] = a.ClientIdentifier
	case t == "ORG" && a.EmailDomain != "":
		m["email_domain"] = a.EmailDomain
	default:
		return nil, errorf("accessor of type %q needs an id (or email/name/client_identifier)", a.Type)
	}
	if t != "USER" && t != "TEAM" && t != "ORG" {
		return nil, errorf("accessor type %q: want USER, TEAM or ORG", a.Type)
	}
	if t == "USER" && a.OrgID != 0 {
		m["org_id"] = a.OrgID
	}
	return m, nil
}

// accessorList is a bare array or {"accessors": [...]}, never nil once read.
type accessorList []Accessor

func (l *accessorList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '{' {
		var wrap struct {
			Accessors json.RawMessage `json:"accessors"`
		}
		if err := json.Unmarshal(b, &wrap); err != nil {
			return err
		}
		b = bytes.TrimSpace(wrap.Accessors)
		if len(b) == 0 || string(b) == "null" {
			return errors.New(`no "accessors" array in the answer`)
		}
	}
	out := []Accessor{}
	if err := json.Unmarshal(b, &out); err != nil {
		return err
	}
	*l = out
	return nil
}

// AuditLog is GET /{rt}/{id}/audit_log, newest first: every page for Page 0
// (see AuditOptions), else that page.
func (c *Client) AuditLog(ctx context.Context, rt ResourceType, id int64, o AuditOptions) ([]AuditEntry, error) {
	path := pathf("/%s/%d/audit_log", rt, id)
	if !rt.Valid() {
		return nil, inputError(http.MethodGet, path, "unknown resource type %q", string(rt))
	}
	if err := checkID(http.MethodGet, path, id); err != nil {
		return nil, err
	}
	q := url.Values{}
	if !o.From.IsZero() {
		q.Set("from", apiDate(o.From))
	}
	if !o.To.IsZero() {
		q.Set("to", apiDate(o.To))
	}
	setNonEmpty(q, "event_filter", o.EventFilter)
	setNonEmpty(q, "change_filter", o.ChangeFilter)
	return pagedList[AuditEntry](ctx, c, path, q, o.Page, o.PerPage, o.Limit)
}

// pagedList reads a bare-array list: page alone when page > 0, else every
// page through the pager that resource lists use (bounded concurrency, the
// maxPages cap, stop at limit).
func pagedList[T any](ctx context.Context, c *Client, path string, q url.Values, page, perPage, limit int) ([]T, error) {
	if page <= 0 {
		return listAll[T](ctx, c, path, q, ListOptions{PerPage: perPage, Limit: limit})
	}
	if perPage <= 0 {
		perPage = DefaultPerPage
	}
	q.Set("page", strconv.Itoa(page))
	q.Set("per_page", strconv.Itoa(perPage))
	out := []T{}
	if _, err := c.get(ctx, path, q, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Notifications is GET /notifications (from/to as unix seconds), newest
// first: every page for Page 0 (see NotificationOptions), else that page.
func (c *Client) Notifications(ctx context.Context, o NotificationOptions) ([]Notification, error) {
	q := url.Values{}
	if o.Read != nil {
		q.Set("read", boolParam(*o.Read))
	}
	setNonEmpty(q, "level", o.Level)
	setNonEmpty(q, "resource_type", o.ResourceType)
	if o.ResourceID > 0 {
		q.Set("resource_id", strconv.FormatInt(o.ResourceID, 10))
	}
	if !o.From.IsZero() {
		q.Set("from", strconv.FormatInt(o.From.Unix(), 10))
	}
	if !o.To.IsZero() {
		q.Set("to", strconv.FormatInt(o.To.Unix(), 10))
	}
	return pagedList[Notification](ctx, c, "/notifications", q, o.Page, o.PerPage, o.Limit)
}
