package resources

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/nexla-tui/nexla-tui/nexla"
	"github.com/nexla-tui/nexla-tui/views/internal/viewkit"
)

// batchMsg is one or more pages converted to records. next reads on; it is
// nil once the stream is done.
type batchMsg struct {
	ticket viewkit.Ticket
	recs   []record
	loaded int
	total  int
	done   bool
	err    error
	next   tea.Cmd
}

// batchTarget is how many items one message may carry: pages that have
// already arrived are drained together so a 100,000-row listing costs the
// UI a few dozen table updates, not a thousand.
const batchTarget = 5000

// readPages turns a *Pages stream into batchMsgs. Conversion (sanitizing,
// formatting, sort keys) runs here, off the UI goroutine.
func readPages[T any](ticket viewkit.Ticket, ch <-chan nexla.Page[T], conv func(T) record) tea.Cmd {
	return func() tea.Msg {
		msg := batchMsg{ticket: ticket}
		take := func(p nexla.Page[T]) {
			for _, it := range p.Items {
				msg.recs = append(msg.recs, conv(it))
			}
			msg.loaded, msg.total = p.Loaded, p.Total
			if p.Done {
				msg.done, msg.err = true, p.Err
			}
		}
		p, ok := <-ch
		if !ok {
			msg.done = true
			return msg
		}
		take(p)
	drain:
		for !msg.done && len(msg.recs) < batchTarget {
			select {
			case p, ok := <-ch:
				if !ok {
					msg.done = true
					break drain
				}
				take(p)
			default:
				break drain
			}
		}
		if !msg.done {
			msg.next = readPages(ticket, ch, conv)
		}
		return msg
	}
}

// openStream starts the listing for rt; conversion uses the columns and a
// fixed "now" so a load renders consistently. accessRole is sent as
// access_role: without it Nexla lists only what the caller owns, and shared
// resources (the ones on-call is usually paged for) would be missing.
func openStream(ctx context.Context, api nexla.API, rt nexla.ResourceType, ticket viewkit.Ticket, accessRole string, cols []column, now time.Time) tea.Cmd {
	opts := nexla.ListOptions{AccessRole: accessRole}
	switch rt {
	case nexla.DataSources:
		return readPages(ticket, api.SourcePages(ctx, opts), func(s nexla.Source) record { return sourceRecord(s, cols, now) })
	case nexla.DataSets:
		return readPages(ticket, api.NexsetPages(ctx, opts), func(n nexla.Nexset) record { return nexsetRecord(n, cols, now) })
	case nexla.DataSinks:
		return readPages(ticket, api.DestinationPages(ctx, opts), func(d nexla.Destination) record { return destinationRecord(d, cols, now) })
	}
	return readPages(ticket, api.CredentialPages(ctx, opts), func(c nexla.Credential) record { return credentialRecord(c, cols, now) })
}
