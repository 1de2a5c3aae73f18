package sim

import (
	"slices"
	"time"
)

// resKey names one resource for the side tables (accessors, audit log).
type resKey struct {
	kind uint8 // kindSource, kindNexset, kindSink or kindCredential
	id   int64
}

const kindCredential uint8 = 4

const demoOrgID int64 = 7

// Id spaces. Nexla's ids are plain integers per table; distinct ranges make
// ids easy to tell apart by eye and keep 100,000 resources collision free.
const (
	firstCredentialID = 3001
	firstSourceID     = 10001
	firstNexsetID     = 100001
	firstSinkID       = 500001
	firstNodeID       = 800001
	firstAuditID      = 1
	firstNotifID      = 9001
)

// org is the whole simulated organisation. It is guarded by Sim.mu.
type org struct {
	id          int64
	name        string
	emailDomain string
	clientID    string
	currentUser int64

	users  []*user
	teams  []*team
	creds  []*credential
	groups []*credGroup

	sources []*source
	sets    []*nexset
	sinks   []*sink
	flows   []*flow

	credByID   map[int64]*credential
	srcByID    map[int64]*source
	setByID    map[int64]*nexset
	sinkByID   map[int64]*sink
	flowByNode map[int64]*flow

	accessors     map[resKey][]accessor // only resources whose list was changed or seeded
	audit         map[resKey][]auditEntry
	notifications []*notification

	nextCred, nextSource, nextSet, nextSink, nextNode, nextAudit, nextNotif int64
}

func newOrg(capFlows int) *org {
	return &org{
		id: demoOrgID, name: "Acme Retail", emailDomain: "acme-retail.example", clientID: "acme-retail",
		credByID:   make(map[int64]*credential),
		srcByID:    make(map[int64]*source, capFlows),
		setByID:    make(map[int64]*nexset, capFlows*2),
		sinkByID:   make(map[int64]*sink, capFlows),
		flowByNode: make(map[int64]*flow, capFlows*4),
		accessors:  make(map[resKey][]accessor),
		audit:      make(map[resKey][]auditEntry),
		sources:    make([]*source, 0, capFlows),
		sets:       make([]*nexset, 0, capFlows*2),
		sinks:      make([]*sink, 0, capFlows),
		flows:      make([]*flow, 0, capFlows),
		nextCred:   firstCredentialID, nextSource: firstSourceID, nextSet: firstNexsetID,
		nextSink: firstSinkID, nextNode: firstNodeID, nextAudit: firstAuditID, nextNotif: firstNotifID,
	}
}

func (o *org) user(id int64) *user {
	for _, u := range o.users {
		if u.id == id {
			return u
		}
	}
	return o.users[0]
}

func (o *org) addCredential(c *credential) *credential {
	c.id = o.nextCred
	o.nextCred++
	if c.role == "" {
		c.role = roleOwner
	}
	o.creds = append(o.creds, c)
	o.credByID[c.id] = c
	return c
}

func (o *org) newFlow(name, scenario string, owner int64, role string, schedule time.Duration, created time.Time) *flow {
	f := &flow{
		originNode: o.nextNode, name: name, scenario: scenario, ownerID: owner, role: role,
		flowType: "streaming", schedule: schedule, created: created,
	}
	o.flows = append(o.flows, f)
	return f
}

func (o *org) takeNode(f *flow) int64 {
	id := o.nextNode
	o.nextNode++
	o.flowByNode[id] = f
	return id
}

func (o *org) addSource(f *flow, name, connector string, credID int64, format, location string) *source {
	s := &source{
		base:      base{id: o.nextSource, nodeID: o.takeNode(f), flow: f, name: name, status: statusActive, created: f.created, updated: f.created},
		connector: connector, credID: credID, format: format, location: location,
	}
	o.nextSource++
	f.src = s
	o.sources = append(o.sources, s)
	o.srcByID[s.id] = s
	return s
}

func (o *org) addNexset(f *flow, parent *nexset, name string, transform bool, schema int) *nexset {
	n := &nexset{
		base:   base{id: o.nextSet, nodeID: o.takeNode(f), flow: f, name: name, status: statusActive, created: f.created, updated: f.created},
		parent: parent, transform: transform, schema: schema,
	}
	o.nextSet++
	if parent != nil {
		parent.children = append(parent.children, n)
	}
	f.sets = append(f.sets, n)
	o.sets = append(o.sets, n)
	o.setByID[n.id] = n
	return n
}

func (o *org) addSink(f *flow, set *nexset, name, connector string, credID int64, format, location string) *sink {
	s := &sink{
		base:      base{id: o.nextSink, nodeID: o.takeNode(f), flow: f, name: name, status: statusActive, created: f.created, updated: f.created},
		connector: connector, credID: credID, format: format, set: set, location: location,
	}
	o.nextSink++
	set.sinks = append(set.sinks, s)
	f.sinks = append(f.sinks, s)
	o.sinks = append(o.sinks, s)
	o.sinkByID[s.id] = s
	return s
}

func (o *org) addAudit(k resKey, itemType, event string, userID int64, at time.Time, changes map[string][2]any) {
	e := auditEntry{id: o.nextAudit, itemType: itemType, itemID: k.id, event: event, userID: userID, changes: changes, at: at}
	for field := range changes {
		e.summary = append(e.summary, field)
	}
	sortStrings(e.summary)
	o.nextAudit++
	o.audit[k] = append(o.audit[k], e)
}

func (o *org) addNotification(level, resType string, resID, owner int64, message string, at time.Time, read bool) {
	n := &notification{id: o.nextNotif, level: level, resType: resType, resID: resID, owner: owner, msgID: 100 + o.nextNotif%40, message: message, at: at}
	if read {
		n.readAt = at.Add(20 * time.Minute)
	}
	o.nextNotif++
	o.notifications = append(o.notifications, n)
}

// nodeResource finds which resource a flow node stands for.
func (f *flow) nodeResource(nodeID int64) (uint8, *base) {
	if f.src != nil && f.src.nodeID == nodeID {
		return kindSource, &f.src.base
	}
	for _, n := range f.sets {
		if n.nodeID == nodeID {
			return kindNexset, &n.base
		}
	}
	for _, s := range f.sinks {
		if s.nodeID == nodeID {
			return kindSink, &s.base
		}
	}
	return 0, nil
}

// credIDs lists the distinct credentials the flow uses, a credentials
// group's members included.
func (f *flow) credIDs() []int64 {
	var ids []int64
	add := func(id int64) {
		if id != 0 && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if f.src != nil {
		add(f.src.credID)
		if f.src.group != nil {
			for _, id := range f.src.group.credIDs {
				add(id)
			}
		}
	}
	for _, s := range f.sinks {
		add(s.credID)
	}
	return ids
}

func itemTypeOf(kind uint8) string {
	switch kind {
	case kindSource:
		return "DataSource"
	case kindNexset:
		return "DataSet"
	case kindSink:
		return "DataSink"
	}
	return "DataCredentials"
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
