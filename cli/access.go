package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// accessRoles are the roles grant and revoke take (contract §5.14).
var accessRoles = []string{"owner", "admin", "operator", "collaborator"}

const accessKinds = "flow, source, nexset, destination or credential"

func newAccessCommand(g *Globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "access",
		Short: "List, grant and revoke access to a flow, source, nexset, destination or credential",
		Long: `Who may see and change a resource: users, teams and the org, each with its roles
(owner, admin: manage access; operator: view, activate and pause; collaborator:
view). For a flow, the origin's list stands for the whole flow.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageErr("access needs list, grant or revoke\n%s", helpHint(cmd))
		},
	}
	cmd.AddCommand(newAccessListCommand(g), newAccessChangeCommand(g, true), newAccessChangeCommand(g, false))
	return cmd
}

// accessTarget parses <kind> <id>.
func accessTarget(args []string) (nexla.ResourceType, int64, error) {
	if len(args) != 2 {
		return "", 0, usageErr("want <kind> <id>: kind is %s", accessKinds)
	}
	rt, ok := nexla.ParseResourceType(strings.ToLower(args[0]))
	if !ok {
		return "", 0, usageErr("unknown kind %q: use %s", args[0], accessKinds)
	}
	id, err := strconv.ParseInt(args[1], 10, 64)
	if err != nil || id <= 0 {
		return "", 0, usageErr("%q is not an id (a positive integer)", args[1])
	}
	return rt, id, nil
}

func newAccessListCommand(g *Globals) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:     "list <kind> <id>",
		Short:   "List who has access to a resource, with their roles",
		Example: "  nexla-tui access list flow 800001\n  nexla-tui access list credential 3017 -o json",
		RunE: func(cmd *cobra.Command, args []string) error {
			if output != "table" && output != "json" {
				return usageErr("unknown output %q: want table or json", output)
			}
			rt, id, err := accessTarget(args)
			if err != nil {
				return err
			}
			c, _, err := g.Connect(cmd.Context())
			if err != nil {
				return err
			}
			list, err := c.Accessors(cmd.Context(), rt, id)
			if err != nil {
				return &ExitError{Code: 2, Err: err}
			}
			return writeAccessors(g.IO.Out, list, output)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	return cmd
}

func writeAccessors(w io.Writer, list []nexla.Accessor, output string) error {
	if output == "json" {
		return writeJSON(w, list)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TYPE\tID\tWHO\tROLES")
	for _, a := range list {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", cell(a.Type), a.ID, cell(a.Who()), cell(strings.Join(a.AccessRoles, ",")))
	}
	return tw.Flush()
}

// accessFlags are grant's and revoke's.
type accessFlags struct {
	user, role string
	team       int64
	org, yes   bool
	output     string
}

func newAccessChangeCommand(g *Globals, grant bool) *cobra.Command {
	var fl accessFlags
	verb, short := "revoke", "Remove an accessor (all its roles) from a resource"
	if grant {
		verb, short = "grant", "Give a user, team or the org a role on a resource (changes an existing accessor's roles)"
	}
	cmd := &cobra.Command{
		Use:   verb + " <kind> <id> (--user EMAIL|ID | --team ID | --org) --role ROLE",
		Short: short,
		Long: short + `. Roles: owner, admin, operator, collaborator.
Asks for confirmation on a terminal; --yes is required otherwise. Refused in read-only mode.
Exit status: 0 done, 1 refused by the API or not confirmed, 2 usage or connection error.`,
		Example: "  nexla-tui access " + verb + " flow 800001 --user jordan.kim@acme-retail.example --role operator --yes",
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAccessChange(cmd.Context(), g, grant, fl, args)
		},
	}
	f := cmd.Flags()
	f.StringVar(&fl.user, "user", "", "the user, by email or id")
	f.Int64Var(&fl.team, "team", 0, "the team, by id")
	f.BoolVar(&fl.org, "org", false, "your whole org")
	roleHelp := "owner, admin, operator or collaborator"
	if !grant {
		roleHelp += " (optional: the role the accessor must hold; all its roles go)"
	}
	f.StringVar(&fl.role, "role", "", roleHelp)
	f.BoolVarP(&fl.yes, "yes", "y", false, "apply without asking")
	f.StringVarP(&fl.output, "output", "o", "table", "output format of the list after the change: table or json")
	return cmd
}

// accessorOf builds the accessor the flags name (ORG needs the org id).
func accessorOf(ctx context.Context, c *nexla.Client, fl accessFlags) (nexla.Accessor, error) {
	var a nexla.Accessor
	switch {
	case fl.user != "":
		a.Type = "USER"
		if id, err := strconv.ParseInt(fl.user, 10, 64); err == nil && id > 0 {
			a.ID = id
		} else if strings.Contains(fl.user, "@") {
			a.Email = fl.user
		} else {
			return a, usageErr("--user %q: want an email or a user id", fl.user)
		}
	case fl.team > 0:
		a.Type, a.ID = "TEAM", fl.team
	case fl.org:
		cu, err := c.WhoAmI(ctx)
		if err != nil {
			return a, &ExitError{Code: 2, Err: fmt.Errorf("reading your org: %w", err)}
		}
		a.Type = "ORG"
		switch {
		case cu.Org != nil && cu.Org.ID != 0:
			a.ID = cu.Org.ID
		case cu.User.DefaultOrg != nil:
			a.ID = cu.User.DefaultOrg.ID
		default:
			return a, &ExitError{Code: 2, Err: errors.New("the API did not say which org you are in")}
		}
	}
	return a, nil
}

func runAccessChange(ctx context.Context, g *Globals, grant bool, fl accessFlags, args []string) error {
	if fl.output != "table" && fl.output != "json" {
		return usageErr("unknown output %q: want table or json", fl.output)
	}
	rt, id, err := accessTarget(args)
	if err != nil {
		return err
	}
	n := 0
	for _, given := range []bool{fl.user != "", fl.team != 0, fl.org} {
		if given {
			n++
		}
	}
	if n != 1 {
		return usageErr("name exactly one accessor: --user EMAIL|ID, --team ID or --org")
	}
	if fl.team < 0 {
		return usageErr("--team %d: want a team id", fl.team)
	}
	if (grant || fl.role != "") && !slices.Contains(accessRoles, fl.role) {
		return usageErr("--role %q: use owner, admin, operator or collaborator", fl.role)
	}
	if !fl.yes && !isTTY(g.IO.In) {
		return usageErr("confirmation required: add --yes (stdin is not a terminal)")
	}
	c, _, err := g.Connect(ctx)
	if err != nil {
		return err
	}
	if c.ReadOnly() {
		return &ExitError{Code: 2, Err: nexla.ErrReadOnly}
	}
	a, err := accessorOf(ctx, c, fl)
	if err != nil {
		return err
	}
	target := rt.Singular() + " " + strconv.FormatInt(id, 10)
	var question string
	if grant {
		a.AccessRoles = []string{fl.role}
		question = fmt.Sprintf("Grant %s on %s to %s?", fl.role, target, describeAccessor(a))
	} else {
		found, err := currentAccessor(ctx, c, rt, id, a)
		if err != nil {
			return err
		}
		if fl.role != "" && !slices.Contains(found.AccessRoles, fl.role) {
			return &ExitError{Code: 1, Err: fmt.Errorf("%s holds %s on %s, not %s: nothing changed", describeAccessor(a), strings.Join(found.AccessRoles, ","), target, fl.role)}
		}
		a = nexla.Accessor{Type: found.Type, ID: found.ID, Email: found.Email}
		question = fmt.Sprintf("Revoke %s's access to %s (roles %s)?", describeAccessor(found), target, strings.Join(found.AccessRoles, ","))
	}
	if !fl.yes && !confirm(g, question) {
		return &ExitError{Code: 1, Err: errors.New("not confirmed: nothing was changed")}
	}
	call := c.RemoveAccessors
	if grant {
		call = c.AddAccessors
	}
	list, o, err := call(ctx, rt, id, []nexla.Accessor{a})
	if err != nil {
		return accessCallError(err)
	}
	if o.Note != "" {
		fmt.Fprintln(g.IO.Err, "note:", o.Note)
	}
	return writeAccessors(g.IO.Out, list, fl.output)
}

// currentAccessor finds the entry a revoke removes; absent is an error that
// sends nothing.
func currentAccessor(ctx context.Context, c *nexla.Client, rt nexla.ResourceType, id int64, a nexla.Accessor) (nexla.Accessor, error) {
	list, err := c.Accessors(ctx, rt, id)
	if err != nil {
		return a, accessCallError(err)
	}
	for _, have := range list {
		if !strings.EqualFold(have.Type, a.Type) {
			continue
		}
		if (a.ID != 0 && have.ID == a.ID) || (a.Email != "" && strings.EqualFold(have.Email, a.Email)) {
			return have, nil
		}
	}
	return a, &ExitError{Code: 1, Err: fmt.Errorf("%s has no access entry on %s %d: nothing changed", describeAccessor(a), rt.Singular(), id)}
}

func describeAccessor(a nexla.Accessor) string {
	who := a.Who()
	if who == "" {
		who = strconv.FormatInt(a.ID, 10)
	}
	return strings.ToLower(a.Type) + " " + cell(who)
}

// accessCallError: the connection or the session failing is exit 2; the
// API refusing (403, 400, 404) is 1.
func accessCallError(err error) error {
	switch nexla.KindOf(err) {
	case nexla.KindNetwork, nexla.KindAuthentication:
		return &ExitError{Code: 2, Err: err}
	}
	if errors.Is(err, nexla.ErrCircuitOpen) {
		return &ExitError{Code: 2, Err: err}
	}
	return &ExitError{Code: 1, Err: err}
}
