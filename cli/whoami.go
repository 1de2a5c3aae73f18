package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/nexla-tui/nexla-tui/nexla/safetext"
)

func newWhoamiCommand(g *Globals) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "whoami",
		Short: "Show the user, org and API URL the credentials resolve to (never secrets)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if output != "text" && output != "json" {
				return usageErr("unknown output %q: want text or json", output)
			}
			c, s, err := g.Connect(cmd.Context())
			if err != nil {
				return err
			}
			cu, err := c.WhoAmI(cmd.Context())
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			info := struct {
				UserID   int64  `json:"user_id"`
				User     string `json:"user"`
				Email    string `json:"email"`
				OrgID    int64  `json:"org_id"`
				Org      string `json:"org"`
				Admin    bool   `json:"org_admin"`
				APIURL   string `json:"api_url"`
				Profile  string `json:"profile,omitempty"`
				Auth     string `json:"auth"`
				ReadOnly bool   `json:"read_only"`
				// AccessRole is what every list sends: what the caller sees.
				AccessRole string `json:"access_role"`
			}{UserID: cu.User.ID, User: safetext.Clean(cu.User.FullName), Email: safetext.Clean(cu.User.Email),
				APIURL: c.BaseURL(), Profile: s.Connection.Profile, Auth: s.Connection.AuthMode(), ReadOnly: c.ReadOnly(), AccessRole: c.AccessRole()}
			if cu.Org != nil {
				info.OrgID, info.Org = cu.Org.ID, safetext.Clean(cu.Org.Name)
			} else if cu.User.DefaultOrg != nil {
				info.OrgID, info.Org = cu.User.DefaultOrg.ID, safetext.Clean(cu.User.DefaultOrg.Name)
			}
			if cu.OrgMembership != nil {
				info.Admin = cu.OrgMembership.IsAdmin
			}
			if output == "json" {
				return writeJSON(g.IO.Out, info)
			}
			admin := ""
			if info.Admin {
				admin = " (org admin)"
			}
			fmt.Fprintf(g.IO.Out, "user:    %s <%s> (id %d)\n", info.User, info.Email, info.UserID)
			fmt.Fprintf(g.IO.Out, "org:     %s (id %d)%s\n", info.Org, info.OrgID, admin)
			fmt.Fprintf(g.IO.Out, "api:     %s\n", info.APIURL)
			if info.Profile != "" {
				fmt.Fprintf(g.IO.Out, "profile: %s\n", info.Profile)
			}
			ro := ""
			if info.ReadOnly {
				ro = ", read-only"
			}
			fmt.Fprintf(g.IO.Out, "auth:    %s%s\n", info.Auth, ro)
			fmt.Fprintf(g.IO.Out, "access:  %s (lists show %s)\n", info.AccessRole, roleMeaning(info.AccessRole))
			return nil
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "text", "output format: text or json")
	return cmd
}

// roleMeaning says what an access role lists, so a user who sees too little
// knows why.
func roleMeaning(role string) string {
	switch role {
	case "owner":
		return "only what you own"
	case "collaborator", "all":
		return "everything shared with you"
	case "operator":
		return "what you may operate"
	}
	return "what you administer"
}
