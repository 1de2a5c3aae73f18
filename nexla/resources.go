package nexla

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// setRaw lets Get* keep the server's JSON for the detail view's raw toggle.
func (c *Common) setRaw(b json.RawMessage) { c.Raw = b }

// rawSetter is satisfied by *Source, *Nexset, *Destination, *Credential.
type rawSetter[T any] interface {
	*T
	setRaw(json.RawMessage)
}

// inputError is a bad argument caught before any I/O.
func inputError(method, path, format string, a ...any) error {
	return &APIError{Kind: KindValidation, Method: method, Path: path, Message: fmt.Sprintf(format, a...)}
}

func checkID(method, path string, id int64) error {
	if id <= 0 {
		return inputError(method, path, "invalid id %d: ids are positive integers", id)
	}
	return nil
}

// listQuery turns ListOptions into the server's filters (§3.2 of the
// contract). access_role is always sent: the call's, else the client's.
func (c *Client) listQuery(rt ResourceType, o ListOptions) url.Values {
	q := url.Values{}
	q.Set("access_role", c.role(o.AccessRole))
	if o.Name != "" {
		q.Set("name", o.Name)
	}
	if o.Status != "" {
		q.Set("status", o.Status)
	}
	if o.Type != "" {
		switch rt {
		case DataSources:
			q.Set("source_type", o.Type)
		case DataSinks:
			q.Set("sink_type", o.Type)
		case DataCredentials:
			q.Set("credentials_type", o.Type)
		}
	}
	if o.Expand {
		q.Set("expand", "1")
	}
	for k, v := range o.Extra {
		q.Set(k, v)
	}
	return q
}

// The four resource families share one implementation: the path and the
// filters come from rt alone, so a family's list, stream and show cannot
// disagree about where they read.

func listFamily[T any](ctx context.Context, c *Client, rt ResourceType, o ListOptions) ([]T, error) {
	return listAll[T](ctx, c, "/"+string(rt), c.listQuery(rt, o), o)
}

func streamFamily[T any](ctx context.Context, c *Client, rt ResourceType, o ListOptions) <-chan Page[T] {
	return streamPages[T](ctx, c, "/"+string(rt), c.listQuery(rt, o), o)
}

func getResource[T any, PT rawSetter[T]](ctx context.Context, c *Client, rt ResourceType, id int64, expand bool) (*T, error) {
	path := pathf("/%s/%d", rt, id)
	if err := checkID(http.MethodGet, path, id); err != nil {
		return nil, err
	}
	var v T
	resp, err := c.get(ctx, path, flagQuery("expand", expand), &v)
	if err != nil {
		return nil, err
	}
	PT(&v).setRaw(append(json.RawMessage(nil), resp.body...))
	return &v, nil
}

// ListSources lists every data source matching opts (GET /data_sources).
func (c *Client) ListSources(ctx context.Context, o ListOptions) ([]Source, error) {
	return listFamily[Source](ctx, c, DataSources, o)
}

// SourcePages streams data sources page by page.
func (c *Client) SourcePages(ctx context.Context, o ListOptions) <-chan Page[Source] {
	return streamFamily[Source](ctx, c, DataSources, o)
}

// GetSource is GET /data_sources/{id}[?expand=1].
func (c *Client) GetSource(ctx context.Context, id int64, expand bool) (*Source, error) {
	return getResource[Source](ctx, c, DataSources, id, expand)
}

// ListNexsets lists nexsets (GET /data_sets).
func (c *Client) ListNexsets(ctx context.Context, o ListOptions) ([]Nexset, error) {
	return listFamily[Nexset](ctx, c, DataSets, o)
}

// NexsetPages streams nexsets page by page.
func (c *Client) NexsetPages(ctx context.Context, o ListOptions) <-chan Page[Nexset] {
	return streamFamily[Nexset](ctx, c, DataSets, o)
}

// GetNexset is GET /data_sets/{id}[?expand=1].
func (c *Client) GetNexset(ctx context.Context, id int64, expand bool) (*Nexset, error) {
	return getResource[Nexset](ctx, c, DataSets, id, expand)
}

// ListDestinations lists destinations (GET /data_sinks).
func (c *Client) ListDestinations(ctx context.Context, o ListOptions) ([]Destination, error) {
	return listFamily[Destination](ctx, c, DataSinks, o)
}

// DestinationPages streams destinations page by page.
func (c *Client) DestinationPages(ctx context.Context, o ListOptions) <-chan Page[Destination] {
	return streamFamily[Destination](ctx, c, DataSinks, o)
}

// GetDestination is GET /data_sinks/{id}[?expand=1].
func (c *Client) GetDestination(ctx context.Context, id int64, expand bool) (*Destination, error) {
	return getResource[Destination](ctx, c, DataSinks, id, expand)
}

// ListCredentials lists credentials (GET /data_credentials).
func (c *Client) ListCredentials(ctx context.Context, o ListOptions) ([]Credential, error) {
	return listFamily[Credential](ctx, c, DataCredentials, o)
}

// CredentialPages streams credentials page by page.
func (c *Client) CredentialPages(ctx context.Context, o ListOptions) <-chan Page[Credential] {
	return streamFamily[Credential](ctx, c, DataCredentials, o)
}

// GetCredential is GET /data_credentials/{id}[?expand=1]. The server never
// returns secrets; non-secret fields arrive in credentials_non_secure_data.
func (c *Client) GetCredential(ctx context.Context, id int64, expand bool) (*Credential, error) {
	return getResource[Credential](ctx, c, DataCredentials, id, expand)
}

// ActivateResource is PUT /{rt}/{id}/activate: only that resource changes.
// A lost answer is settled by re-reading the resource (see Outcome).
func (c *Client) ActivateResource(ctx context.Context, rt ResourceType, id int64) (Outcome, error) {
	return c.resourceState(ctx, rt, id, "activate")
}

// PauseResource is PUT /{rt}/{id}/pause: only that resource changes.
func (c *Client) PauseResource(ctx context.Context, rt ResourceType, id int64) (Outcome, error) {
	return c.resourceState(ctx, rt, id, "pause")
}

func (c *Client) resourceState(ctx context.Context, rt ResourceType, id int64, action string) (Outcome, error) {
	path := pathf("/%s/%d/%s", rt, id, action)
	if c.readOnly {
		return Outcome{}, ErrReadOnly
	}
	if !rt.HasFlow() && rt != Flows {
		return Outcome{}, inputError(http.MethodPut, path, "cannot %s a %s: only sources, nexsets, destinations and flows can be", action, rt.Singular())
	}
	if err := checkID(http.MethodPut, path, id); err != nil {
		return Outcome{}, err
	}
	want := wantedStatus(action)
	m := mutation{
		req:    request{method: http.MethodPut, path: path, mutating: true},
		what:   rt.Singular() + " " + strconv.FormatInt(id, 10),
		wanted: want,
		check: func(ctx context.Context) (bool, error) {
			if rt == Flows {
				var fr FlowResponse
				if err := c.reread(ctx, pathf("/flows/%d", id), &fr); err != nil {
					return false, err
				}
				return flowInState(&fr, id, false, want)
			}
			var read struct {
				Status string `json:"status"`
			}
			if err := c.reread(ctx, pathf("/%s/%d", rt, id), &read); err != nil {
				return false, err
			}
			if read.Status == "" {
				return false, errorf("%s %d read back without a status", rt.Singular(), id)
			}
			return strings.EqualFold(read.Status, want), nil
		},
	}
	return c.mutate(ctx, m, nil)
}
