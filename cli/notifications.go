package cli

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// notificationLevels are the levels GET /notifications filters on (§5.11).
var notificationLevels = []string{"DEBUG", "INFO", "WARN", "ERROR", "RECOVERED", "RESOLVED"}

// notificationRow is one line of `notifications -o json`.
type notificationRow struct {
	ID           int64  `json:"id"`
	Time         string `json:"time"`
	TS           int64  `json:"ts"`
	Level        string `json:"level"`
	ResourceType string `json:"resource_type"`
	ResourceID   int64  `json:"resource_id,omitempty"`
	Message      string `json:"message"`
	Read         bool   `json:"read"`
}

func newNotificationsCommand(g *Globals) *cobra.Command {
	var level, resource, output string
	var since time.Duration
	var unread bool
	var limit int
	cmd := &cobra.Command{
		Use:   "notifications",
		Short: "List Nexla notifications (the alerts that page people), newest first",
		Long: `notifications lists the notifications of the connected user (level, resource,
message, time in UTC), newest first: the alerts an on-call engineer is paged with.
--since bounds the window by the server's clock (default 24h; 0 for all),
--level keeps one level (ERROR, WARN, INFO, RECOVERED, RESOLVED, DEBUG),
--resource KIND:ID (source:10004, nexset:100008, destination:500004) lists that
resource's notifications whoever they were sent to. Messages are sanitized.

Exit status: 0 (also when none matched: a note says so on stderr), 2 usage or
connection error.`,
		Example: "  nexla-tui notifications --level ERROR --since 1h\n  nexla-tui notifications --resource source:10004 -o json",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 0 {
				return usageErr("notifications takes no arguments (got %q): filter with --level, --since, --resource", strings.Join(args, " "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			output = strings.ToLower(output)
			if output != "table" && output != "json" {
				return usageErr("unknown output format %q: use table or json", output)
			}
			opts := nexla.NotificationOptions{Level: strings.ToUpper(strings.TrimSpace(level)), Limit: limit}
			if opts.Level == "WARNING" {
				opts.Level = "WARN"
			}
			if opts.Level != "" && !containsString(notificationLevels, opts.Level) {
				return usageErr("--level %q: use ERROR, WARN, INFO, RECOVERED, RESOLVED or DEBUG", level)
			}
			if since < 0 {
				return usageErr("--since must not be negative, got %s", since)
			}
			if limit < 1 || limit > 100000 {
				return usageErr("--limit must be between 1 and 100000, got %d", limit)
			}
			if resource != "" {
				rt, id, err := parseResourceRef(resource)
				if err != nil {
					return err
				}
				opts.ResourceType, opts.ResourceID = rt, id
			}
			if unread {
				f := false
				opts.Read = &f
			}
			ctx := contextOf(cmd)
			client, _, err := g.Connect(ctx)
			if err != nil {
				return err
			}
			// One answer first, so --since is measured on the server's clock.
			if _, err := client.WhoAmI(ctx); err != nil {
				return &ExitError{Code: 2, Err: fmt.Errorf("connecting: %w", err)}
			}
			if since > 0 {
				opts.From = client.ServerNow().Add(-since)
			}
			notes, err := client.Notifications(ctx, opts)
			if err != nil {
				return &ExitError{Code: 2, Err: fmt.Errorf("reading notifications: %w", err)}
			}
			rows := notificationRows(notes)
			if output == "json" {
				err = writeJSON(g.IO.Out, rows)
			} else {
				err = writeNotificationTable(g.IO.Out, rows)
			}
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			if len(rows) == 0 {
				window := "ever"
				if since > 0 {
					window = "in the last " + since.String()
				}
				fmt.Fprintf(g.IO.Err, "nexla-tui: no notifications %s\n", window)
			}
			return nil
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&level, "level", "", "only this level: ERROR, WARN, INFO, RECOVERED, RESOLVED or DEBUG")
	fs.DurationVar(&since, "since", 24*time.Hour, "how far back, by the server's clock (0: all)")
	fs.StringVar(&resource, "resource", "", "only this resource's notifications: KIND:ID, e.g. source:10004")
	fs.BoolVar(&unread, "unread", false, "only unread notifications")
	fs.IntVar(&limit, "limit", 1000, "most notifications read")
	fs.StringVarP(&output, "output", "o", "table", "output format: table or json")
	return cmd
}

// parseResourceRef reads KIND:ID into the notification resource_type
// (SOURCE, DATASET, SINK) and id.
func parseResourceRef(s string) (string, int64, error) {
	kind, idText, ok := strings.Cut(s, ":")
	rt, known := nexla.ParseResourceType(strings.ToLower(strings.TrimSpace(kind)))
	typ := nexla.NotificationResourceType(rt)
	id, err := strconv.ParseInt(strings.TrimSpace(idText), 10, 64)
	if !ok || !known || typ == "" || err != nil || id <= 0 {
		return "", 0, usageErr("--resource %q: use KIND:ID with KIND source, nexset or destination, e.g. source:10004", s)
	}
	return typ, id, nil
}

// notificationRows are the notifications newest first (whatever order the
// server sent), ties by id.
func notificationRows(notes []nexla.Notification) []notificationRow {
	rows := make([]notificationRow, 0, len(notes))
	for _, n := range notes {
		t := n.At()
		row := notificationRow{ID: n.ID, TS: t.Unix(), Level: strings.ToUpper(n.Level), ResourceType: n.ResourceType,
			ResourceID: n.ResourceID, Message: n.Message, Read: !n.ReadAt.IsZero()}
		if !t.IsZero() {
			row.Time = t.UTC().Format(time.RFC3339)
		} else {
			row.TS = 0
		}
		rows = append(rows, row)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].TS != rows[j].TS {
			return rows[i].TS > rows[j].TS
		}
		return rows[i].ID > rows[j].ID
	})
	return rows
}

func writeNotificationTable(w io.Writer, rows []notificationRow) error {
	const format = "%-19s  %-9s  %-16s  %-4s  %s\n"
	var b strings.Builder
	fmt.Fprintf(&b, format, "TIME (UTC)", "LEVEL", "RESOURCE", "READ", "MESSAGE")
	for _, r := range rows {
		when := "unknown"
		if r.TS != 0 {
			when = time.Unix(r.TS, 0).UTC().Format("2006-01-02 15:04:05")
		}
		res := cell(r.ResourceType)
		if r.ResourceID != 0 {
			res += " " + strconv.FormatInt(r.ResourceID, 10)
		}
		read := "no"
		if r.Read {
			read = "yes"
		}
		fmt.Fprintf(&b, format, when, cell(r.Level), res, read, cell(r.Message))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
