package ui

import (
	"time"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// ServerClock is the clock relative times are measured with: the API's
// server clock when the client keeps one (nexla.Client.ServerNow, from the
// Date header of its answers), else this machine's. Run ids, log stamps and
// notifications are the server's times: measured against a jump host's
// clock an hour behind, the newest run would read "in 34m".
func ServerClock(api nexla.API) func() time.Time {
	if c, ok := api.(interface{ ServerNow() time.Time }); ok {
		return c.ServerNow
	}
	return time.Now
}
