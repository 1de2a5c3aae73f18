package cli

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// listRow is one line of `list` output, whatever the resource family.
type listRow struct {
	ID      int64     `json:"id"`
	Name    string    `json:"name"`
	Status  string    `json:"status"`
	Type    string    `json:"type"`
	Owner   string    `json:"owner"`
	Updated time.Time `json:"updated_at"`
}

func newListCommand(g *Globals) *cobra.Command {
	var name, status, output string
	cmd := &cobra.Command{
		Use:   "list <flows|sources|nexsets|destinations|credentials>",
		Short: "List resources as a table or JSON (for scripts)",
		Long: `List flows, sources, nexsets, destinations or credentials of the connected Nexla.
Columns: id, name, status, type, owner, updated. --name matches a substring, --status
an exact status (ACTIVE, PAUSED, INIT, ...). Exit status 2 on usage or connection errors.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErr("list needs one resource kind: flows, sources, nexsets, destinations or credentials")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if output != "table" && output != "json" {
				return usageErr("unknown output %q: want table or json", output)
			}
			rt, ok := nexla.ParseResourceType(args[0])
			if !ok {
				return usageErr("unknown resource kind %q: want flows, sources, nexsets, destinations or credentials", args[0])
			}
			c, _, err := g.Connect(cmd.Context())
			if err != nil {
				return err
			}
			rows, err := fetchRows(cmd, c, rt, name, status)
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			if output == "json" {
				return writeJSON(g.IO.Out, rows)
			}
			return writeTable(g.IO.Out, rows)
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "only names containing this text")
	cmd.Flags().StringVar(&status, "status", "", "only this status (ACTIVE, PAUSED, INIT, ...)")
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	return cmd
}

// fetchRows lists rt with the client's access role (--access-role, else
// the profile's, else collaborator). Rows are empty, never nil: an empty
// org prints [] in JSON, as scripts expect.
func fetchRows(cmd *cobra.Command, c *nexla.Client, rt nexla.ResourceType, name, status string) ([]listRow, error) {
	ctx := cmd.Context()
	opts := nexla.ListOptions{Name: name, Status: status}
	rows := []listRow{}
	common := func(cm nexla.Common, typ string) listRow {
		return listRow{ID: cm.ID, Name: cm.Name, Status: cm.Status, Type: typ, Owner: cm.OwnerName(), Updated: cm.UpdatedAt.Time}
	}
	switch rt {
	case nexla.Flows:
		return flowRows(cmd, c, name, status)
	case nexla.DataSources:
		items, err := c.ListSources(ctx, opts)
		for _, s := range items {
			rows = append(rows, common(s.Common, s.ConnectorLabel()))
		}
		return rows, err
	case nexla.DataSets:
		items, err := c.ListNexsets(ctx, opts)
		for _, s := range items {
			typ := "detected"
			if s.IsDerived() {
				typ = "derived"
			}
			rows = append(rows, common(s.Common, typ))
		}
		return rows, err
	case nexla.DataSinks:
		items, err := c.ListDestinations(ctx, opts)
		for _, s := range items {
			rows = append(rows, common(s.Common, s.ConnectorLabel()))
		}
		return rows, err
	default:
		items, err := c.ListCredentials(ctx, opts)
		for _, s := range items {
			r := common(s.Common, s.CredentialsType)
			if r.Status == "" {
				r.Status = s.VerifiedStatus // credentials have no status; show the last probe
			}
			rows = append(rows, r)
		}
		return rows, err
	}
}

// flowRows lists origin flows, each named by its origin node as health and
// the tree name it. Flow filters are applied here: the server's name/status
// filters concern resources, not flow nodes.
func flowRows(cmd *cobra.Command, c *nexla.Client, name, status string) ([]listRow, error) {
	fr, err := c.ListFlows(cmd.Context(), nexla.FlowListOptions{})
	if err != nil {
		return nil, err
	}
	ix := fr.Index()
	users := map[int64]string{}
	for _, u := range fr.Users {
		users[u.ID] = u.Name
		if u.Name == "" {
			users[u.ID] = u.Email
		}
	}
	rows := []listRow{}
	for _, n := range fr.Flows {
		r := listRow{ID: n.ID, Name: ix.FlowName(n), Status: ix.NodeStatus(n), Type: n.FlowType}
		if rt, id := n.Resource(); rt == nexla.DataSources {
			if s := ix.Sources[id]; s != nil {
				r.Owner, r.Updated = users[s.OwnerID], s.UpdatedAt.Time
				if s.Owner != nil {
					r.Owner = s.OwnerName()
				}
			}
		}
		if name != "" && !strings.Contains(strings.ToLower(r.Name), strings.ToLower(name)) {
			continue
		}
		if status != "" && !strings.EqualFold(r.Status, status) {
			continue
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].ID < rows[j].ID })
	return rows, nil
}

func writeTable(out io.Writer, rows []listRow) error {
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSTATUS\tTYPE\tOWNER\tUPDATED")
	for _, r := range rows {
		updated := "-"
		if !r.Updated.IsZero() {
			updated = r.Updated.UTC().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", strconv.FormatInt(r.ID, 10), cell(r.Name), cell(r.Status),
			cell(r.Type), cell(r.Owner), updated)
	}
	return tw.Flush()
}
