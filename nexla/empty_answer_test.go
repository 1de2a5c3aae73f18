package nexla

import (
	"context"
	"strings"
	"testing"
)

// A 200 with an empty (or null, or non-JSON) body used to read as an empty
// org with no error. Every list and show call now fails, naming the call.
func TestEmptyOrUndecodable200IsAnErrorNamingTheCall(t *testing.T) {
	ctx := context.Background()
	calls := []struct {
		route string
		call  func(c *Client) error
	}{
		{"GET /flows", func(c *Client) error { _, err := c.ListFlows(ctx, FlowListOptions{}); return err }},
		{"GET /flows/5", func(c *Client) error { _, err := c.GetFlow(ctx, 5, FlowGetOptions{}); return err }},
		{"GET /data_sources", func(c *Client) error { _, err := c.ListSources(ctx, ListOptions{}); return err }},
		{"GET /data_sources/5", func(c *Client) error { _, err := c.GetSource(ctx, 5, false); return err }},
		{"GET /data_credentials", func(c *Client) error { _, err := c.ListCredentials(ctx, ListOptions{}); return err }},
		{"GET /users/current", func(c *Client) error { _, err := c.WhoAmI(ctx); return err }},
		{"GET /data_sets/5/accessors", func(c *Client) error { _, err := c.Accessors(ctx, DataSets, 5); return err }},
		{"GET /notifications", func(c *Client) error { _, err := c.Notifications(ctx, NotificationOptions{}); return err }},
	}
	for _, body := range []string{"", "  \n", "null", "<html>gateway</html>"} {
		for _, tc := range calls {
			s := newAPIServer(t)
			s.handle(tc.route, jsonReply(200, body))
			c, _ := newTestClient(t, s)
			err := tc.call(c)
			if err == nil || KindOf(err) != KindServer || !strings.HasPrefix(err.Error(), tc.route+": 200: ") {
				t.Errorf("body %q, %s: got %v", body, tc.route, err)
			}
		}
	}
}
