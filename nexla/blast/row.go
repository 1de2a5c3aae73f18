package blast

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/nexla-tui/nexla-tui/nexla"
)

// CredentialOf is the one credential whose blast radius a row stands for
// ("mark every flow the credential of this row breaks"): a credential is
// its own; a source or destination has the one it authenticates with (a
// credentials group holding one credential counts as that one); a flow has
// the one its sources and destinations use, or, when they use several, the
// only one whose stored status is failing. Anything else is an error that
// says why no single credential is meant, never a guess: the caller marks
// flows to pause from the answer.
func CredentialOf(fr *nexla.FlowResponse, rt nexla.ResourceType, id int64) (int64, error) {
	if rt == nexla.Flows {
		return ofFlow(fr, id)
	}
	ix := fr.Index()
	switch rt {
	case nexla.DataCredentials:
		return id, nil
	case nexla.DataSources:
		s, ok := ix.Sources[id]
		if !ok {
			return 0, fmt.Errorf("source %d is not in the flows listing: its credential is unknown", id)
		}
		return oneOfUse(ix, rt, id, s.CredentialID(), s.DataCredentialsGroupID)
	case nexla.DataSinks:
		d, ok := ix.Destinations[id]
		if !ok {
			return 0, fmt.Errorf("destination %d is not in the flows listing: its credential is unknown", id)
		}
		return oneOfUse(ix, rt, id, d.CredentialID(), d.DataCredentialsGroupID)
	}
	return 0, fmt.Errorf("a %s uses no credential: mark from a source, destination or credential", rt.Singular())
}

// usedBy are the credentials one source or destination may authenticate
// with: its own, or every credential of its group.
func usedBy(ix nexla.FlowIndex, direct, group int64) (creds []int64, unreadable bool) {
	switch {
	case direct != 0:
		return []int64{direct}, false
	case group == 0:
		return nil, false
	}
	g, ok := ix.Groups[group]
	if !ok {
		return nil, true
	}
	return g.CredentialIDs(), false
}

func oneOfUse(ix nexla.FlowIndex, rt nexla.ResourceType, id, direct, group int64) (int64, error) {
	what := rt.Singular() + " " + strconv.FormatInt(id, 10)
	creds, unreadable := usedBy(ix, direct, group)
	switch {
	case unreadable:
		return 0, fmt.Errorf("%s authenticates through credentials group %d, which the listing did not include", what, group)
	case len(creds) == 0:
		return 0, fmt.Errorf("%s uses no credential", what)
	case len(creds) > 1:
		return 0, fmt.Errorf("%s authenticates through credentials group %d (credentials %s): mark from one of them in :credentials",
			what, group, idList(creds))
	}
	return creds[0], nil
}

// ofFlow: the credentials of every source and destination of flow id.
func ofFlow(fr *nexla.FlowResponse, id int64) (int64, error) {
	l := index(fr)
	ix := l.ix
	if _, ok := l.origins[id]; !ok {
		return 0, fmt.Errorf("flow %d is not in the flows listing: its credentials are unknown", id)
	}
	var creds []int64
	add := func(rt nexla.ResourceType, c nexla.Common, direct, group int64) error {
		if l.flowOfResource(rt, c) != id {
			return nil
		}
		ids, unreadable := usedBy(ix, direct, group)
		if unreadable {
			return fmt.Errorf("flow %d's %s %d authenticates through credentials group %d, which the listing did not include",
				id, rt.Singular(), c.ID, group)
		}
		for _, c := range ids {
			if !slices.Contains(creds, c) {
				creds = append(creds, c)
			}
		}
		return nil
	}
	for _, s := range fr.DataSources {
		if err := add(nexla.DataSources, s.Common, s.CredentialID(), s.DataCredentialsGroupID); err != nil {
			return 0, err
		}
	}
	for _, d := range fr.DataSinks {
		if err := add(nexla.DataSinks, d.Common, d.CredentialID(), d.DataCredentialsGroupID); err != nil {
			return 0, err
		}
	}
	switch len(creds) {
	case 0:
		return 0, fmt.Errorf("flow %d uses no credential the listing shows", id)
	case 1:
		return creds[0], nil
	}
	var failing []int64
	for _, c := range creds {
		if cr, ok := ix.Credentials[c]; ok && cr.VerifiedStatus != "" && !cr.Verified() {
			failing = append(failing, c)
		}
	}
	if len(failing) == 1 {
		return failing[0], nil
	}
	slices.Sort(creds)
	return 0, fmt.Errorf("flow %d uses credentials %s (%d stored as failing): mark from its source or destination in the tree, or from a credential in :credentials",
		id, idList(creds), len(failing))
}

func idList(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ", ")
}
